using MecActors.Policies.Offloading;
using Xunit;

namespace MecActors.Policies.Tests;

public class RandomDecisionsTests
{
    [Fact]
    public void Reaches_every_edge_and_every_exit()
    {
        var system = TestSystem.Create();
        var policy = new RandomDecisions(13);
        var edges = new HashSet<int>();
        var exits = new HashSet<int>();
        for (var slot = 1; slot <= 40; slot++)
        {
            foreach (var d in policy.Decide(TestSystem.RandomSlot(system, slot, 5)))
            {
                edges.Add(d.TargetEdge);
                exits.Add(d.Exit);
            }
        }

        Assert.Equal([0, 1, 2], edges.Order());
        Assert.Equal([1, 2, 3], exits.Order());
    }

    [Fact]
    public void Separate_streams_of_one_seed_differ()
    {
        var system = TestSystem.Create();
        var observation = TestSystem.RandomSlot(system, 1, 5);

        var a = new RandomDecisions(13, 0).Decide(observation);
        var b = new RandomDecisions(13, 1).Decide(observation);

        Assert.NotEqual(a, b);
    }
}
