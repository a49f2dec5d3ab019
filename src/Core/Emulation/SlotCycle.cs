using MecActors.Core.Decisions;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>
/// The slot bookkeeping every driver of the system shares (the reference model and both coordinators):
/// gathering a slot's tasks, edge states and queue states, deciding, crediting records to their slots, releasing feedback
/// to the policy, and moving demand and caches on to the next slot.
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
    private int[][]? _requests;
    private int _awaited;

    public SlotCycle(SystemView system, PolicySet policies, int seed)
    {
        _system = system;
        _policies = policies;
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

    /// <summary>Z(1), before any demand has been seen.</summary>
    public bool[][] FirstCaches() => _policies.Caching.Place(new CacheObservation(1, _demand.Count([]), _system));

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
        var decision = _decider.Decide(slot, tasks, _statuses, queues);
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
        foreach (var feedback in closed)
        {
            _policies.Offloading.Learn(feedback);
        }

        return closed;
    }

    /// <summary>Moves each cell's popularity on with the requests of the last decided slot.</summary>
    public void ObserveDemand() => _demand.Observe(_requests!);

    /// <summary>Z(<paramref name="nextSlot"/>) from the requests of the last decided slot.</summary>
    public bool[][] NextCaches(int nextSlot) => _policies.Caching.Place(new CacheObservation(nextSlot, _requests!, _system));
}
