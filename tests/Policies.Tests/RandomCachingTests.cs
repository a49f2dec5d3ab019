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
    public void Never_exceeds_storage_and_leaves_no_fitting_model_out(double storageMb)
    {
        var system = TestSystem.Create(storageBytes: storageMb * TestSystem.MB);
        var policy = new RandomCaching(5);
        for (var slot = 1; slot <= 30; slot++)
        {
            var placement = policy.Place(TestSystem.Requests(system, slot, [], [], []));
            Assert.Equal(system.Edges, placement.Length);
            for (var n = 0; n < placement.Length; n++)
            {
                var capacity = system.Scenario.Edges[n].StorageBytes * 8.0;
                var used = TestSystem.CachedBits(system, placement[n]);
                Assert.True(used <= capacity);
                for (var m = 0; m < placement[n].Length; m++)
                {
                    if (!placement[n][m])
                    {
                        Assert.True(used + system.Scenario.Models[m].SizeBits > capacity);
                    }
                }
            }
        }
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
