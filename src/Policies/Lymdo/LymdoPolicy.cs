using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Network;

namespace MecActors.Policies.Lymdo;

/// <summary>
/// LyMDO's slot, given a partition rule (<see cref="IPartitionRule"/>) and an allocation: each UE's frames of the slot (all cut at its partition point)
/// become a <see cref="UeLoad"/> priced by its virtual queue, the partition points and the allocation minimise the
/// drift-plus-penalty objective of <see cref="SlotProblem"/>, each frame's decision carries its pieces, its UE's
/// frequency and band share and its share of the ES, and the virtual queues take the slot's energies. A policy that
/// does not price energy (<c>myopic</c>) decides with every queue at 0 (the slot's delay alone) while its queues still
/// record what its energy does to the budget.
/// </summary>
public sealed class LymdoPolicy : IOffloadingPolicy
{
    /// <summary>The band share of a UE with frames that sends nothing: every device with tasks holds a share.</summary>
    private const double IdleBandShare = 1e-12;

    private readonly SystemView _system;
    private readonly PartitionCosts _costs;
    private readonly IReadOnlyList<int> _points;
    private readonly IPartitionRule _rule;
    private readonly Func<SlotProblem, IReadOnlyList<UeLoad>, SlotAllocation> _allocate;
    private readonly bool _pricesEnergy;
    private readonly double _noiseW;
    private readonly int _modelId;

    public LymdoPolicy(
        SystemView system, LymdoSettings settings, IPartitionRule rule, Func<SlotProblem, IReadOnlyList<UeLoad>, SlotAllocation> allocate, bool pricesEnergy)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(allocate);
        _system = system;
        _costs = new PartitionCosts(settings, system);
        _points = settings.PartitionPoints;
        _rule = rule;
        _allocate = allocate;
        _pricesEnergy = pricesEnergy;
        var scenario = system.Scenario;
        var edge = scenario.Edges[0];
        Problem = new SlotProblem(
            settings.V, scenario.DeviceCompute!.Kappa, scenario.Radio.TxPowerW, settings.MinFrequencyHz, system.CoreHz(NodeKind.Device, 0), edge.BandwidthHz, edge.CapacityHz);
        _noiseW = Radio.NoisePowerW(scenario.Radio, edge.BandwidthHz);
        Queues = new VirtualQueues(scenario.DeviceCount, scenario.DeviceCompute.EnergyBudgetJ ?? throw new InvalidOperationException("the scenario's devices have no energy budget"));
        _modelId = settings.ModelIdIn(scenario);
    }

    public SlotProblem Problem { get; }

    public VirtualQueues Queues { get; }

    /// <summary>The partition points of the last decided slot, one per UE.</summary>
    public IReadOnlyList<int> LastPoints { get; private set; } = [];

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var slot = SlotOf(observation);
        var points = _rule.Choose(slot);
        LastPoints = points;
        var frames = slot.Frames;
        var loads = Loads(slot.State, points);
        var allocation = _allocate(Problem, loads);
        var energy = new double[loads.Length];
        for (var u = 0; u < loads.Length; u++)
        {
            energy[u] = Problem.EnergyJ(loads[u], allocation.Hz[u], allocation.Band[u]);
        }

        Queues.Update(energy);
        return Decisions(observation.Tasks, frames, points, allocation);
    }

    public void Learn(SlotFeedback feedback)
    {
    }

    /// <summary>The slot as the partition rule sees it, with the virtual queues as they stand (nothing is updated).</summary>
    public PartitionSlot SlotOf(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var ues = _system.Scenario.DeviceCount;
        var frames = new int[ues];
        var snr = new double[ues];
        foreach (var task in observation.Tasks)
        {
            if (task.ModelId != _modelId)
            {
                throw new InvalidOperationException($"task {task.TaskId} asks for model {task.ModelId}; the layer profile describes model {_modelId}");
            }

            if (frames[task.Device]++ == 0)
            {
                snr[task.Device] = _system.Scenario.Radio.TxPowerW * task.ChannelGain / _noiseW;
            }
        }

        var state = new UeLoad[ues];
        for (var u = 0; u < ues; u++)
        {
            state[u] = new UeLoad(
                frames[u],
                0.0,
                0.0,
                0.0,
                snr[u],
                observation.Queues.Of(ResourceRef.DeviceCompute(u)).BacklogSeconds,
                observation.Queues.Of(ResourceRef.Transmitter(u)).BacklogSeconds,
                _pricesEnergy ? Queues.Backlog[u] : 0.0);
        }

        return new PartitionSlot(observation.Slot, _system.Scenario.SlotSeconds, Problem, _allocate, points => Loads(state, points), frames, _points, _costs.Layers);
    }

    /// <summary>Each UE's state with the costs of its partition point.</summary>
    private UeLoad[] Loads(IReadOnlyList<UeLoad> state, int[] points)
    {
        var loads = new UeLoad[state.Count];
        for (var u = 0; u < loads.Length; u++)
        {
            var p = points[u];
            loads[u] = state[u] with { DeviceCycles = _costs.DeviceCycles(p), UplinkBits = _costs.UplinkBits(p), EdgeCycles = _costs.EdgeCycles(p) };
        }

        return loads;
    }

    private OffloadDecision[] Decisions(IReadOnlyList<Core.Workload.TaskRequest> tasks, IReadOnlyList<int> frames, int[] points, SlotAllocation allocation)
    {
        var active = frames.Count(n => n > 0);
        var decisions = new OffloadDecision[tasks.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            var task = tasks[i];
            var u = task.Device;
            var p = points[u];
            var decision = new OffloadDecision(task.LocalEdge, _costs.Exit)
            {
                Pieces = _costs.PiecesAt(p),
                BandShare = IdleBandShare + (allocation.Band[u] * (1.0 - (IdleBandShare * active))),
            };
            if (_costs.DeviceCycles(p) > 0)
            {
                decision = decision with { DeviceHz = allocation.Hz[u] };
            }

            if (_costs.EdgeCycles(p) > 0)
            {
                decision = decision with { EdgeShare = allocation.Edge[u] / frames[u] };
            }

            decisions[i] = decision;
        }

        return decisions;
    }
}
