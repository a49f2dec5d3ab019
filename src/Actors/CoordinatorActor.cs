using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Workload;

namespace MecActors.Actors;

/// <summary>
/// Holds the policies and runs the slot barrier (docs/architecture.md, The four drivers): opens each slot, gathers tasks and
/// edge states (the queue states came with the last wave's horizon reports; the tasks were asked for when the slot
/// before was decided), decides, opens the horizon wave, and closes the slot once every resource taking part has reached
/// the horizon (in the last pass, for a cyclic wave) and every task is accounted for (finished and reported, or
/// waiting in a resource). Closing releases feedback to the policy, records to the metrics, and the next slot's
/// caches. After the last slot a final wave with an infinite horizon drains whatever work carried over. Only the
/// resources on links of routes in flight take part in a wave (<see cref="RouteActivity"/>). A barrier that stops
/// moving in wall time fails the run, naming who has not reported (<see cref="BarrierWatchdog"/>).
/// </summary>
public sealed class CoordinatorActor : SlotCoordinatorActor, IWithTimers
{
    private const string WatchdogTimer = "watchdog";

    private readonly SystemView _system;
    private readonly PolicySet _policies;
    private readonly int _seed;
    private readonly SlotCycle _cycle;
    private readonly RouteActivity _activity = new();
    private readonly WaveProgress _wave = new();
    private EmulationTopology _actors = null!;
    private BarrierWatchdog? _watchdog;
    private IActorRef _client = ActorRefs.Nobody;
    private int _slots;
    private int _slot;
    private int _generating;
    private double _horizon;
    private long _released;
    private long _reported;

    public CoordinatorActor(SystemView system, PolicySet policies, int seed)
    {
        _system = system;
        _policies = policies;
        _seed = seed;
        _cycle = new SlotCycle(system, policies, seed);
        Receive<RunCommands.StartRun>(OnStartRun);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SystemView system, PolicySet policies, int seed) =>
        Akka.Actor.Props.Create(() => new CoordinatorActor(system, policies, seed));

    protected override void PreStart() => _actors = EmulationTopology.Spawn(Context, _system, _seed, Self);

    private void OnStartRun(RunCommands.StartRun start)
    {
        _client = start.ReplyTo;
        _slots = start.Slots;
        Become(Running);
        Guarded(() =>
        {
            if (BarrierWatchdog.BoundOf(Context.System.Settings.Config) is { } bound)
            {
                _watchdog = new BarrierWatchdog(bound, _system.Scenario.DeviceCount, _system.Scenario.EdgeCount);
                Timers.StartSingleTimer(WatchdogTimer, BarrierWatchdog.Check.Instance, _watchdog.CheckInterval);
            }

            Place(_actors.Edges, _slot + 1, _cycle.FirstCaches());
            OpenSlot(1);
        });
    }

    private void Running()
    {
        Receive<SlotEvents.TaskGenerated>(OnTaskGenerated);
        Receive<SlotEvents.EdgeStatusReported>(OnEdgeStatus);
        Receive<SlotEvents.HorizonReached>(OnHorizonReached);
        Receive<TaskEvents.TaskReported>(OnTaskReported);
        Receive<BarrierWatchdog.Check>(_ => OnWatchdogCheck());
    }

    private void OpenSlot(int slot)
    {
        _slot = slot;
        if (slot > _slots)
        {
            _horizon = double.PositiveInfinity;
            OpenWave(null);
            TryClose();
            return;
        }

        _horizon = slot * _system.Scenario.SlotSeconds;
        if (_generating < slot)
        {
            BeginGenerating(slot);
        }

        var now = (slot - 1) * _system.Scenario.SlotSeconds;
        foreach (var edge in _actors.Edges)
        {
            edge.Tell(new SlotCommands.ReportStatus(slot, now));
        }
    }

    /// <summary>
    /// Asks every device for its tasks of <paramref name="slot"/>. A device's tasks depend only on its own stream and
    /// its cell's popularity, which moves with the requests of the slot before, so the next slot's tasks are asked for
    /// as soon as this slot is decided and come in while its wave runs; the edges' states wait for the slot's start.
    /// </summary>
    private void BeginGenerating(int slot)
    {
        _generating = slot;
        _cycle.Gather();
        for (var u = 0; u < _actors.Devices.Length; u++)
        {
            _actors.Devices[u].Tell(new SlotCommands.BeginSlot(slot, _cycle.PopularityOf(_system.Scenario.LocalEdgeOf(u))));
        }
    }

    private void OnTaskGenerated(SlotEvents.TaskGenerated generated)
    {
        _watchdog?.DeviceReported(generated.Device, generated.Slot);
        if (_cycle.TaskGenerated(generated.Device, generated.Tasks))
        {
            Guarded(Decide);
        }
    }

    private void OnEdgeStatus(SlotEvents.EdgeStatusReported reported)
    {
        _watchdog?.EdgeReported(reported.Status.Edge, reported.Slot);
        if (_cycle.EdgeReported(reported.Status))
        {
            Guarded(Decide);
        }
    }

    private void Decide()
    {
        var decision = _cycle.Decide(_slot);
        foreach (var plan in decision.Plans)
        {
            if (plan.DropReason is null)
            {
                _released++;
                _activity.Released(plan);
                _actors.Devices[plan.Request.Device].Tell(new TaskCommands.Execute(plan));
            }
        }

        OpenWave(decision);
        _cycle.ObserveDemand();
        if (_slot < _slots)
        {
            BeginGenerating(_slot + 1);
        }

        TryClose();
    }

    private void OpenWave(SlotDecision? decision)
    {
        var layout = _activity.Layout(_slot, _horizon, decision);
        var wave = _wave.Open(layout);
        foreach (var role in layout.Roles)
        {
            _actors.Directory[role.Resource].Tell(new SlotCommands.OpenWave(wave, _slot, _horizon, role, layout.Cyclic));
        }
    }

    private void OnHorizonReached(SlotEvents.HorizonReached reached) => Guarded(() =>
    {
        _watchdog?.Progressed();
        _cycle.Queues.Reported(reached.Resource, reached.Queue);
        switch (_wave.Reached(reached.Resource, reached.Wave, reached.Pass, reached.PendingTasks, reached.BackLinksChanged))
        {
            case PassOutcome.NextPass:
                ToWave(new SlotCommands.NextPass(_wave.Wave, _wave.Pass));
                break;
            case PassOutcome.Commit:
                ToWave(new SlotCommands.CommitWave(_wave.Wave));
                break;
        }

        TryClose();
    });

    private void ToWave(object message)
    {
        foreach (var role in _wave.Layout!.Roles)
        {
            _actors.Directory[role.Resource].Tell(message);
        }
    }

    private void OnTaskReported(TaskEvents.TaskReported reported)
    {
        _watchdog?.Progressed();
        _reported++;
        try
        {
            _activity.Ended(reported.Record.TaskId);
            _cycle.Record(reported.Record);
        }
        catch (InvalidOperationException e)
        {
            Fail(e);
            return;
        }

        TryClose();
    }

    private void TryClose()
    {
        if (_wave.Done && _reported + _wave.PendingInResources == _released)
        {
            _wave.Close();
            Guarded(CloseSlot);
        }
    }

    private void CloseSlot()
    {
        foreach (var feedback in _cycle.Release(_horizon))
        {
            _actors.Metrics.Tell(MetricsCommands.RecordSlot.Of(feedback));
            if (_system.TracesTasks)
            {
                _client.Tell(new SlotEvents.TasksEnded(feedback.Slot, feedback.Records));
            }
        }

        if (_slot > _slots)
        {
            if (_cycle.OpenSlots > 0)
            {
                throw new InvalidOperationException($"{_cycle.Outstanding} tasks never ended");
            }

            Timers.Cancel(WatchdogTimer);
            _actors.Metrics.Tell(new MetricsCommands.Complete(_policies.Name, _slots, _client, _wave.Traffic));
            return;
        }

        Place(_actors.Edges, _slot + 1, _cycle.NextCaches(_slot + 1));
        _client.Tell(new SlotEvents.SlotClosed(_slot, _slots));
        OpenSlot(_slot + 1);
    }

    private void OnWatchdogCheck()
    {
        if (_watchdog!.Stalled())
        {
            Fail(new TimeoutException($"the slot barrier made no progress for {Seconds(_watchdog.Bound)} of wall time; {Awaited()}"));
            return;
        }

        Timers.StartSingleTimer(WatchdogTimer, BarrierWatchdog.Check.Instance, _watchdog.CheckInterval);
    }

    /// <summary>Who the barrier waits for: the slot's reports, the resources of the wave's pass, or the tasks' ends.</summary>
    private string Awaited()
    {
        if (_cycle.Gathering && _generating == _slot)
        {
            var edges = _watchdog!.EdgesAwaited(_slot).Select(n => ResourceRef.EdgeCompute(n).ToString());
            return $"no report of slot {_slot} from {BarrierWatchdog.List(_watchdog.DevicesAwaited(_slot).Concat(edges))}";
        }

        if (_wave.Waiting)
        {
            return $"wave {_wave.Wave} (pass {_wave.Pass}) waits for {BarrierWatchdog.List(_wave.Unreported().Select(r => r.ToString()))} to reach the horizon";
        }

        var missing = _released - _reported - _wave.PendingInResources;
        return $"{missing} of the {_activity.InFlight} tasks in flight have not been reported by their devices";
    }

    private static string Seconds(TimeSpan span) => FormattableString.Invariant($"{span.TotalSeconds:0.###} s");

    protected override void Fail(Exception e)
    {
        Timers.CancelAll();
        _client.Tell(new RunEvents.RunFailed($"slot {_slot}: {e.Message}"));
        Context.Stop(Self);
    }
}
