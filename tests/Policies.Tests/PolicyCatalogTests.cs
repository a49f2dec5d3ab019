using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
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
             "device-only", "edge-only", "cloud-only", "best-cut", "random-placement",
             "pre-dnnoff-ga", "pre-dnnoff-exact", "edgent", "layers-device-only", "layers-edge-only", "pre-dnnoff-queue-aware",
             "grle", "grl", "droo", "drooe", "exhaustive", "local-last-exit", "local-first-exit",
             "brute-force", "q-learning", "offload-only-rl", "dqn",
             "lymdo", "drl-no-lyapunov", "lymdo-exhaustive", "lymdo-equal", "lymdo-local-only", "lymdo-edge-only", "myopic"],
            PolicyCatalog.All.Names);
        Assert.All(PolicyCatalog.All.Names, name => Assert.True(PolicyCatalog.All.IsKnown(name)));
        Assert.False(PolicyCatalog.All.IsKnown("a2c-typo"));
        Assert.False(PolicyCatalog.All.IsKnown("Greedy"));
    }

    [Fact]
    public void Only_the_a2c_rows_and_the_papers_agents_learn()
    {
        Assert.Equal(
            ["joint-a2c", "random-caching", "local-edge", "no-early-exit", "grle", "grl", "droo", "drooe", "q-learning", "offload-only-rl", "dqn", "lymdo", "drl-no-lyapunov"],
            PolicyCatalog.All.Names.Where(PolicyCatalog.All.Learns));
        Assert.False(PolicyCatalog.All.Learns("a2c-typo"));
    }

    [Fact]
    public void A_catalog_lists_what_each_registration_adds_in_order_and_creates_by_name()
    {
        var catalog = PolicyCatalog.Of(
            c => c.Add("first", (name, system, _) => new PolicySet(name, new GreedyOffloading(GreedyMode.Joint), new RandomCaching(1))),
            c => c.Add("second", (name, system, seed) => new PolicySet(name, new RandomDecisions(seed), new RandomCaching(seed)), learns: true));

        Assert.Equal(["first", "second"], catalog.Names);
        Assert.False(catalog.Learns("first"));
        Assert.True(catalog.Learns("second"));
        var set = catalog.Create("second", TestSystem.Create(), 5);
        Assert.Equal("second", set.Name);
        Assert.IsType<RandomDecisions>(set.Offloading);
        Assert.Throws<ArgumentException>(() => catalog.Create("greedy", TestSystem.Create(), 5));
    }

    [Fact]
    public void A_name_is_registered_once()
    {
        var catalog = new PolicyCatalog();
        PolicyFactory factory = (name, system, seed) => new PolicySet(name, new RandomDecisions(seed), new RandomCaching(seed));
        catalog.Add("twice", factory);

        var error = Assert.Throws<ArgumentException>(() => catalog.Add("twice", factory));

        Assert.Contains("twice", error.Message);
    }

    [Fact]
    public void Families_sharing_the_popularity_caching_read_its_section_once_into_its_settings()
    {
        var parameters = PolicyCatalog.All.ReadParameters(HoconParser.ParseText("caching { window-slots = 7 }"));

        Assert.Equal(new PopularityCachingSettings(7), Assert.Single(parameters.Values.OfType<PopularityCachingSettings>()));
        Assert.Equal(7, parameters.Get<PopularityCachingSettings>().WindowSlots);
        Assert.False(parameters.Get<MecActors.Policies.Orchestration.OrchestrationSettings>().IsPresent);
    }

    [Theory]
    [InlineData("caching { window-slots = 0 }", "caching.window-slots")]
    [InlineData("caching { window-slots = many }", "caching.window-slots")]
    [InlineData("caching { window = 3 }", "caching.window")]
    [InlineData("objective { beta = 1 }", "caching")]
    public void A_bad_caching_section_is_rejected_naming_the_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => PolicyCatalog.All.ReadParameters(HoconParser.ParseText(hocon)));

        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void A_section_belongs_to_one_kind_of_parameters()
    {
        var catalog = new PolicyCatalog();
        catalog.AddParameters(PopularityCachingSettings.Section, PopularityCachingSettings.Read);

        Assert.Throws<ArgumentException>(() => catalog.AddParameters(PopularityCachingSettings.Section, _ => new object()));
        Assert.Throws<ArgumentException>(() => catalog.AddParameters("window", PopularityCachingSettings.Read));
    }

    [Fact]
    public void Rejects_an_unknown_name_listing_the_known_ones()
    {
        var system = TestSystem.Create();

        var error = Assert.Throws<ArgumentException>(() => PolicyCatalog.All.Create("fastest", system, 1));

        Assert.Contains("fastest", error.Message);
        foreach (var name in PolicyCatalog.All.Names)
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

        var set = PolicyCatalog.All.Create(name, system, 3);

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
