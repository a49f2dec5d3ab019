using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Cluster;

/// <summary>
/// The slot barrier of <see cref="CoordinatorActor"/> over sharded cells: the same <see cref="SlotCycle"/> (so the same
/// decisions, credit and caches), but each step is one message per cell through the shard region and one answer
/// back. It builds the cells (edge servers and backhauls first, then the fiber paths that need every edge), places
/// the cloud beside itself, and runs the slots; records stream to the submitter's metrics actor as slots close.
/// A cell that stops mid-run (its node left or crashed) fails the run with that reason rather than hang it.
/// </summary>
public sealed class ClusterCoordinatorActor : ReceiveActor
{
    private readonly SystemView _system;
    private readonly PolicySet _policies;
    private readonly int _seed;
    private readonly string _runId;
    private readonly IActorRef _cells;
    private readonly IActorRef _metrics;
    private readonly SlotCycle _cycle;
    private readonly IActorRef[] _edges;
    private readonly IActorRef[] _backhauls;
    private readonly Dictionary<IActorRef, int> _cellOf = new();
    private readonly int[][] _cellDevices;
    private IActorRef _cloud = ActorRefs.Nobody;
    private IActorRef _client = ActorRefs.Nobody;
    private bool[][] _placement = [];
    private int _awaitedCells;
    private int _slots;
    private int _slot;
    private double _horizon;
    private int _pendingInResources;
    private long _released;
    private long _reported;

    public ClusterCoordinatorActor(SystemView system, PolicySet policies, int seed, string runId, IActorRef cells, IActorRef metrics)
    {
        _system = system;
        _policies = policies;
        _seed = seed;
        _runId = runId;
        _cells = cells;
        _metrics = metrics;
        _cycle = new SlotCycle(system, policies, seed);
        var n = system.Scenario.EdgeCount;
        _edges = new IActorRef[n];
        _backhauls = new IActorRef[n];
        _cellDevices = Enumerable.Range(0, n)
            .Select(e => Enumerable.Range(0, system.Scenario.DeviceCount).Where(u => system.Scenario.LocalEdgeOf(u) == e).ToArray())
            .ToArray();
        Receive<RunCommands.StartRun>(OnStartRun);
    }

    public static Props Props(SystemView system, PolicySet policies, int seed, string runId, IActorRef cells, IActorRef metrics) =>
        Akka.Actor.Props.Create(() => new ClusterCoordinatorActor(system, policies, seed, runId, cells, metrics));

    private int EdgeCount => _edges.Length;

    private void OnStartRun(RunCommands.StartRun start)
    {
        _client = start.ReplyTo;
        _slots = start.Slots;
        _awaitedCells = EdgeCount;
        Become(Building);
        ToEveryCell(_ => new CellCommands.Build(_system.Scenario, _seed, Self));
    }

    private void Building()
    {
        Receive<CellEvents.Built>(built =>
        {
            _edges[built.Edge] = built.EdgeServer;
            _backhauls[built.Edge] = built.Backhaul;
            _cellOf[Sender] = built.Edge;
            Context.Watch(Sender);
            if (--_awaitedCells == 0)
            {
                _cloud = Context.ActorOf(CloudActor.Props(_backhauls), "cloud");
                _awaitedCells = EdgeCount;
                ToEveryCell(_ => new CellCommands.Connect(_edges));
            }
        });
        Receive<CellEvents.Connected>(_ =>
        {
            if (--_awaitedCells == 0)
            {
                Become(Running);
                Guarded(() =>
                {
                    _placement = _cycle.FirstCaches();
                    OpenSlot(1);
                });
            }
        });
        Receive<Terminated>(OnCellStopped);
    }

    private void Running()
    {
        Receive<CellEvents.Gathered>(OnGathered);
        Receive<CellEvents.WaveDone>(OnWaveDone);
        Receive<CellEvents.TasksReported>(reported => Guarded(() =>
        {
            RecordAll(reported.Records);
            TryClose();
        }));
        Receive<Terminated>(OnCellStopped);
    }

    private void OpenSlot(int slot)
    {
        _slot = slot;
        if (slot > _slots)
        {
            _horizon = double.PositiveInfinity;
            OpenWave(null);
            return;
        }

        _horizon = slot * _system.Scenario.SlotSeconds;
        _cycle.Gather();
        var now = (slot - 1) * _system.Scenario.SlotSeconds;
        ToEveryCell(n => new CellCommands.BeginSlot(slot, now, _cycle.PopularityOf(n), _placement[n]));
    }

    private void OnGathered(CellEvents.Gathered gathered) => Guarded(() =>
    {
        var complete = _cycle.EdgeReported(gathered.Status);
        foreach (var generated in gathered.Tasks)
        {
            complete = _cycle.TaskGenerated(generated.Device, generated.Task);
        }

        if (complete)
        {
            OpenWave(_cycle.Decide(_slot));
        }
    });

    private void OpenWave(SlotDecision? decision)
    {
        var plans = new List<TaskPlan>[EdgeCount];
        for (var n = 0; n < EdgeCount; n++)
        {
            plans[n] = new List<TaskPlan>();
        }

        foreach (var plan in decision?.Plans ?? [])
        {
            if (plan.DropReason is null)
            {
                _released++;
                plans[plan.Request.LocalEdge].Add(plan);
            }
        }

        _awaitedCells = EdgeCount;
        _pendingInResources = 0;
        ToEveryCell(n => new CellCommands.OpenWave(
            _slot,
            _horizon,
            plans[n].ToArray(),
            decision?.UploadsPerCell[n] ?? 0,
            decision?.TasksPerEdge[n] ?? 0));
        _cloud.Tell(new SlotCommands.FetchModels(_slot, _horizon, decision?.Downloads ?? []));
    }

    private void OnWaveDone(CellEvents.WaveDone done) => Guarded(() =>
    {
        _awaitedCells--;
        _pendingInResources += done.PendingTasks;
        RecordAll(done.Records);
        TryClose();
    });

    private void RecordAll(TaskRecord[] records)
    {
        foreach (var record in records)
        {
            _reported++;
            _cycle.Record(record);
        }
    }

    private void TryClose()
    {
        if (_awaitedCells == 0 && _reported + _pendingInResources == _released)
        {
            _awaitedCells = -1;
            CloseSlot();
        }
    }

    private void CloseSlot()
    {
        foreach (var feedback in _cycle.Release(_horizon))
        {
            _metrics.Tell(MetricsCommands.RecordSlot.Of(feedback));
        }

        if (_slot > _slots)
        {
            if (_cycle.OpenSlots > 0)
            {
                throw new InvalidOperationException($"{_cycle.Outstanding} tasks never ended");
            }

            _metrics.Tell(new MetricsCommands.Complete(_policies.Name, _slots, _client));
            Retire();
            return;
        }

        _cycle.ObserveDemand();
        _placement = _cycle.NextCaches(_slot + 1);
        _client.Tell(new SlotEvents.SlotClosed(_slot, _slots));
        OpenSlot(_slot + 1);
    }

    private void ToEveryCell(Func<int, ICellCommand> command)
    {
        for (var n = 0; n < EdgeCount; n++)
        {
            _cells.Tell(new CellCommands.Envelope(_runId, n, command(n)));
        }
    }

    private void OnCellStopped(Terminated terminated)
    {
        var edge = _cellOf.TryGetValue(terminated.ActorRef, out var e) ? e : -1;
        Fail(new InvalidOperationException(
            $"cell {edge} stopped at {terminated.ActorRef.Path.Address} (its node left or crashed); {_released - _reported} tasks in flight"));
    }

    private void Guarded(Action step)
    {
        try
        {
            step();
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Fail(Exception e)
    {
        _client.Tell(new RunEvents.RunFailed($"slot {_slot}: {e.Message}"));
        Retire();
    }

    /// <summary>Stops the run's cells wherever they live, then itself.</summary>
    private void Retire()
    {
        foreach (var cell in _cellOf.Keys)
        {
            Context.Unwatch(cell);
        }

        ToEveryCell(_ => CellCommands.Retire.Instance);
        Context.Stop(Self);
    }
}
