using MecActors.Core.Decisions;
using MecActors.Core.Metrics;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>
/// The whole system computed sequentially in plain C#, with the same nodes, plans and slot protocol
/// the actors use but no messaging: the oracle the actors are tested against, and the "no messaging"
/// speed reference. Each slot's horizon wave runs resource layer by layer: radio links and backhauls,
/// then fiber paths, then edge servers.
/// </summary>
public sealed class ReferenceModel
{
    private readonly SystemView _system;
    private readonly PolicySet _policies;
    private readonly DeviceWorkload[] _devices;
    private readonly EdgeNode[] _edges;
    private readonly LinkNode[] _wireless;
    private readonly BackhaulNode[] _backhauls;
    private readonly SortedDictionary<(int From, int To), LinkNode> _fibers = new();
    private readonly SlotCycle _cycle;
    private readonly List<TaskRecord> _records = new();
    private readonly List<TaskProgress> _moved = new();
    private readonly List<ModelArrival> _arrivals = new();

    public ReferenceModel(SystemView system, PolicySet policies, int seed)
    {
        _system = system;
        _policies = policies;
        var scenario = system.Scenario;
        _devices = new DeviceWorkload[scenario.DeviceCount];
        for (var u = 0; u < _devices.Length; u++)
        {
            _devices[u] = new DeviceWorkload(scenario, u, seed);
        }

        _edges = new EdgeNode[scenario.EdgeCount];
        _wireless = new LinkNode[scenario.EdgeCount];
        _backhauls = new BackhaulNode[scenario.EdgeCount];
        for (var n = 0; n < scenario.EdgeCount; n++)
        {
            _edges[n] = new EdgeNode(system, n);
            _wireless[n] = new LinkNode(system, ResourceRef.Wireless(n));
            _backhauls[n] = new BackhaulNode(system, n);
            for (var m = 0; m < scenario.EdgeCount; m++)
            {
                if (m != n)
                {
                    _fibers.Add((n, m), new LinkNode(system, ResourceRef.Fiber(n, m)));
                }
            }
        }

        _cycle = new SlotCycle(system, policies, seed);
    }

    public static PolicyRun Run(SystemView system, PolicySet policies, int slots, int seed) =>
        new ReferenceModel(system, policies, seed).Run(slots);

    public PolicyRun Run(int slots)
    {
        var tau = _system.Scenario.SlotSeconds;
        Place(_cycle.FirstCaches());
        for (var t = 1; t <= slots + 1; t++)
        {
            var draining = t > slots;
            var horizon = draining ? double.PositiveInfinity : t * tau;
            if (!draining)
            {
                Release(t);
            }

            Wave(horizon);
            _cycle.Release(horizon);
            if (!draining)
            {
                _cycle.ObserveDemand();
                Place(_cycle.NextCaches(t + 1));
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
    private void Release(int slot)
    {
        _cycle.Gather();
        foreach (var device in _devices)
        {
            _cycle.TaskGenerated(device.Device, device.Generate(slot, _cycle.PopularityOf(device.LocalEdge)));
        }

        var now = (slot - 1) * _system.Scenario.SlotSeconds;
        foreach (var edge in _edges)
        {
            _cycle.EdgeReported(edge.Status(now));
        }

        var decision = _cycle.Decide(slot);
        for (var n = 0; n < _edges.Length; n++)
        {
            _edges[n].ExpectSlot(slot, decision.TasksPerEdge[n]);
        }

        foreach (var plan in decision.Plans)
        {
            if (plan.DropReason is not null)
            {
                _records.Add(plan.DroppedRecord());
            }
            else
            {
                _wireless[plan.Request.LocalEdge].Arrive(TaskProgress.Start(plan));
            }
        }

        foreach (var download in decision.Downloads)
        {
            _backhauls[download.Edge].Request(download);
        }
    }

    private void Wave(double horizon)
    {
        foreach (var link in _wireless)
        {
            _moved.Clear();
            link.Advance(horizon, _moved);
            foreach (var task in _moved)
            {
                if (task.NextResource().Kind == ResourceKind.Fiber)
                {
                    _fibers[(task.NextResource().A, task.NextResource().B)].Arrive(task);
                }
                else
                {
                    _edges[task.NextResource().A].InputArrived(task);
                }
            }
        }

        foreach (var backhaul in _backhauls)
        {
            _arrivals.Clear();
            backhaul.Advance(horizon, _arrivals);
            foreach (var arrival in _arrivals)
            {
                _edges[backhaul.Edge].ModelArrived(arrival);
            }
        }

        foreach (var ((_, to), fiber) in _fibers)
        {
            _moved.Clear();
            fiber.Advance(horizon, _moved);
            foreach (var task in _moved)
            {
                _edges[to].InputArrived(task);
            }
        }

        foreach (var edge in _edges)
        {
            _moved.Clear();
            edge.Advance(horizon, _moved);
            foreach (var task in _moved)
            {
                Finish(task.ToRecord());
            }
        }
    }

    private void Finish(TaskRecord record)
    {
        _records.Add(record);
        _cycle.Record(record);
    }

    private void Place(bool[][] placement)
    {
        for (var n = 0; n < _edges.Length; n++)
        {
            _edges[n].Place(placement[n]);
        }
    }
}
