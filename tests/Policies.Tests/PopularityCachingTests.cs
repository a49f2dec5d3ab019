using MecActors.Core.Randomness;
using MecActors.Policies.Caching;
using Xunit;

namespace MecActors.Policies.Tests;

public class PopularityCachingTests
{
    [Fact]
    public void Caches_the_most_requested_models_that_fit_skipping_one_too_large()
    {
        var system = TestSystem.Create(storageBytes: 1000 * TestSystem.MB);
        var policy = new PopularityCaching(system);

        var placement = policy.Place(TestSystem.Requests(
            system,
            2,
            [3, 3, 3, 1, 1, 0],
            [1, 2, 1, 2],
            []));

        // Edge 0: model 3 (600 MB), model 1 (500 MB) no longer fits, model 0 (300 MB) does.
        Assert.Equal([true, false, false, true], placement[0]);

        // Edge 1: models 1 and 2 tie on count; the lower id goes first, then 2; nothing else fits.
        Assert.Equal([false, true, true, false], placement[1]);

        // Edge 2 saw no request: models by id, 0 (300) and 1 (500); 2 would exceed 1000 MB.
        Assert.Equal([true, true, false, false], placement[2]);
    }

    [Fact]
    public void Ranks_by_model_id_before_any_slot()
    {
        var system = TestSystem.Create(storageBytes: 1000 * TestSystem.MB);
        var placement = new PopularityCaching(system).Place(TestSystem.Requests(system, 1));

        foreach (var edge in placement)
        {
            Assert.Equal([true, true, false, false], edge);
        }
    }

    [Fact]
    public void Forgets_requests_older_than_the_window()
    {
        var system = TestSystem.Create(storageBytes: 1000 * TestSystem.MB, windowSlots: 2);
        var policy = new PopularityCaching(system);

        policy.Place(TestSystem.Requests(system, 2, [3, 3, 3, 3, 3], [], []));
        var afterTwo = policy.Place(TestSystem.Requests(system, 3, [2], [], []));

        // Window = slots 1 and 2: model 3 (5 requests) then model 2 (1): exactly 1000 MB.
        Assert.Equal([false, false, true, true], afterTwo[0]);
        Assert.Equal(5, policy.CountInWindow(0, 3));

        var afterThree = policy.Place(TestSystem.Requests(system, 4, [2], [], []));

        // Window = slots 2 and 3: slot 1's requests for model 3 are gone.
        Assert.Equal(0, policy.CountInWindow(0, 3));
        Assert.Equal(2, policy.CountInWindow(0, 2));
        Assert.Equal([true, false, true, false], afterThree[0]);
    }

    [Fact]
    public void Recording_a_slot_again_replaces_it()
    {
        var system = TestSystem.Create();
        var policy = new PopularityCaching(system);

        policy.Place(TestSystem.Requests(system, 2, [3, 3], [], []));
        policy.Place(TestSystem.Requests(system, 2, [2], [], []));

        Assert.Equal(0, policy.CountInWindow(0, 3));
        Assert.Equal(1, policy.CountInWindow(0, 2));
    }

    [Theory]
    [InlineData(350.0)]
    [InlineData(800.0)]
    [InlineData(1000.0)]
    [InlineData(1234.0)]
    [InlineData(5000.0)]
    public void Never_exceeds_storage(double storageMb)
    {
        var system = TestSystem.Create(storageBytes: storageMb * TestSystem.MB);
        var policy = new PopularityCaching(system);
        var random = RandomStream.For(11, StreamKind.Scenario, 0);
        for (var slot = 1; slot <= 20; slot++)
        {
            var requests = new int[system.Edges][];
            for (var n = 0; n < requests.Length; n++)
            {
                requests[n] = Enumerable.Range(0, random.Next(8)).Select(_ => random.Next(4)).ToArray();
            }

            var placement = policy.Place(TestSystem.Requests(system, slot + 1, requests));
            for (var n = 0; n < placement.Length; n++)
            {
                Assert.True(TestSystem.CachedBits(system, placement[n]) <= system.Scenario.Edges[n].StorageBytes * 8.0);
            }
        }
    }

    [Fact]
    public void Rejects_a_window_below_one_slot()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PopularityCaching(0));
    }
}
