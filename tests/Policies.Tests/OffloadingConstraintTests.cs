using Xunit;

namespace MecActors.Policies.Tests;

public class OffloadingConstraintTests
{
    public static TheoryData<string> AllPolicies()
    {
        var data = new TheoryData<string>();
        foreach (var name in GenericPolicies.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPolicies))]
    public void Every_decision_names_an_edge_in_range_and_an_exit_within_C2(string name)
    {
        var system = TestSystem.Create(backhaulRateBps: 2e8);
        var set = PolicyCatalog.All.Create(name, system, 42);
        for (var slot = 1; slot <= 25; slot++)
        {
            var observation = TestSystem.RandomSlot(system, slot, 9);
            var decisions = set.Offloading.Decide(observation);
            Assert.Equal(observation.Tasks.Count, decisions.Length);
            for (var i = 0; i < decisions.Length; i++)
            {
                var model = system.Scenario.Models[observation.Tasks[i].ModelId];
                Assert.InRange(decisions[i].TargetEdge, 0, system.Edges - 1);
                Assert.InRange(decisions[i].Exit, 1, model.ExitCount);
            }

            var placement = set.Caching.Place(TestSystem.Requests(
                system,
                slot + 1,
                observation.Tasks.GroupBy(t => t.LocalEdge).OrderBy(g => g.Key).Select(g => g.Select(t => t.ModelId).ToArray()).ToArray()));
            for (var n = 0; n < placement.Length; n++)
            {
                Assert.True(TestSystem.CachedBits(system, placement[n]) <= system.Scenario.Edges[n].StorageBytes * 8.0);
            }
        }
    }

    [Fact]
    public void Local_edge_always_picks_the_local_edge()
    {
        var system = TestSystem.Create(backhaulRateBps: 1e7);
        var set = PolicyCatalog.All.Create(Paper000Policies.LocalEdgeName, system, 1);
        for (var slot = 1; slot <= 25; slot++)
        {
            var observation = TestSystem.RandomSlot(system, slot, 3);
            var decisions = set.Offloading.Decide(observation);
            for (var i = 0; i < decisions.Length; i++)
            {
                Assert.Equal(observation.Tasks[i].LocalEdge, decisions[i].TargetEdge);
            }
        }
    }

    [Fact]
    public void No_early_exit_always_picks_the_last_exit()
    {
        var system = TestSystem.Create(beta: 0.0);
        var set = PolicyCatalog.All.Create(Paper000Policies.NoEarlyExitName, system, 1);
        for (var slot = 1; slot <= 25; slot++)
        {
            var observation = TestSystem.RandomSlot(system, slot, 4);
            var decisions = set.Offloading.Decide(observation);
            for (var i = 0; i < decisions.Length; i++)
            {
                Assert.Equal(system.Scenario.Models[observation.Tasks[i].ModelId].ExitCount, decisions[i].Exit);
            }
        }
    }
}
