using MecActors.Policies.Caching;
using Xunit;

namespace MecActors.Policies.Tests;

public class RandomCachingTests
{
    [Theory]
    [InlineData(250.0)]
    [InlineData(700.0)]
    [InlineData(1000.0)]
    [InlineData(1500.0)]
    [InlineData(3000.0)]
    public void Never_exceeds_storage(double storageMb)
    {
        var system = TestSystem.Create(storageBytes: storageMb * TestSystem.MB);
        var policy = new RandomCaching(5);
        for (var slot = 1; slot <= 30; slot++)
        {
            var placement = policy.Place(TestSystem.Requests(system, slot, [], [], []));
            Assert.Equal(system.Edges, placement.Length);
            for (var n = 0; n < placement.Length; n++)
            {
                Assert.True(TestSystem.CachedBits(system, placement[n]) <= system.Scenario.Edges[n].StorageBytes * 8.0);
            }
        }
    }

    [Fact]
    public void Draws_each_caching_decision_as_a_fair_coin_when_storage_is_ample()
    {
        var system = TestSystem.Create(storageBytes: 100_000 * TestSystem.MB);
        var policy = new RandomCaching(11);
        var cached = 0;
        var decisions = 0;
        for (var slot = 1; slot <= 500; slot++)
        {
            foreach (var edge in policy.Place(TestSystem.Requests(system, slot, [], [], [])))
            {
                cached += edge.Count(c => c);
                decisions += edge.Length;
            }
        }

        Assert.InRange((double)cached / decisions, 0.45, 0.55);
    }

    [Fact]
    public void Varies_its_choice_over_slots()
    {
        var system = TestSystem.Create(storageBytes: 1000 * TestSystem.MB);
        var policy = new RandomCaching(3);
        var seen = new HashSet<string>();
        for (var slot = 1; slot <= 30; slot++)
        {
            var placement = policy.Place(TestSystem.Requests(system, slot, [], [], []));
            seen.Add(string.Concat(placement[0].Select(c => c ? '1' : '0')));
        }

        Assert.True(seen.Count > 1);
    }
}
