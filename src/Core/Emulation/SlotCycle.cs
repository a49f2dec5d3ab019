using MecActors.Core.Decisions;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>
/// The slot bookkeeping every driver of the system shares (the reference model and both coordinators):
/// gathering a slot's tasks, edge states and queue states, deciding, crediting records to their slots, releasing feedback
/// to the policy, and moving demand and caches on to the next slot.
/// <para>
/// A cycle that keeps its decisions (<see cref="KeepDecisions"/>) can give a <see cref="RunCheckpoint"/> at a slot's end;
/// a cycle resumed from one (<see cref="ResumeFrom"/>) takes the checkpoint's decisions for its slots without asking
/// the policies or letting them learn, and puts the policies' captured state back just before the first slot after it.
/// </para>
/// </summary>
public sealed class SlotCycle
{
    private readonly SystemView _system;
    private readonly PolicySet _policies;
    private readonly SlotDecider _decider;
    private readonly SlotLedger _ledger;
    private readonly CellDemand _demand;
    private readonly TaskRequest[]?[] _generated;
    private readonly EdgeStatus[] _statuses;
    private readonly List<QueueState> _measured = new();
    private readonly int _seed;
    private int[][]? _requests;
    private int _awaited;
    private int _decidedSlot;
    private DecisionLog? _log;
    private RunCheckpoint? _resume;

    public SlotCycle(SystemView system, PolicySet policies, int seed)
    {
        _system = system;
        _policies = policies;
        _seed = seed;
        _decider = new SlotDecider(system, policies.Offloading, seed);
        _ledger = new SlotLedger();
        _demand = new CellDemand(system.Scenario, seed);
        _generated = new TaskRequest[]?[system.Scenario.DeviceCount];
        _statuses = new EdgeStatus[system.Scenario.EdgeCount];
    }

    /// <summary>Whether the slot being gathered still waits for a device's task or an edge's state.</summary>
    public bool Gathering => _awaited > 0;

    public int OpenSlots => _ledger.OpenSlots;

    public int Outstanding => _ledger.Outstanding;

    /// <summary>The queue reports of the resources as waves end (virtual time); a slot's queue states are taken from them at its start.</summary>
    public QueueTracker Queues { get; } = new();

    public double[] PopularityOf(int edge) => _demand.PopularityOf(edge);

    /// <summary>Why the policies' state cannot be captured (a policy is not an <see cref="IResumablePolicy"/>), or null when it can.</summary>
    public string? NotResumable => NotResumableReason(_policies);

    /// <summary>Whether the slots decided so far are a checkpoint's, emulated again without the policies.</summary>
    public bool Reemulating => _resume is { } resume && _decidedSlot <= resume.Slot;

    public static string? NotResumableReason(PolicySet policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return policies.Offloading is not IResumablePolicy ? $"{policies.Offloading.GetType().Name} cannot capture its state"
            : policies.Caching is not IResumablePolicy ? $"{policies.Caching.GetType().Name} cannot capture its state"
            : null;
    }

    /// <summary>From now on every slot's decisions are kept, for <see cref="Checkpoint"/>.</summary>
    public void KeepDecisions() => _log ??= new DecisionLog();

    /// <summary>
    /// Slots 1..<c>checkpoint.Slot</c> take the checkpoint's decisions (and learn nothing); the policies' state is put
    /// back once the caches of the slot after them are placed. Call before <see cref="FirstCaches"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint is not one of this run, or a policy cannot take its state back.</exception>
    public void ResumeFrom(RunCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (NotResumable is { } reason)
        {
            throw new InvalidDataException(reason);
        }

        if (checkpoint.Policy != _policies.Name || checkpoint.Seed != _seed)
        {
            throw new InvalidDataException($"the checkpoint is of {checkpoint.Policy} under seed {checkpoint.Seed}, the run is {_policies.Name} under seed {_seed}");
        }

        if (checkpoint.Slot < 1 || checkpoint.Actions.Length != checkpoint.Slot || checkpoint.Caches.Length != checkpoint.Slot + 1)
        {
            throw new InvalidDataException(
                $"the checkpoint of slot {checkpoint.Slot} holds {checkpoint.Actions.Length} slots' actions and {checkpoint.Caches.Length} slots' caches");
        }

        _resume = checkpoint;
    }

    /// <summary>
    /// The run as it stands at the end of <paramref name="slot"/>, once the caches of the next slot are placed:
    /// the decisions kept since slot 1 and the policies' state.
    /// </summary>
    public RunCheckpoint Checkpoint(int slot)
    {
        if (_log is null)
        {
            throw new InvalidOperationException("the cycle keeps no decisions");
        }

        if (NotResumable is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        return new RunCheckpoint(
            _policies.Name,
            _seed,
            slot,
            _log.ActionsThrough(slot),
            _log.CachesThrough(slot + 1),
            ((IResumablePolicy)_policies.Offloading).CaptureState(),
            ((IResumablePolicy)_policies.Caching).CaptureState());
    }

    /// <summary>Z(1), before any demand has been seen.</summary>
    public bool[][] FirstCaches() => Placed(1, _resume?.Caches[0] ?? _policies.Caching.Place(new CacheObservation(1, _demand.Count([]), _system)));

    /// <summary>
    /// Starts gathering a slot: one report from every device and one state from every edge, and, in wall time, where
    /// no wave ends at the slot's start, the queue states of <paramref name="measuredQueues"/> resources measured then.
    /// </summary>
    public void Gather(int measuredQueues = 0) => _awaited = _generated.Length + _statuses.Length + measuredQueues;

    /// <summary>A device's tasks of the slot (possibly none); true when it was the slot's last report.</summary>
    public bool TaskGenerated(int device, TaskRequest[] tasks)
    {
        _generated[device] = tasks;
        return --_awaited == 0;
    }

    /// <summary>An edge's state; true when it was the slot's last report.</summary>
    public bool EdgeReported(EdgeStatus status)
    {
        _statuses[status.Edge] = status;
        return --_awaited == 0;
    }

    /// <summary>A resource's queue state measured at the slot's start; true when it was the slot's last report.</summary>
    public bool QueueMeasured(QueueState state)
    {
        _measured.Add(state);
        return --_awaited == 0;
    }

    /// <summary>Decides the gathered slot (tasks in (device, k) order, i.e. by id), opens it in the ledger and records its drops.</summary>
    public SlotDecision Decide(int slot)
    {
        var tasks = new List<TaskRequest>(_generated.Length);
        foreach (var generated in _generated)
        {
            if (generated is not null)
            {
                tasks.AddRange(generated);
            }
        }

        Array.Clear(_generated);
        _requests = _demand.Count(tasks);
        var queues = _measured.Count > 0 ? ResourceQueues.Of(_measured) : Queues.At(slot - 1, _system.Scenario.SlotSeconds);
        _measured.Clear();
        var logged = _resume is { } resume && slot <= resume.Slot ? resume.Actions[slot - 1] : null;
        var decision = _decider.Decide(slot, tasks, _statuses, queues, logged);
        _decidedSlot = slot;
        _log?.Decided(slot, decision.Actions);
        _ledger.Open(decision);
        foreach (var plan in decision.Plans)
        {
            if (plan.DropReason is not null)
            {
                _ledger.Record(plan.DroppedRecord());
            }
        }

        return decision;
    }

    public void Record(TaskRecord record) => _ledger.Record(record);

    /// <summary>Ends every task in flight as dropped with <paramref name="reason"/>; returns how many.</summary>
    public int DropOutstanding(string reason) => _ledger.DropOutstanding(reason);

    /// <summary>The feedback of every slot complete by the horizon, in slot order, after the policy has learned from it.</summary>
    public List<SlotFeedback> Release(double horizon)
    {
        var closed = _ledger.Close(horizon);
        if (Reemulating)
        {
            // The checkpointed state has learned from this feedback already.
            return closed;
        }

        foreach (var feedback in closed)
        {
            _policies.Offloading.Learn(feedback);
        }

        return closed;
    }

    /// <summary>Moves each cell's popularity on with the requests of the last decided slot.</summary>
    public void ObserveDemand() => _demand.Observe(_requests!);

    /// <summary>Z(<paramref name="nextSlot"/>) from the requests of the last decided slot.</summary>
    public bool[][] NextCaches(int nextSlot)
    {
        if (_resume is not { } resume || nextSlot > resume.Slot + 1)
        {
            return Placed(nextSlot, _policies.Caching.Place(new CacheObservation(nextSlot, _requests!, _system)));
        }

        if (nextSlot == resume.Slot + 1)
        {
            ((IResumablePolicy)_policies.Offloading).RestoreState(resume.OffloadingState);
            ((IResumablePolicy)_policies.Caching).RestoreState(resume.CachingState);
        }

        return Placed(nextSlot, resume.Caches[nextSlot - 1]);
    }

    private bool[][] Placed(int slot, bool[][] caches)
    {
        _log?.Placed(slot, caches);
        return caches;
    }
}
