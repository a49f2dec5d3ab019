using MecActors.Core.Decisions;
using MecActors.Core.Metrics;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>
/// The whole system computed sequentially in plain C#, with the same resources, plans, waves and slot protocol
/// the actors use but no messaging: the oracle the actors are tested against, and the "no messaging" speed
/// reference. Each wave runs its resources in forward order (<see cref="WaveLayout.InForwardOrder"/>), in passes
/// to a fixpoint when the wave is cyclic.
/// </summary>
public sealed class ReferenceModel
{
    private readonly SystemView _system;
    private readonly PolicySet _policies;
    private readonly DeviceWorkload[] _devices;
    private readonly ModelCache[] _caches;
    private readonly Dictionary<ResourceRef, ResourceNode> _nodes = new();
    private readonly SlotCycle _cycle;
    private readonly RouteActivity _activity = new();
    private readonly List<TaskRecord> _records = new();
    private readonly WavePass _pass = new();
    private readonly Dictionary<ResourceRef, List<TaskProgress>> _entries = new();
    private readonly List<TaskProgress> _finished = new();

    /// <param name="resumeFrom">A checkpoint of the same run (<see cref="Checkpoint"/>): its slots are emulated again with its decisions, and the policies go on from its state.</param>
    public ReferenceModel(SystemView system, PolicySet policies, int seed, RunCheckpoint? resumeFrom = null)
    {
        _system = system;
        _policies = policies;
        var scenario = system.Scenario;
        _devices = new DeviceWorkload[scenario.DeviceCount];
        for (var u = 0; u < _devices.Length; u++)
        {
            _devices[u] = new DeviceWorkload(scenario, u, seed);
        }

        _caches = new ModelCache[scenario.EdgeCount];
        for (var n = 0; n < scenario.EdgeCount; n++)
        {
            _caches[n] = new ModelCache(system, n);
        }

        foreach (var resource in SystemResources.Of(system))
        {
            _nodes.Add(resource, SystemResources.Create(system, resource));
        }

        _cycle = new SlotCycle(system, policies, seed);
        if (resumeFrom is not null)
        {
            _cycle.ResumeFrom(resumeFrom);
        }
    }

    /// <summary>The run at the end of the slot <see cref="Run(int, int)"/> was asked to checkpoint, or null.</summary>
    public RunCheckpoint? Checkpoint { get; private set; }

    public static PolicyRun Run(SystemView system, PolicySet policies, int slots, int seed) =>
        new ReferenceModel(system, policies, seed).Run(slots);

    /// <param name="checkpointAfter">A slot at whose end <see cref="Checkpoint"/> is taken; 0: none.</param>
    public PolicyRun Run(int slots, int checkpointAfter = 0)
    {
        if (checkpointAfter > 0)
        {
            _cycle.KeepDecisions();
        }

        var tau = _system.Scenario.SlotSeconds;
        Place(_cycle.FirstCaches(), 1);
        for (var t = 1; t <= slots + 1; t++)
        {
            var draining = t > slots;
            var horizon = draining ? double.PositiveInfinity : t * tau;
            var decision = draining ? null : Release(t);
            Wave(_activity.Layout(t, horizon, decision), decision);
            _cycle.Release(horizon);
            if (!draining)
            {
                _cycle.ObserveDemand();
                Place(_cycle.NextCaches(t + 1), t + 1);
                if (t == checkpointAfter)
                {
                    Checkpoint = _cycle.Checkpoint(t);
                }
            }
        }

        if (_cycle.OpenSlots > 0)
        {
            throw new InvalidOperationException($"{_cycle.Outstanding} tasks never ended");
        }

        _records.Sort((a, b) => a.TaskId.CompareTo(b.TaskId));
        return new PolicyRun(_policies.Name, slots, _records);
    }

    /// <summary>Gathers the slot's tasks (device by device) and edge states, decides, and releases the plans.</summary>
    private SlotDecision Release(int slot)
    {
        _cycle.Gather();
        foreach (var device in _devices)
        {
            _cycle.TaskGenerated(device.Device, device.Generate(slot, _cycle.PopularityOf(device.LocalEdge)));
        }

        var now = (slot - 1) * _system.Scenario.SlotSeconds;
        for (var n = 0; n < _caches.Length; n++)
        {
            _cycle.EdgeReported(_caches[n].Status(now, _nodes[ResourceRef.EdgeCompute(n)].FreeAt));
        }

        var decision = _cycle.Decide(slot);
        foreach (var plan in decision.Plans)
        {
            if (plan.DropReason is null)
            {
                _activity.Released(plan);
            }
            else
            {
                _records.Add(plan.DroppedRecord());
            }
        }

        return decision;
    }

    private void Wave(WaveLayout layout, SlotDecision? decision)
    {
        // The entry lists stay from wave to wave, emptied: the same devices enter tasks slot after slot.
        var entries = _entries;
        foreach (var list in entries.Values)
        {
            list.Clear();
        }

        foreach (var plan in decision?.Plans ?? [])
        {
            if (plan.DropReason is null)
            {
                var list = entries.GetValueOrDefault(plan.Entry) ?? (entries[plan.Entry] = new List<TaskProgress>());
                list.Add(TaskProgress.Start(plan));
            }
        }

        var start = layout.Cyclic ? layout.Roles.ToDictionary(r => r.Resource, r => _nodes[r.Resource].Copy()) : null;
        var finished = _finished;
        _pass.BeginWave();
        while (true)
        {
            finished.Clear();
            _pass.BeginPass();
            foreach (var role in layout.InForwardOrder())
            {
                var node = start is null ? _nodes[role.Resource] : _nodes[role.Resource] = start[role.Resource].Copy();
                WaveInputs.Prepare(node, role, layout.Slot);
                foreach (var task in entries.GetValueOrDefault(role.Resource) ?? [])
                {
                    node.Arrive(task);
                }

                _pass.Feed(node, role);
                _pass.Advance(node, role, layout.Horizon, finished);
            }

            if (!_pass.BackLinksChanged())
            {
                break;
            }
        }

        foreach (var role in layout.Roles)
        {
            _cycle.Queues.Reported(role.Resource, _nodes[role.Resource].Report());
        }

        foreach (var task in finished)
        {
            var record = _system.Scenario.Faults.Settle(task.ToRecord());
            _activity.Ended(record.TaskId);
            _records.Add(record);
            _cycle.Record(record);
        }
    }

    private void Place(bool[][] placement, int slot)
    {
        for (var n = 0; n < _caches.Length; n++)
        {
            _caches[n].Place(placement[n], _nodes[ResourceRef.EdgeCompute(n)].DownIn(slot - 1, _system.Scenario.SlotSeconds));
        }
    }
}
