using MecActors.Core.Decisions;

namespace MecActors.Policies.Learning.JointA2C;

/// <summary>
/// Encodes S(t) = {Z(t), s_u(t), c_u(t), g_u(t), f_n(t)} (paper 000, Sec. III-B) as a fixed-length vector
/// with every entry roughly in [0, 1]. Each device has a fixed block, so the network sees who asks what:
/// active flag, input size, full-model computation, spectral efficiency, its model's exit count, its local edge
/// (one-hot) and where its model is cached (one bit per edge). Each edge adds its capacity, backlog and Z row.
/// </summary>
public sealed class StateEncoder
{
    private const double EfficiencyScale = 20.0;
    private readonly SystemView _system;
    private readonly double _maxCycles;
    private readonly double _maxCapacity;
    private readonly int _maxExits;

    public StateEncoder(SystemView system)
    {
        _system = system;
        var scenario = system.Scenario;
        foreach (var model in scenario.Models.Types)
        {
            _maxCycles = Math.Max(_maxCycles, model.CyclesTo(model.ExitCount));
            _maxExits = Math.Max(_maxExits, model.ExitCount);
        }

        foreach (var edge in scenario.Edges)
        {
            _maxCapacity = Math.Max(_maxCapacity, edge.CapacityHz);
        }

        PerDevice = 5 + 2 * system.Edges;
        PerEdge = 2 + scenario.Models.Count;
        Length = scenario.DeviceCount * PerDevice + system.Edges * PerEdge;
    }

    public int Length { get; }

    private int PerDevice { get; }

    private int PerEdge { get; }

    public void Encode(SlotObservation observation, Span<double> state)
    {
        state.Clear();
        var scenario = _system.Scenario;
        var workload = scenario.Workload;
        var inputRange = Math.Max(1.0, workload.InputMaxBits - workload.InputMinBits);
        var n = _system.Edges;
        foreach (var task in observation.Tasks)
        {
            var block = state.Slice(task.Device * PerDevice, PerDevice);
            var model = scenario.Models[task.ModelId];
            block[0] = 1.0;
            block[1] = (task.InputBits - workload.InputMinBits) / inputRange;
            block[2] = model.CyclesTo(model.ExitCount) / _maxCycles;
            block[3] = Math.Min(task.SpectralEfficiency / EfficiencyScale, 2.0);
            block[4] = (double)model.ExitCount / _maxExits;
            block[5 + task.LocalEdge] = 1.0;
            for (var e = 0; e < n; e++)
            {
                block[5 + n + e] = observation.Edges[e].Cached[task.ModelId] ? 1.0 : 0.0;
            }
        }

        var edges = state.Slice(scenario.DeviceCount * PerDevice);
        for (var e = 0; e < n; e++)
        {
            var status = observation.Edges[e];
            var block = edges.Slice(e * PerEdge, PerEdge);
            block[0] = status.CapacityHz / _maxCapacity;
            block[1] = Math.Min(status.BacklogSeconds / scenario.SlotSeconds, 10.0);
            for (var m = 0; m < status.Cached.Count; m++)
            {
                block[2 + m] = status.Cached[m] ? 1.0 : 0.0;
            }
        }
    }
}
