using MecActors.Core.Decisions;
using Xunit;

namespace MecActors.Policies.Tests;

public class DeterminismTests
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
    public void Same_seed_gives_identical_decisions_and_caches(string name)
    {
        var system = TestSystem.Create(backhaulRateBps: 4e8);

        var first = Run(PolicyCatalog.All.Create(name, system, 17), system);
        var second = Run(PolicyCatalog.All.Create(name, system, 17), system);

        Assert.Equal(first.Decisions, second.Decisions);
        Assert.Equal(first.Caches, second.Caches);
    }

    [Fact]
    public void Different_seeds_give_different_random_decisions()
    {
        var system = TestSystem.Create();

        var a = Run(PolicyCatalog.All.Create(Paper000Policies.RandomDecisionsName, system, 1), system);
        var b = Run(PolicyCatalog.All.Create(Paper000Policies.RandomDecisionsName, system, 2), system);

        Assert.NotEqual(a.Decisions, b.Decisions);
        Assert.NotEqual(a.Caches, b.Caches);
    }

    [Fact]
    public void Different_seeds_give_different_random_caches()
    {
        var system = TestSystem.Create();

        var a = Run(PolicyCatalog.All.Create(Paper000Policies.RandomCachingName, system, 1), system);
        var b = Run(PolicyCatalog.All.Create(Paper000Policies.RandomCachingName, system, 2), system);

        Assert.NotEqual(a.Caches, b.Caches);
    }

    private static (List<OffloadDecision> Decisions, List<string> Caches) Run(PolicySet set, SystemView system)
    {
        var decisions = new List<OffloadDecision>();
        var caches = new List<string>();
        for (var slot = 1; slot <= 8; slot++)
        {
            var observation = TestSystem.RandomSlot(system, slot, 23);
            decisions.AddRange(set.Offloading.Decide(observation));
            var requests = Enumerable.Range(0, system.Edges)
                .Select(n => observation.Tasks.Where(t => t.LocalEdge == n).Select(t => t.ModelId).ToArray())
                .ToArray();
            var placement = set.Caching.Place(TestSystem.Requests(system, slot + 1, requests));
            caches.Add(string.Join("|", placement.Select(edge => string.Concat(edge.Select(c => c ? '1' : '0')))));
        }

        return (decisions, caches);
    }
}
