using Akka.Actor;
using Akka.Event;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Cluster;

/// <summary>
/// The slot barrier of <see cref="CoordinatorActor"/> over sharded cells: the same <see cref="SlotCycle"/> and
/// <see cref="RouteActivity"/> (so the same decisions, waves, credit and caches), but each step is one message per
/// cell and one answer back. It builds the cells through the shard region (their resources first, then their devices,
/// which need every cell), and runs the slots; records stream to the submitter's metrics actor as slots close.
/// <para>
/// A cell whose node leaves gracefully reports <see cref="CellEvents.Leaving"/>. After the current slot closes, a
/// wave with an infinite horizon drains every task in flight to its end (exact for FIFO, dedicated and per-slot
/// equal-share resources, whose later arrivals never overtake earlier work), the cells retire, and a new generation
/// is built through the region, which places the departing node's shards elsewhere; devices resume their streams
/// where they were. A cell that stops without notice (a crashed or killed node, once the cluster has downed it) takes
/// its queues with it: every task in flight ends as dropped (<see cref="DropReasons.NodeLost"/>), the slot closes,
/// and a new generation of cells goes on from the next slot on the remaining nodes.
/// </para>
/// <para>
/// Every K slots (<see cref="ClusterRunCommands.SubmitRun.CheckpointEvery"/>) it writes the run's checkpoint
/// (<see cref="RunCheckpoint"/>: the decisions so far and the policies' state) to the run's file, so that the
/// coordinator the run is given to after this one is lost resumes it: it emulates the checkpoint's slots again on
/// fresh cells with their logged decisions, which rebuilds the cells, the devices' streams and its own bookkeeping
/// exactly, puts the policies' state back, and decides live from the next slot. A run whose policies cannot capture
/// their state is not checkpointed, and is run again from its first slot.
/// </para>
/// </summary>
public sealed class ClusterCoordinatorActor : SlotCoordinatorActor, IWithTimers
{
    /// <summary>
    /// How long to wait for a cell to answer Build before asking again: after a node dies, the region may still route
    /// the cell's shard to the dead node until the shard coordinator has seen it removed.
    /// </summary>
    private static readonly TimeSpan BuildRetry = TimeSpan.FromSeconds(2);

    private readonly SystemView _system;
    private readonly PolicySet _policies;
    private readonly int _seed;
    private readonly string _runId;
    private readonly IActorRef _region;
    private readonly IActorRef _metrics;
    private readonly int _checkpointEvery;
    private readonly string? _checkpointFile;
    private readonly SlotCycle _cycle;
    private readonly IActorRef[] _cells;
    private readonly bool[] _built;
    private readonly RouteActivity _activity = new();
    private readonly WaveProgress _wave = new();
    private readonly HashSet<int> _leaving = new();
    private readonly bool[] _answered;
    private BarrierWatchdog? _watchdog;
    private int _generation;
    private IActorRef _client = ActorRefs.Nobody;
    private bool[][] _placement = [];
    private int _awaitedCells;
    private int _slots;
    private int _slot;
    private int _nextSlot = 1;
    private bool _draining;
    private bool _building;
    private bool _finished;
    private double _horizon;
    private int _pass;
    private int _pending;
    private bool _changed;
    private int _passPending;
    private bool _waveDone;
    private long _released;
    private long _reported;
    private bool _checkpointing;

    /// <param name="checkpointEvery">Slots between checkpoints written to <paramref name="checkpointFile"/>; 0: none.</param>
    /// <param name="checkpointFile">The run's checkpoint, read at the start (a run given to this coordinator again) and written every <paramref name="checkpointEvery"/> slots.</param>
    public ClusterCoordinatorActor(
        SystemView system,
        PolicySet policies,
        int seed,
        string runId,
        IActorRef region,
        IActorRef metrics,
        int checkpointEvery = 0,
        string? checkpointFile = null)
    {
        _system = system;
        _policies = policies;
        _seed = seed;
        _runId = runId;
        _region = region;
        _metrics = metrics;
        _checkpointEvery = checkpointEvery;
        _checkpointFile = checkpointFile;
        _cycle = new SlotCycle(system, policies, seed);
        var n = system.Scenario.EdgeCount;
        _cells = new IActorRef[n];
        _built = new bool[n];
        _answered = new bool[n];
        Receive<RunCommands.StartRun>(OnStartRun);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        SystemView system,
        PolicySet policies,
        int seed,
        string runId,
        IActorRef region,
        IActorRef metrics,
        int checkpointEvery = 0,
        string? checkpointFile = null) =>
        Akka.Actor.Props.Create(() => new ClusterCoordinatorActor(system, policies, seed, runId, region, metrics, checkpointEvery, checkpointFile));

    private int EdgeCount => _cells.Length;

    private void OnStartRun(RunCommands.StartRun start)
    {
        _client = start.ReplyTo;
        _slots = start.Slots;
        if (BarrierWatchdog.BoundOf(Context.System.Settings.Config) is { } bound)
        {
            _watchdog = new BarrierWatchdog(bound, devices: 0, EdgeCount);
            Timers.StartSingleTimer(nameof(BarrierWatchdog), BarrierWatchdog.Check.Instance, _watchdog.CheckInterval);
        }

        var (checkpointSlot, noCheckpoint) = Resume();
        _client.Tell(new ClusterRunEvents.RunAccepted(_runId, checkpointSlot, noCheckpoint));
        Guarded(() => _placement = _cycle.FirstCaches());
        BuildCells();
    }

    /// <summary>
    /// Sets checkpoints up and resumes from the run's checkpoint when there is one: the slot it was taken at, or 0
    /// and why the run starts from its first slot.
    /// </summary>
    private (int CheckpointSlot, string? NoCheckpoint) Resume()
    {
        var log = Context.GetLogger();
        if (_checkpointEvery == 0 || _checkpointFile is null)
        {
            return (0, "checkpoints are off");
        }

        if (_cycle.NotResumable is { } reason)
        {
            log.Warning("Run {0} ({1}) is not checkpointed: {2}; a lost learner runs it again from slot 1", _runId, _policies.Name, reason);
            return (0, reason);
        }

        _checkpointing = true;
        _cycle.KeepDecisions();
        try
        {
            if (LearnerCheckpoints.Read(Context.System, _checkpointFile) is not { } checkpoint)
            {
                return (0, $"none was written: the learner was lost before slot {_checkpointEvery}, or its run had moved cells");
            }

            _cycle.ResumeFrom(checkpoint);
            log.Info(
                "Run {0} ({1}) resumes from its checkpoint of slot {2}: slots 1-{2} emulated again with their logged decisions",
                _runId,
                _policies.Name,
                checkpoint.Slot);
            return (checkpoint.Slot, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            log.Warning("Run {0} ({1}) runs again from slot 1: its checkpoint cannot be used: {2}", _runId, _policies.Name, e.Message);
            return (0, $"the checkpoint cannot be used: {e.Message}");
        }
    }

    /// <summary>Builds a generation of cells through the shard region; the slots go on from <see cref="_nextSlot"/>.</summary>
    private void BuildCells()
    {
        // Fresh cells hold nothing.
        _cycle.Queues.Clear();
        _awaitedCells = EdgeCount;
        _building = true;
        Array.Clear(_built);
        Become(Building);
        SendBuilds();
        Timers.StartPeriodicTimer(nameof(BuildRetry), BuildRetryTick.Instance, BuildRetry);
    }

    /// <summary>Build to every cell of the generation not built yet (a cell already built ignores a second one).</summary>
    private void SendBuilds()
    {
        for (var n = 0; n < EdgeCount; n++)
        {
            if (!_built[n])
            {
                _region.Tell(new CellCommands.Envelope(_runId, _generation, n, new CellCommands.Build(_system.Scenario, _seed, Self, _nextSlot)));
            }
        }
    }

    private void Building()
    {
        Receive<BuildRetryTick>(_ => SendBuilds());

        // Building retries on its own until the region places every cell: no barrier to watch meanwhile.
        Receive<BarrierWatchdog.Check>(_ =>
        {
            _watchdog!.Progressed();
            Timers.StartSingleTimer(nameof(BarrierWatchdog), BarrierWatchdog.Check.Instance, _watchdog.CheckInterval);
        });
        Receive<CellEvents.Built>(built =>
        {
            if (_built[built.Edge])
            {
                return;
            }

            _cells[built.Edge] = Sender;
            _built[built.Edge] = true;
            Context.Watch(Sender);
            if (--_awaitedCells == 0)
            {
                LogPlacement();
                Timers.Cancel(nameof(BuildRetry));
                _awaitedCells = EdgeCount;
                ToEveryCell(_ => new CellCommands.Connect(_cells.ToArray()));
            }
        });
        Receive<CellEvents.Connected>(_ =>
        {
            if (--_awaitedCells == 0)
            {
                _building = false;
                Become(Running);
                Guarded(() => OpenSlot(_nextSlot));
            }
        });
        Receive<CellEvents.Leaving>(OnLeaving);
        Receive<Terminated>(OnCellStopped);
    }

    /// <summary>Only the current generation's cells are heard: a retired cell's last words may still be on their way.</summary>
    private void Running()
    {
        Receive<CellEvents.Gathered>(_ => FromCurrentCell(), OnGathered);
        Receive<CellEvents.WaveDone>(_ => FromCurrentCell(), OnWaveDone);
        Receive<CellEvents.TasksReported>(_ => FromCurrentCell(), reported => Guarded(() =>
        {
            _watchdog?.Progressed();
            RecordAll(reported.Records);
            TryClose();
        }));
        Receive<CellEvents.Leaving>(OnLeaving);
        Receive<Terminated>(OnCellStopped);
        Receive<BarrierWatchdog.Check>(_ => OnWatchdogCheck());
    }

    /// <summary>
    /// A barrier that has not moved for the bound fails the run, naming the cells it waits for (a message lost inside a
    /// cell, or between nodes, would otherwise hold it for good). A node lost is not a stall: its cells stop, and the
    /// coordinator rebuilds them.
    /// </summary>
    private void OnWatchdogCheck()
    {
        if (_watchdog!.Stalled())
        {
            Fail(new TimeoutException(FormattableString.Invariant(
                $"the slot barrier made no progress for {_watchdog.Bound.TotalSeconds:0.###} s of wall time; {Awaited()}")));
            return;
        }

        Timers.StartSingleTimer(nameof(BarrierWatchdog), BarrierWatchdog.Check.Instance, _watchdog.CheckInterval);
    }

    /// <summary>Who the barrier waits for: the cells' reports of the slot, their answers to the wave's pass (with the pass's resources in them), or the tasks' ends.</summary>
    private string Awaited()
    {
        var silent = Enumerable.Range(0, EdgeCount).Where(n => !_answered[n]).ToList();
        if (_cycle.Gathering)
        {
            return $"no report of slot {_slot} from cell {BarrierWatchdog.List(silent.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)))}";
        }

        if (_awaitedCells > 0)
        {
            var resources = _wave.Layout!.Roles.Select(r => r.Resource).Where(r => silent.Contains(SystemResources.CellOf(_system.Scenario, r)));
            return $"wave {_wave.Wave} (pass {_pass}) waits for cell {BarrierWatchdog.List(silent.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)))} "
                + $"(its resources in the pass: {BarrierWatchdog.List(resources.Select(r => r.ToString()))})";
        }

        return $"{_released - _reported - _passPending} tasks in flight have not been reported by their cells";
    }

    /// <summary>Which node hosts which cells, once per generation: what a node's loss will cost can be read off the log.</summary>
    private void LogPlacement()
    {
        var here = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress;
        var nodes = _cells
            .Select((cell, edge) => (Node: cell.Path.Address.HasGlobalScope ? cell.Path.Address : here, Edge: edge))
            .GroupBy(c => c.Node)
            .Select(g => $"{g.Key} [{string.Join(",", g.Select(c => c.Edge))}]");
        Context.GetLogger().Info("Run {0} generation {1}: cells on {2}", _runId, _generation, string.Join(" ", nodes));
    }

    private bool FromCurrentCell() => Array.IndexOf(_cells, Sender) >= 0;

    private void OnLeaving(CellEvents.Leaving leaving)
    {
        if (FromCurrentCell())
        {
            _leaving.Add(leaving.Edge);
        }
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
        Array.Clear(_answered);
        var now = (slot - 1) * _system.Scenario.SlotSeconds;
        ToEveryCell(n => new CellCommands.BeginSlot(slot, now, _cycle.PopularityOf(n), _placement[n]));
    }

    private void OnGathered(CellEvents.Gathered gathered) => Guarded(() =>
    {
        Answered();
        var complete = _cycle.EdgeReported(gathered.Status);
        foreach (var generated in gathered.Tasks)
        {
            complete = _cycle.TaskGenerated(generated.Device, generated.Tasks);
        }

        if (complete)
        {
            OpenWave(_cycle.Decide(_slot));
        }
    });

    private void OpenWave(SlotDecision? decision)
    {
        var plans = new List<TaskPlan>[EdgeCount];
        var roles = new List<WaveRole>[EdgeCount];
        for (var n = 0; n < EdgeCount; n++)
        {
            plans[n] = new List<TaskPlan>();
            roles[n] = new List<WaveRole>();
        }

        foreach (var plan in decision?.Plans ?? [])
        {
            if (plan.DropReason is null)
            {
                _released++;
                _activity.Released(plan);
                plans[plan.Request.LocalEdge].Add(plan);
            }
        }

        var layout = _activity.Layout(_slot, _horizon, decision);
        foreach (var role in layout.Roles)
        {
            roles[SystemResources.CellOf(_system.Scenario, role.Resource)].Add(role);
        }

        var wave = _wave.Open(layout);
        _cycle.Queues.Forget(layout.Roles);
        _pass = 1;
        _waveDone = false;
        ResetPass();
        ToEveryCell(n => new CellCommands.OpenWave(wave, _slot, _horizon, plans[n].ToArray(), roles[n].ToArray(), layout.Cyclic));
    }

    /// <summary>Every cell answers each pass; the wave goes on to its next pass, or is committed, as in one process.</summary>
    private void OnWaveDone(CellEvents.WaveDone done) => Guarded(() =>
    {
        Answered();
        RecordAll(done.Records);
        foreach (var queue in done.Queues)
        {
            _cycle.Queues.Reported(queue.Resource, queue.Report);
        }

        _pending += done.PendingTasks;
        _changed |= done.BackLinksChanged;
        if (--_awaitedCells > 0)
        {
            return;
        }

        _passPending = _pending;
        var cyclic = _wave.Layout!.Cyclic;
        if (cyclic && _changed)
        {
            _pass++;
            _wave.NextPass();
            _cycle.Queues.Forget(_wave.Layout.Roles);
            ResetPass();
            ToEveryCell(_ => new CellCommands.NextPass(_wave.Wave, _pass));
            return;
        }

        if (cyclic)
        {
            _wave.Commit();
            ToEveryCell(_ => new CellCommands.CommitWave(_wave.Wave));
        }

        _waveDone = true;
        TryClose();
    });

    private void RecordAll(TaskRecord[] records)
    {
        foreach (var record in records)
        {
            _reported++;
            _activity.Ended(record.TaskId);
            _cycle.Record(record);
        }
    }

    private void TryClose()
    {
        if (_waveDone && _reported + _passPending == _released)
        {
            _waveDone = false;
            _awaitedCells = -1;
            CloseSlot();
        }
    }

    /// <summary>The sender, a cell of this generation, has answered the current step.</summary>
    private void Answered()
    {
        _watchdog?.Progressed();
        _answered[Array.IndexOf(_cells, Sender)] = true;
    }

    private void ResetPass()
    {
        Array.Clear(_answered);
        _awaitedCells = EdgeCount;
        _pending = 0;
        _changed = false;
    }

    private void CloseSlot()
    {
        ReleaseFeedback();
        if (_slot > _slots)
        {
            Complete();
            return;
        }

        if (_draining)
        {
            MoveCells();
            return;
        }

        MoveDemandOn();
        if (_leaving.Count > 0 && _nextSlot <= _slots)
        {
            // Everything in flight ends first, so retiring the cells loses nothing.
            _draining = true;
            _horizon = double.PositiveInfinity;
            OpenWave(null);
            return;
        }

        OpenSlot(_nextSlot);
    }

    private void ReleaseFeedback()
    {
        foreach (var feedback in _cycle.Release(_horizon))
        {
            _metrics.Tell(MetricsCommands.RecordSlot.Of(feedback));
        }
    }

    /// <summary>Demand and caches move on to the next slot, and the submitter hears that this one closed.</summary>
    private void MoveDemandOn()
    {
        _cycle.ObserveDemand();
        _placement = _cycle.NextCaches(_slot + 1);

        // Written before the submitter hears of the slot, so a checkpoint is never behind the slots it has heard of.
        if (_checkpointing && !_cycle.Reemulating && _slot % _checkpointEvery == 0 && _slot < _slots)
        {
            LearnerCheckpoints.Write(Context.System, _checkpointFile!, _cycle.Checkpoint(_slot));
            Context.GetLogger().Debug("Run {0}: checkpoint of slot {1} written", _runId, _slot);
        }

        _client.Tell(new SlotEvents.SlotClosed(_slot, _slots));
        _nextSlot = _slot + 1;
    }

    private void Complete()
    {
        if (_cycle.OpenSlots > 0)
        {
            throw new InvalidOperationException($"{_cycle.Outstanding} tasks never ended");
        }

        _finished = true;
        _metrics.Tell(new MetricsCommands.Complete(_policies.Name, _slots, _client, _wave.Traffic));
        _client.Tell(new ClusterRunEvents.RunEnded(_runId));
        Retire();
    }

    /// <summary>The system is drained: retire this generation and build the next, where the shard region now places it.</summary>
    private void MoveCells()
    {
        if (_passPending > 0)
        {
            throw new InvalidOperationException($"{_passPending} tasks still in resources after the drain");
        }

        _draining = false;
        _leaving.Clear();
        StopCheckpoints("a node left");
        RetireCells();
        _generation++;
        BuildCells();
    }

    private void ToEveryCell(Func<int, ICellCommand> command)
    {
        for (var n = 0; n < EdgeCount; n++)
        {
            _cells[n].Tell(command(n));
        }
    }

    /// <summary>
    /// A cell stopped unannounced: its node crashed or was killed and the cluster downed it. Its queues are gone, and
    /// the surviving cells' fiber paths and edges wait for batches that will not come; so every task in flight ends
    /// as dropped, and the whole system is rebuilt on the remaining nodes from the next slot on (or from this slot
    /// again, when it had not been decided yet).
    /// </summary>
    private void OnCellStopped(Terminated terminated)
    {
        var edge = Array.IndexOf(_cells, terminated.ActorRef);
        if (edge < 0)
        {
            return;
        }

        Guarded(() =>
        {
            var dropped = _cycle.DropOutstanding(DropReasons.NodeLost);
            Context.GetLogger().Warning(
                "Cell {0} stopped at {1} in slot {2}: {3} tasks in flight dropped ({4}); rebuilding the cells",
                edge,
                terminated.ActorRef.Path.Address,
                _slot,
                dropped,
                DropReasons.NodeLost);
            StopCheckpoints("a node was lost");
            RetireCells();
            _activity.Clear();
            _reported = _released;
            _passPending = 0;
            _waveDone = false;
            _awaitedCells = -1;
            _leaving.Clear();
            var undecided = _building || _cycle.Gathering;
            var wasDraining = _draining;
            _draining = false;
            if (!undecided)
            {
                ReleaseFeedback();
                if (_slot > _slots)
                {
                    Complete();
                    return;
                }

                if (!wasDraining)
                {
                    MoveDemandOn();
                }
            }
            else if (!_building)
            {
                _nextSlot = _slot;
            }

            _generation++;
            BuildCells();
        });
    }

    /// <summary>
    /// Emulating the logged decisions again rebuilds an undisturbed run only: once cells have moved (drained and rebuilt,
    /// or lost with their tasks), a checkpoint would resume the policies of this run on the system of another, so the
    /// run keeps none, and a lost learner's run is run again from the first slot.
    /// </summary>
    private void StopCheckpoints(string why)
    {
        if (!_checkpointing)
        {
            return;
        }

        _checkpointing = false;
        File.Delete(_checkpointFile!);
        Context.GetLogger().Warning("Run {0} ({1}) keeps no more checkpoints: {2} in slot {3}", _runId, _policies.Name, why, _slot);
    }

    protected override void Fail(Exception e)
    {
        _finished = true;
        _client.Tell(new RunEvents.RunFailed($"slot {_slot}: {e.Message}"));
        Retire();
    }

    private void RetireCells()
    {
        for (var n = 0; n < EdgeCount; n++)
        {
            if (_cells[n] is { } cell)
            {
                Context.Unwatch(cell);
                cell.Tell(CellCommands.Retire.Instance);
                _cells[n] = null!;
            }
        }
    }

    /// <summary>Stops the run's cells wherever they live, then itself.</summary>
    private void Retire()
    {
        RetireCells();
        Context.Stop(Self);
    }

    /// <summary>
    /// Stopped before the run ended (the singleton moved with its node, or the learner stopped): the cells go with it.
    /// The submitter watches this actor and hands the run to the next singleton (<see cref="ClusterRunClientActor"/>).
    /// </summary>
    protected override void PostStop()
    {
        if (!_finished)
        {
            RetireCells();
        }
    }

    private sealed class BuildRetryTick
    {
        public static readonly BuildRetryTick Instance = new();
    }
}
