using MecActors.Core.Decisions;
using MecActors.Core.Models;
using MecActors.Policies.Offloading;
using Xunit;

namespace MecActors.Policies.Tests;

public class PlacementPolicyTests
{
    [Theory]
    [InlineData(NodeKind.Device)]
    [InlineData(NodeKind.Edge)]
    [InlineData(NodeKind.Cloud)]
    public void Fixed_placement_runs_the_whole_model_on_its_node_through_the_local_edge(NodeKind node)
    {
        var system = TestSystem.Create();
        var observation = TestSystem.RandomSlot(system, 1, 5);

        var decisions = new FixedPlacement(node).Decide(observation);

        for (var i = 0; i < decisions.Length; i++)
        {
            var task = observation.Tasks[i];
            var exits = system.Scenario.Models[task.ModelId].ExitCount;
            Assert.Equal(task.LocalEdge, decisions[i].TargetEdge);
            Assert.Equal(exits, decisions[i].Exit);
            Assert.Equal([new Segment(node, exits)], decisions[i].Split!);
        }
    }

    [Fact]
    public void Best_cut_keeps_everything_on_a_fast_device_and_sends_everything_to_a_fast_edge()
    {
        // Every block's output is as large as the input, so a cut saves no transfer.
        var plain = TestSystem.Create(capacityHz: 20e9).Scenario;
        var models = plain.Models.Types.Select(m => m with { Blocks = m.Blocks.Select(b => b with { OutputBits = 4e6 }).ToArray() }).ToArray();
        var system = new SystemView(plain with { Models = new ModelCatalog(models) });
        var slow = TestSystem.Task(system, 1, 0, 0, inputBits: 4e6, uplinkBps: 1e3);
        var fast = TestSystem.Task(system, 1, 1, 0, inputBits: 4e6, uplinkBps: 1e9);
        var observation = TestSystem.Observation(system, 1, [slow, fast]);

        var decisions = new BestCut().Decide(observation);

        var exits = system.Scenario.Models[0].ExitCount;

        // A 1 kbit/s uplink makes any transfer slower than computing on the 2 GHz device; at 1 Gbit/s the 20 GHz edge wins.
        Assert.Equal([new Segment(NodeKind.Device, exits)], decisions[0].Split!);
        Assert.Equal([new Segment(NodeKind.Edge, exits)], decisions[1].Split!);
    }
}
