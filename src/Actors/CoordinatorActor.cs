using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Workload;

namespace MecActors.Actors;

/// <summary>
/// Holds the policies and runs the slot barrier (DESIGN.md, Time): opens each slot, gathers tasks and edge
/// states, decides, opens the horizon wave, and closes the slot once every resource has reached the horizon
/// and every task is accounted for (finished and reported, or waiting in a resource). Closing releases
/// feedback to the policy, records to the metrics, and the next slot's caches. After the last slot a final
/// wave with an infinite horizon drains whatever work carried over. Only the fiber paths with a task in flight
/// through them take part in a wave (<see cref="FiberActivity"/>); the others are empty.
/// </summary>
public sealed class CoordinatorActor : SlotCoordinatorActor
{
    private readonly SystemView _system;
    private readonly PolicySet _policies;
    private readonly int _seed;
    private readonly SlotCycle _cycle;
    private readonly FiberActivity _fibers;
    private EmulationTopology _actors = null!;
    private IActorRef _client = ActorRefs.Nobody;
    private int _slots;
    private int _slot;
    private double _horizon;
    private int _awaitedHorizons;
    private int _pendingInResources;
    private long _released;
    private long _reported;
    private long _fiberPathWaves;

    public CoordinatorActor(SystemView system, PolicySet policies, int seed)
    {
        _system = system;
        _policies = policies;
        _seed = seed;
        _cycle = new SlotCycle(system, policies, seed);
        _fibers = new FiberActivity(system.Scenario.EdgeCount);
        Receive<RunCommands.StartRun>(OnStartRun);
    }

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
    }

    private void OpenSlot(int slot)
    {
        _slot = slot;
        if (slot > _slots)
        {
            _horizon = double.PositiveInfinity;
            OpenWave([], []);
            return;
        }

        _horizon = slot * _system.Scenario.SlotSeconds;
        _cycle.Gather();
        var now = (slot - 1) * _system.Scenario.SlotSeconds;
        for (var u = 0; u < _actors.Devices.Length; u++)
        {
            _actors.Devices[u].Tell(new SlotCommands.BeginSlot(slot, _cycle.PopularityOf(_system.Scenario.LocalEdgeOf(u))));
        }

        foreach (var edge in _actors.Edges)
        {
            edge.Tell(new SlotCommands.ReportStatus(slot, now));
        }
    }

    private void OnTaskGenerated(SlotEvents.TaskGenerated generated)
    {
        if (_cycle.TaskGenerated(generated.Device, generated.Task))
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

    private void Decide()
    {
        var decision = _cycle.Decide(_slot);
        foreach (var plan in decision.Plans)
        {
            if (plan.DropReason is null)
            {
                _released++;
                _fibers.Released(plan.Request.LocalEdge, plan.TargetEdge);
                _actors.Devices[plan.Request.Device].Tell(new TaskCommands.Execute(plan));
            }
        }

        OpenWave(decision.UploadsPerCell, decision.TasksPerEdge, decision.Downloads);
    }

    private void OpenWave(int[] uploadsPerCell, int[] tasksPerEdge, ModelDownload[]? downloads = null)
    {
        _awaitedHorizons = _actors.ResourceCount - _fibers.PathCount + _fibers.ActiveCount;
        _fiberPathWaves += _fibers.ActiveCount;
        _pendingInResources = 0;
        for (var n = 0; n < _actors.Edges.Length; n++)
        {
            _actors.Radios[n].Tell(new SlotCommands.OpenWave(_slot, _horizon, uploadsPerCell.Length == 0 ? 0 : uploadsPerCell[n], _fibers.ActiveFrom(n)));
            _actors.Edges[n].Tell(new SlotCommands.OpenWave(_slot, _horizon, tasksPerEdge.Length == 0 ? 0 : tasksPerEdge[n], _fibers.ActiveInto(n)));
        }

        _actors.Cloud.Tell(new SlotCommands.FetchModels(_slot, _horizon, downloads ?? []));
    }

    private void OnHorizonReached(SlotEvents.HorizonReached reached)
    {
        _awaitedHorizons--;
        _pendingInResources += reached.PendingTasks;
        TryClose();
    }

    private void OnTaskReported(TaskEvents.TaskReported reported)
    {
        _reported++;
        _fibers.Ended(reported.Record.LocalEdge, reported.Record.TargetEdge);
        try
        {
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
        if (_awaitedHorizons == 0 && _reported + _pendingInResources == _released)
        {
            _awaitedHorizons = -1;
            Guarded(CloseSlot);
        }
    }

    private void CloseSlot()
    {
        foreach (var feedback in _cycle.Release(_horizon))
        {
            _actors.Metrics.Tell(MetricsCommands.RecordSlot.Of(feedback));
        }

        if (_slot > _slots)
        {
            if (_cycle.OpenSlots > 0)
            {
                throw new InvalidOperationException($"{_cycle.Outstanding} tasks never ended");
            }

            _actors.Metrics.Tell(new MetricsCommands.Complete(_policies.Name, _slots, _client, _fiberPathWaves));
            return;
        }

        _cycle.ObserveDemand();
        Place(_actors.Edges, _slot + 1, _cycle.NextCaches(_slot + 1));
        _client.Tell(new SlotEvents.SlotClosed(_slot, _slots));
        OpenSlot(_slot + 1);
    }

    protected override void Fail(Exception e)
    {
        _client.Tell(new RunEvents.RunFailed($"slot {_slot}: {e.Message}"));
        Context.Stop(Self);
    }
}
