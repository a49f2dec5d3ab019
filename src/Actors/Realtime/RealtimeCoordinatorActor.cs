using System.Globalization;
using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Realtime;

/// <summary>
/// The slot barrier on wall time. The clock begins a slot every tau x time scale from the first: the coordinator
/// releases the feedback of the slots whose tasks have all ended, updates demand and caches, has the devices
/// draw their tasks, the edges report their state and every resource measure its queue, decides with the same <see cref="SlotDecider"/> as the
/// virtual coordinator, and sets the slot's plans in motion through the realtime resources, which hold every
/// task for its scaled duration. After the last slot the run ends when every released task is reported, or
/// fails once its wall-clock budget is spent.
/// </summary>
public sealed class RealtimeCoordinatorActor : SlotCoordinatorActor, IWithTimers
{
    private const string TimeoutTimer = "timeout";

    private readonly SystemView _system;
    private readonly PolicySet _policies;
    private readonly int _seed;
    private readonly RealtimeClock _clock;
    private readonly TimeSpan _timeout;
    private readonly SlotCycle _cycle;
    private EmulationTopology _actors = null!;
    private IActorRef _client = ActorRefs.Nobody;
    private int _slots;
    private int _slot;
    private double _releasedAt;
    private double _firstReleasedAt;
    private long _released;
    private long _reported;
    private bool _draining;

    public RealtimeCoordinatorActor(SystemView system, PolicySet policies, int seed, RealtimeClock clock, TimeSpan timeout)
    {
        _system = system;
        _policies = policies;
        _seed = seed;
        _clock = clock;
        _timeout = timeout;
        _cycle = new SlotCycle(system, policies, seed);
        Receive<RunCommands.StartRun>(OnStartRun);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SystemView system, PolicySet policies, int seed, RealtimeClock clock, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new RealtimeCoordinatorActor(system, policies, seed, clock, timeout));

    protected override void PreStart() =>
        _actors = EmulationTopology.Spawn(Context, _system, _seed, Self, (resource, directory) => RealtimeResourceActor.Props(_system, _clock, resource, directory));

    private void OnStartRun(RunCommands.StartRun start)
    {
        _client = start.ReplyTo;
        _slots = start.Slots;
        Become(Running);
        Guarded(() =>
        {
            Place(_actors.Edges, _slot + 1, _cycle.FirstCaches());
            Timers.StartSingleTimer(TimeoutTimer, RealtimeCommands.RunTimedOut.Instance, _timeout);
            Self.Tell(RealtimeCommands.SlotTick.Instance);
        });
    }

    private void Running()
    {
        Receive<RealtimeCommands.SlotTick>(_ => Guarded(OnSlotTick));
        Receive<SlotEvents.TaskGenerated>(OnTaskGenerated);
        Receive<SlotEvents.EdgeStatusReported>(OnEdgeStatus);
        Receive<RealtimeCommands.QueueMeasured>(OnQueueMeasured);
        Receive<TaskEvents.TaskReported>(OnTaskReported);
        Receive<RealtimeCommands.RunTimedOut>(_ => OnTimedOut());
    }

    private void OnSlotTick()
    {
        if (_cycle.Gathering)
        {
            throw new InvalidOperationException(
                $"slot {_slot} was still gathering tasks and edge states when slot {_slot + 1} was due "
                + $"({_clock.ToWall(_system.Scenario.SlotSeconds).TotalMilliseconds:0.#} ms of wall time per slot); use a larger time scale");
        }

        if (_slot >= 1)
        {
            CloseSlot();
        }

        _slot++;
        if (_slot > _slots)
        {
            _draining = true;
            TryFinish();
            return;
        }

        _releasedAt = _clock.Now;
        if (_slot == 1)
        {
            _firstReleasedAt = _releasedAt;
        }

        _clock.Deliver(_firstReleasedAt + _slot * _system.Scenario.SlotSeconds, Self, RealtimeCommands.SlotTick.Instance);

        // No wave ends at a slot's start in wall time: every resource measures its queue then.
        _cycle.Gather(_actors.Directory.Resources.Count);
        var now = (_slot - 1) * _system.Scenario.SlotSeconds;
        for (var u = 0; u < _actors.Devices.Length; u++)
        {
            _actors.Devices[u].Tell(new SlotCommands.BeginSlot(_slot, _cycle.PopularityOf(_system.Scenario.LocalEdgeOf(u))));
        }

        foreach (var edge in _actors.Edges)
        {
            edge.Tell(new SlotCommands.ReportStatus(_slot, now));
        }

        var measure = new RealtimeCommands.MeasureQueue(_slot);
        foreach (var resource in _actors.Directory.Resources.Values)
        {
            resource.Tell(measure);
        }
    }

    /// <summary>The slot that just ended: feedback of every slot complete by its end, then demand and caches for the next.</summary>
    private void CloseSlot()
    {
        Release(_slot * _system.Scenario.SlotSeconds);
        _cycle.ObserveDemand();
        if (_slot < _slots)
        {
            Place(_actors.Edges, _slot + 1, _cycle.NextCaches(_slot + 1));
        }

        _client.Tell(new SlotEvents.SlotClosed(_slot, _slots));
    }

    private void Release(double horizon)
    {
        foreach (var feedback in _cycle.Release(horizon))
        {
            _actors.Metrics.Tell(MetricsCommands.RecordSlot.Of(feedback));
            if (_system.TracesTasks)
            {
                _client.Tell(new SlotEvents.TasksEnded(feedback.Slot, feedback.Records));
            }
        }
    }

    private void OnTaskGenerated(SlotEvents.TaskGenerated generated)
    {
        if (_cycle.TaskGenerated(generated.Device, generated.Tasks))
        {
            Guarded(Decide);
        }
    }

    private void OnEdgeStatus(SlotEvents.EdgeStatusReported reported)
    {
        if (_cycle.EdgeReported(reported.Status))
        {
            Guarded(Decide);
        }
    }

    private void OnQueueMeasured(RealtimeCommands.QueueMeasured measured)
    {
        if (_cycle.QueueMeasured(measured.State))
        {
            Guarded(Decide);
        }
    }

    private void Decide()
    {
        var decision = _cycle.Decide(_slot);
        foreach (var role in SlotRoles(decision))
        {
            _actors.Directory[role.Key].Tell(role.Value);
        }

        foreach (var plan in decision.Plans)
        {
            if (plan.DropReason is null)
            {
                _released++;
                _actors.Devices[plan.Request.Device].Tell(new TaskCommands.Execute(plan));
            }
        }

        // The plans are on their way: what the policy left of its decision (learning from the last slot) runs now.
        _policies.Offloading.Settle();
    }

    /// <summary>What each resource must know of the slot before its tasks come: entries, K and downloads.</summary>
    private SortedDictionary<ResourceRef, RealtimeCommands.SlotRole> SlotRoles(SlotDecision decision)
    {
        var roles = new SortedDictionary<ResourceRef, RealtimeCommands.SlotRole>();
        RealtimeCommands.SlotRole Role(ResourceRef r) =>
            roles.TryGetValue(r, out var role) ? role : roles[r] = new RealtimeCommands.SlotRole(_slot, _releasedAt, 0, 0, []);

        foreach (var plan in decision.Plans)
        {
            if (plan.DropReason is null)
            {
                roles[plan.Entry] = Role(plan.Entry) with { Entries = Role(plan.Entry).Entries + 1 };
            }
        }

        foreach (var jobs in decision.ComputeJobs)
        {
            roles[jobs.Resource] = Role(jobs.Resource) with { ComputeJobs = jobs.Count };
        }

        foreach (var download in decision.Downloads)
        {
            roles[download.Link] = Role(download.Link) with { Fetches = [.. Role(download.Link).Fetches, download] };
        }

        return roles;
    }

    private void OnTaskReported(TaskEvents.TaskReported reported)
    {
        _reported++;
        Guarded(() =>
        {
            _cycle.Record(reported.Record);
            TryFinish();
        });
    }

    private void TryFinish()
    {
        if (!_draining || _reported != _released)
        {
            return;
        }

        Release(double.PositiveInfinity);
        if (_cycle.OpenSlots > 0)
        {
            throw new InvalidOperationException($"{_cycle.Outstanding} tasks never ended");
        }

        Timers.CancelAll();
        _actors.Metrics.Tell(new MetricsCommands.Complete(_policies.Name, _slots, _client));
        Become(Finished);
    }

    private void Finished()
    {
    }

    private void OnTimedOut() => Fail(new TimeoutException(
        string.Create(
            CultureInfo.InvariantCulture,
            $"the realtime run did not finish within its wall-clock budget of {_timeout.TotalSeconds:0.###} s: {_released - _reported} of {_released} released tasks still unfinished")));

    protected override void Fail(Exception e)
    {
        Timers.CancelAll();
        _client.Tell(new RunEvents.RunFailed($"slot {_slot} (realtime clock): {e.Message}"));
        Context.Stop(Self);
    }
}
