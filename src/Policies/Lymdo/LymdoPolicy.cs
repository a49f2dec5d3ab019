using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Network;

namespace MecActors.Policies.Lymdo;

/// <summary>How a policy of the LyMDO family picks each UE's partition point in a slot.</summary>
public enum PartitionRule
{
    /// <summary>Every combination of the settings' points over the UEs with frames; the one of least objective.</summary>
    Exhaustive,

    /// <summary>Every layer on the UE.</summary>
    AllOnDevice,

    /// <summary>Every layer on the ES.</summary>
    AllOnEdge,
}

/// <summary>
/// LyMDO's slot, given a partition rule and an allocation: each UE's frames of the slot (all cut at its partition point)
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
    private readonly PartitionRule _rule;
    private readonly Func<SlotProblem, IReadOnlyList<UeLoad>, SlotAllocation> _allocate;
    private readonly bool _pricesEnergy;
    private readonly double _noiseW;
    private readonly int _modelId;

    public LymdoPolicy(
        SystemView system, LymdoSettings settings, PartitionRule rule, Func<SlotProblem, IReadOnlyList<UeLoad>, SlotAllocation> allocate, bool pricesEnergy)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
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

    public OffloadDecision[] Decide(SlotObservation observation)
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

        var points = Choose(observation, frames, snr);
        var loads = Loads(observation, frames, snr, points, _pricesEnergy);
        var allocation = _allocate(Problem, loads);
        var energy = new double[ues];
        for (var u = 0; u < ues; u++)
        {
            energy[u] = Problem.EnergyJ(loads[u], allocation.Hz[u], allocation.Band[u]);
        }

        Queues.Update(energy);
        return Decisions(observation.Tasks, frames, points, allocation);
    }

    public void Learn(SlotFeedback feedback)
    {
    }

    private int[] Choose(SlotObservation observation, int[] frames, double[] snr)
    {
        var ues = frames.Length;
        switch (_rule)
        {
            case PartitionRule.AllOnDevice:
                return Enumerable.Repeat(_costs.Layers, ues).ToArray();
            case PartitionRule.AllOnEdge:
                return new int[ues];
        }

        var active = Enumerable.Range(0, ues).Where(u => frames[u] > 0).ToArray();
        var choice = new int[active.Length];
        var points = Enumerable.Repeat(_points[0], ues).ToArray();
        var best = (int[])points.Clone();
        var bestObjective = double.PositiveInfinity;
        while (true)
        {
            for (var i = 0; i < active.Length; i++)
            {
                points[active[i]] = _points[choice[i]];
            }

            var loads = Loads(observation, frames, snr, points, _pricesEnergy);
            var objective = Problem.Objective(loads, _allocate(Problem, loads));
            if (objective < bestObjective)
            {
                bestObjective = objective;
                Array.Copy(points, best, ues);
            }

            var digit = 0;
            while (digit < active.Length && ++choice[digit] == _points.Count)
            {
                choice[digit++] = 0;
            }

            if (digit == active.Length)
            {
                return best;
            }
        }
    }

    private UeLoad[] Loads(SlotObservation observation, int[] frames, double[] snr, int[] points, bool priced)
    {
        var loads = new UeLoad[frames.Length];
        for (var u = 0; u < loads.Length; u++)
        {
            var p = points[u];
            loads[u] = new UeLoad(
                frames[u],
                _costs.DeviceCycles(p),
                _costs.UplinkBits(p),
                _costs.EdgeCycles(p),
                snr[u],
                observation.Queues.Of(ResourceRef.DeviceCompute(u)).BacklogSeconds,
                observation.Queues.Of(ResourceRef.Transmitter(u)).BacklogSeconds,
                priced ? Queues.Backlog[u] : 0.0);
        }

        return loads;
    }

    private OffloadDecision[] Decisions(IReadOnlyList<Core.Workload.TaskRequest> tasks, int[] frames, int[] points, SlotAllocation allocation)
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
