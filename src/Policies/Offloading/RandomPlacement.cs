using MecActors.Core.Decisions;
using MecActors.Core.Randomness;

namespace MecActors.Policies.Offloading;

/// <summary>
/// Random placements of every shape, a learning-free baseline for partitioning: each task's blocks up to a random
/// exit cut into random segments over the device, a random edge and the cloud, consecutive segments on different
/// nodes, so routes go back and forth (device -> edge -> device -> cloud ...); now and then, with probability 0.15,
/// the whole model at the edge as in paper 000. Needs device compute and a cloud in the scenario.
/// </summary>
public sealed class RandomPlacement(int seed) : IOffloadingPolicy
{
    private static readonly NodeKind[] Nodes = [NodeKind.Device, NodeKind.Edge, NodeKind.Cloud];

    private readonly RandomStream _random = RandomStream.For(seed, StreamKind.Policy, 77);

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var scenario = observation.System.Scenario;
        var decisions = new OffloadDecision[observation.Tasks.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            var model = scenario.Models[observation.Tasks[i].ModelId];
            var edge = _random.Next(scenario.EdgeCount);
            var exit = _random.Next(1, model.ExitCount + 1);
            if (_random.NextDouble() < 0.15)
            {
                decisions[i] = new OffloadDecision(edge, exit);
                continue;
            }

            var segments = new List<Segment>();
            var left = exit;
            var node = Nodes[_random.Next(Nodes.Length)];
            while (left > 0)
            {
                var blocks = 1 + _random.Next(left);
                segments.Add(new Segment(node, blocks));
                left -= blocks;
                var next = Nodes[_random.Next(Nodes.Length - 1)];
                node = next == node ? Nodes[^1] : next;
            }

            decisions[i] = new OffloadDecision(edge, exit) { Split = segments.ToArray() };
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
    }
}
