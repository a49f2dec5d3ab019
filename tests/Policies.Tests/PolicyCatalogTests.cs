using MecActors.Policies.Caching;
using MecActors.Policies.Learning.JointA2C;
using MecActors.Policies.Offloading;
using Xunit;

namespace MecActors.Policies.Tests;

public class PolicyCatalogTests
{
    [Fact]
    public void Lists_the_papers_rows_and_the_greedy_rows()
    {
        Assert.Equal(
            ["joint-a2c", "random-decisions", "random-caching", "local-edge", "no-early-exit",
             "greedy", "random-caching-greedy", "local-edge-greedy", "no-early-exit-greedy",
             "slot-search", "slot-search-local-edge", "slot-search-no-early-exit",
             "device-only", "edge-only", "cloud-only", "best-cut", "random-placement"],
            PolicyCatalog.Names);
        Assert.All(PolicyCatalog.Names, name => Assert.True(PolicyCatalog.IsKnown(name)));
        Assert.False(PolicyCatalog.IsKnown("a2c-typo"));
        Assert.False(PolicyCatalog.IsKnown("Greedy"));
    }

    [Fact]
    public void Rejects_an_unknown_name_listing_the_known_ones()
    {
        var system = TestSystem.Create();

        var error = Assert.Throws<ArgumentException>(() => PolicyCatalog.Create("fastest", system, 1));

        Assert.Contains("fastest", error.Message);
        foreach (var name in PolicyCatalog.Names)
        {
            Assert.Contains(name, error.Message);
        }
    }

    [Theory]
    [InlineData("random-decisions", typeof(RandomDecisions), typeof(RandomCaching), null)]
    [InlineData("joint-a2c", typeof(JointA2CAgent), typeof(PopularityCaching), null)]
    [InlineData("random-caching", typeof(JointA2CAgent), typeof(RandomCaching), null)]
    [InlineData("local-edge", typeof(JointA2CAgent), typeof(PopularityCaching), null)]
    [InlineData("no-early-exit", typeof(JointA2CAgent), typeof(PopularityCaching), null)]
    [InlineData("greedy", typeof(GreedyOffloading), typeof(PopularityCaching), GreedyMode.Joint)]
    [InlineData("random-caching-greedy", typeof(GreedyOffloading), typeof(RandomCaching), GreedyMode.Joint)]
    [InlineData("local-edge-greedy", typeof(GreedyOffloading), typeof(PopularityCaching), GreedyMode.Exit)]
    [InlineData("no-early-exit-greedy", typeof(GreedyOffloading), typeof(PopularityCaching), GreedyMode.Edge)]
    public void Builds_the_named_pair(string name, Type offloading, Type caching, GreedyMode? mode)
    {
        var system = TestSystem.Create(windowSlots: 4);

        var set = PolicyCatalog.Create(name, system, 3);

        Assert.Equal(name, set.Name);
        Assert.IsType(offloading, set.Offloading);
        Assert.IsType(caching, set.Caching);
        if (mode is not null)
        {
            Assert.Equal(mode, ((GreedyOffloading)set.Offloading).Mode);
        }

        if (set.Caching is PopularityCaching popularity)
        {
            Assert.Equal(4, popularity.WindowSlots);
        }
    }
}
