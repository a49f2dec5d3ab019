using MecActors.Core.Configuration;
using Xunit;

namespace MecActors.Core.Tests.Configuration;

public class ConfigMergeTests
{
    [Fact]
    public void WithFallback_deep_merges_and_this_config_wins()
    {
        var defaults = HoconParser.ParseText("edges { count = 2, cpu = 4 }\nseed = 1\nlist = [1, 2]");
        var scenario = HoconParser.ParseText("edges { count = 5 }\nlist = [3]\nname = s");

        var merged = scenario.WithFallback(defaults);

        Assert.Equal(5, merged.GetInt("edges.count"));
        Assert.Equal(4, merged.GetInt("edges.cpu"));
        Assert.Equal(1, merged.GetInt("seed"));
        Assert.Equal([3], merged.GetIntList("list"));
        Assert.Equal(["edges", "list", "name", "seed"], merged.Keys);
        Assert.False(defaults.GetConfig("edges").HasPath("name"));
    }

    [Fact]
    public void WithOverride_replaces_one_value_and_leaves_the_original_untouched()
    {
        var original = HoconParser.ParseText("edges { count = 2, cpu = 4 }\nother { x = 1 }");

        var changed = original
            .WithOverride("edges.count", "10")
            .WithOverride("edges.list", "[1, 2]")
            .WithOverride("new.path", "{ a = on }")
            .WithOverride("policy", "random decisions");

        Assert.Equal(10, changed.GetInt("edges.count"));
        Assert.Equal(4, changed.GetInt("edges.cpu"));
        Assert.Equal([1, 2], changed.GetIntList("edges.list"));
        Assert.True(changed.GetBool("new.path.a"));
        Assert.Equal("random decisions", changed.GetString("policy"));
        Assert.Equal(2, original.GetInt("edges.count"));
        Assert.False(original.HasPath("edges.list"));
        Assert.Equal("<override>:1", changed.OriginOf("edges.count"));
    }

    [Fact]
    public void WithOverride_on_a_sub_config_keeps_full_paths_and_resolves_substitutions()
    {
        var edges = HoconParser.ParseText("edges { count = 2, cpu = 4 }").GetConfig("edges");

        var changed = edges.WithOverride("count", "${cpu}");

        Assert.Equal(4, changed.GetInt("count"));
        Assert.Equal("edges", changed.Path);
        var error = Assert.Throws<ConfigException>(() => edges.WithOverride("count", "[1, "));
        Assert.Equal("edges.count", error.Key);
        Assert.Contains("unclosed '['", error.Message);
    }
}
