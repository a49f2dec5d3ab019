using MecActors.Core.Decisions;

namespace MecActors.Policies.Learning.JointA2C;

/// <summary>
/// Encodes S(t) = {Z(t), s_u(t), c_u(t), g_u(t), f_n(t)} (paper 000, Sec. III-B) as one row per task, the
/// task's own view of the whole state, so one network scores every device's options. Every entry is roughly in
/// [0, 1]; times are in slots.
/// <list type="bullet">
/// <item>The task: input size s_u, spectral efficiency g_u, local edge (one-hot), model size, and per exit b its
/// computation c_u up to b and its accuracy (zero beyond the model's exits).</item>
/// <item>Per edge n, the option of sending the task there: when it could start (upload, fiber hops and, if n does
/// not cache the model, the download: eq. (1)-(3)), whether n caches the model, hops, capacity f_n, backlog,
/// and n's load in the slot if every task stayed at its local edge: its local task count, their full-model
/// computation over f_n, how many of them miss their model there, how many tasks elsewhere miss theirs locally
/// but find it at n, and per exit b this task's compute time at n under that count, c_u(b) K_n / f_n.</item>
/// <item>The slot: how many devices have a task.</item>
/// </list>
/// </summary>
public sealed class StateEncoder
{
    private const double EfficiencyScale = 20.0;
    private readonly SystemView _system;
    private readonly double _maxCycles;
    private readonly double _maxCapacity;
    private readonly double _maxSizeBits;
    private readonly double _devicesPerEdge;
    private readonly int _edges;
    private readonly int[] _localTasks;
    private readonly double[] _localCycles;
    private readonly int[] _localMisses;
    private readonly int[] _incoming;

    public StateEncoder(SystemView system)
    {
        _system = system;
        var scenario = system.Scenario;
        foreach (var model in scenario.Models.Types)
        {
            _maxCycles = Math.Max(_maxCycles, model.CyclesTo(model.ExitCount));
            _maxSizeBits = Math.Max(_maxSizeBits, model.SizeBits);
            MaxExits = Math.Max(MaxExits, model.ExitCount);
        }

        foreach (var edge in scenario.Edges)
        {
            _maxCapacity = Math.Max(_maxCapacity, edge.CapacityHz);
        }

        _edges = system.Edges;
        _devicesPerEdge = Math.Max(1.0, (double)scenario.DeviceCount / _edges);
        _localTasks = new int[_edges];
        _localCycles = new double[_edges];
        _localMisses = new int[_edges];
        _incoming = new int[_edges];
        TaskFeatures = 3 + _edges + 2 * MaxExits;
        FeaturesPerEdge = 9 + MaxExits;
        Length = TaskFeatures + _edges * FeaturesPerEdge + 1;
    }

    /// <summary>Entries per row.</summary>
    public int Length { get; }

    public int MaxExits { get; }

    private int TaskFeatures { get; }

    private int FeaturesPerEdge { get; }

    /// <summary>Writes one row of <see cref="Length"/> entries per task of the observation, in task order (row-major).</summary>
    public void Encode(SlotObservation observation, Span<double> rows)
    {
        rows.Clear();
        var scenario = _system.Scenario;
        var slot = scenario.SlotSeconds;
        var tasks = observation.Tasks;
        CountLocalLoad(observation);

        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var model = scenario.Models[task.ModelId];
            var row = rows.Slice(i * Length, Length);
            var workload = scenario.Workload;
            row[0] = (task.InputBits - workload.InputMinBits) / Math.Max(1.0, workload.InputMaxBits - workload.InputMinBits);
            row[1] = Math.Min(task.SpectralEfficiency / EfficiencyScale, 2.0);
            row[2] = model.SizeBits / _maxSizeBits;
            row[3 + task.LocalEdge] = 1.0;
            var exits = row.Slice(3 + _edges, 2 * MaxExits);
            for (var b = 1; b <= model.ExitCount; b++)
            {
                exits[2 * (b - 1)] = model.CyclesTo(b) / _maxCycles;
                exits[2 * (b - 1) + 1] = model.AccuracyAt(b);
            }

            var uplink = _system.UplinkSeconds(task, observation.Queues);
            for (var n = 0; n < _edges; n++)
            {
                var status = observation.Edges[n];
                var cached = status.Cached[task.ModelId];
                var option = row.Slice(TaskFeatures + n * FeaturesPerEdge, FeaturesPerEdge);
                var tasksThere = _localTasks[n] + (n == task.LocalEdge ? 0 : 1);
                option[0] = Math.Min(_system.ReadySeconds(task, n, cached, observation.Queues, uplink) / slot, 10.0);
                option[1] = cached ? 1.0 : 0.0;
                option[2] = _system.Topology.Hops(task.LocalEdge, n) / Math.Max(1.0, _edges - 1.0);
                option[3] = status.CapacityHz / _maxCapacity;
                option[4] = Math.Min(status.BacklogSeconds / slot, 10.0);
                option[5] = _localTasks[n] / _devicesPerEdge;
                option[6] = _localCycles[n] / status.CapacityHz / slot;
                option[7] = _localMisses[n] / _devicesPerEdge;
                option[8] = _incoming[n] / _devicesPerEdge;
                for (var b = 1; b <= model.ExitCount; b++)
                {
                    option[9 + b - 1] = model.CyclesTo(b) * tasksThere / status.CapacityHz / slot;
                }
            }

            row[Length - 1] = (double)tasks.Count / scenario.DeviceCount;
        }
    }

    /// <summary>Each edge's load if every task of the slot stayed at its local edge.</summary>
    private void CountLocalLoad(SlotObservation observation)
    {
        Array.Clear(_localTasks);
        Array.Clear(_localCycles);
        Array.Clear(_localMisses);
        Array.Clear(_incoming);
        var models = _system.Scenario.Models;
        foreach (var task in observation.Tasks)
        {
            var model = models[task.ModelId];
            var local = task.LocalEdge;
            _localTasks[local]++;
            _localCycles[local] += model.CyclesTo(model.ExitCount);
            if (observation.Edges[local].Cached[task.ModelId])
            {
                continue;
            }

            _localMisses[local]++;
            for (var n = 0; n < _edges; n++)
            {
                if (n != local && observation.Edges[n].Cached[task.ModelId])
                {
                    _incoming[n]++;
                }
            }
        }
    }
}
