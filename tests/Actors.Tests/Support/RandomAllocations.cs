using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;

namespace MecActors.Actors.Tests.Support;

/// <summary>
/// Another policy's placements with random per-slot allocations on top, where the scenario takes them: half of the
/// devices of a cell set a band share and half of the tasks at an edge an edge share (the set ones adding up to 0.9 at
/// most, so the rest have something left), and half of the tasks a device frequency between 30% and 100% of a core.
/// A third of the split decisions are restated as pieces, each node's cycles scaled by its own factor (a cost per
/// node that cycles over capacity cannot say) and the result of a random size.
/// </summary>
internal sealed class RandomAllocations(IOffloadingPolicy placements, int seed) : IOffloadingPolicy
{
    private readonly RandomStream _random = RandomStream.For(seed, StreamKind.Policy, 78);

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var decisions = placements.Decide(observation);
        var scenario = observation.System.Scenario;
        var tasks = observation.Tasks;
        if (scenario.Disciplines.Wireless == LinkDiscipline.Allocated)
        {
            var weights = new Dictionary<int, double>();
            foreach (var task in tasks)
            {
                weights.TryAdd(task.Device, _random.NextDouble() < 0.5 ? _random.Uniform(0.2, 1.0) : 0.0);
            }

            var total = new double[scenario.EdgeCount];
            foreach (var task in tasks.DistinctBy(t => t.Device))
            {
                total[task.LocalEdge] += Math.Max(weights[task.Device], 0.2);
            }

            for (var i = 0; i < decisions.Length; i++)
            {
                var w = weights[tasks[i].Device];
                decisions[i] = decisions[i] with { BandShare = w > 0 ? 0.9 * w / total[tasks[i].LocalEdge] : null };
            }
        }

        if (scenario.Disciplines.Edge == ComputeDiscipline.Allocated)
        {
            var weights = new double[decisions.Length];
            var total = new double[scenario.EdgeCount];
            for (var i = 0; i < decisions.Length; i++)
            {
                weights[i] = _random.NextDouble() < 0.5 ? _random.Uniform(0.2, 1.0) : 0.0;
                if (decisions[i].ComputesAtEdge)
                {
                    total[decisions[i].TargetEdge] += Math.Max(weights[i], 0.2);
                }
            }

            for (var i = 0; i < decisions.Length; i++)
            {
                var share = weights[i] > 0 && decisions[i].ComputesAtEdge ? 0.9 * weights[i] / total[decisions[i].TargetEdge] : (double?)null;
                decisions[i] = decisions[i] with { EdgeShare = share };
            }
        }

        if (scenario.DeviceCompute is { } device)
        {
            for (var i = 0; i < decisions.Length; i++)
            {
                if (_random.NextDouble() < 0.5)
                {
                    decisions[i] = decisions[i] with { DeviceHz = device.CapacityHz / device.Cores * _random.Uniform(0.3, 1.0) };
                }
            }
        }

        for (var i = 0; i < decisions.Length; i++)
        {
            if (decisions[i].Split is { } split && _random.NextDouble() < 1.0 / 3)
            {
                decisions[i] = AsPieces(decisions[i], split, scenario.Models[tasks[i].ModelId]);
            }
        }

        return decisions;
    }

    private OffloadDecision AsPieces(OffloadDecision decision, Segment[] split, Core.Models.DnnModel model)
    {
        var pieces = new Piece[split.Length];
        var first = 1;
        for (var s = 0; s < split.Length; s++)
        {
            var last = first + split[s].Blocks - 1;
            var factor = split[s].Node switch { NodeKind.Device => 1.3, NodeKind.Edge => 0.7, _ => 0.5 };
            var output = s == split.Length - 1 ? _random.Uniform(0, 20_000) : model.Blocks[last - 1].OutputBits;
            pieces[s] = new Piece(split[s].Node, factor * model.CyclesBetween(first, last), output);
            first = last + 1;
        }

        return decision with { Split = null, Pieces = pieces };
    }

    public void Learn(SlotFeedback feedback) => placements.Learn(feedback);
}
