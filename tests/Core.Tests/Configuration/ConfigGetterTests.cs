using MecActors.Core.Configuration;
using Xunit;

namespace MecActors.Core.Tests.Configuration;

public class ConfigGetterTests
{
    private static readonly Config Sample = HoconParser.ParseText("""
        name = joint caching
        edges {
          count = 3
          storage-gb = abc
          ratio = 2.5
          huge = 99999999999
        }
        users = [{ id = 1, demand = 0.5 }, { id = 2 }, { id = 3, demand = lots }]
        flags = [true, maybe]
        """, "joint-caching.conf");

    [Fact]
    public void Missing_key_error_names_full_path_and_enclosing_line()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetDouble("edges.cpu"));

        Assert.Equal("edges.cpu", error.Key);
        Assert.Equal("edges.cpu: missing required key [joint-caching.conf:2]", error.Message);
    }

    [Fact]
    public void Wrong_type_error_quotes_the_value_and_line()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetDouble("edges.storage-gb"));

        Assert.Equal("edges.storage-gb: expected a number, got \"abc\" [joint-caching.conf:4]", error.Message);
    }

    [Fact]
    public void GetInt_rejects_non_integers_and_out_of_range_values()
    {
        Assert.Contains("expected an integer, got \"2.5\"", Assert.Throws<ConfigException>(() => Sample.GetInt("edges.ratio")).Message);
        Assert.Contains("out of 32-bit range", Assert.Throws<ConfigException>(() => Sample.GetInt("edges.huge")).Message);
        Assert.Equal(99999999999L, Sample.GetLong("edges.huge"));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1,5")]
    [InlineData("0x10")]
    [InlineData("1e999")]
    public void Non_finite_or_malformed_numbers_are_rejected(string text)
    {
        var config = HoconParser.ParseText($"x = \"{text}\"");

        Assert.Equal("x", Assert.Throws<ConfigException>(() => config.GetDouble("x")).Key);
    }

    [Fact]
    public void Scalars_of_any_kind_read_as_strings_but_containers_do_not()
    {
        Assert.Equal("3", Sample.GetString("edges.count"));
        Assert.Equal("joint caching", Sample.GetString("name"));
        Assert.Contains("expected a string, got an object", Assert.Throws<ConfigException>(() => Sample.GetString("edges")).Message);
    }

    [Fact]
    public void Fallback_applies_only_when_the_key_is_missing()
    {
        Assert.Equal(7.0, Sample.GetDouble("edges.cpu", 7.0));
        Assert.Equal(3, Sample.GetInt("edges.count", 9));
        Assert.Equal("x", Sample.GetString("nothing.here", "x"));
        Assert.False(Sample.GetBool("edges.enabled", false));
        Assert.Throws<ConfigException>(() => Sample.GetDouble("edges.storage-gb", 1.0));
    }

    [Fact]
    public void Sub_config_paths_are_relative_but_errors_report_full_path()
    {
        var edges = Sample.GetConfig("edges");

        Assert.Equal("edges", edges.Path);
        Assert.Equal(["count", "storage-gb", "ratio", "huge"], edges.Keys);
        Assert.True(edges.HasPath("count"));
        Assert.False(edges.HasPath("edges.count"));
        Assert.Equal("edges.storage-gb", Assert.Throws<ConfigException>(() => edges.GetInt("storage-gb")).Key);
        Assert.Equal("edges.storage-gb: must be > 0 (got abc) [joint-caching.conf:4]",
            edges.Error("storage-gb", "must be > 0 (got abc)").Message);
        Assert.Equal("edges.cpu: required for MEC nodes [joint-caching.conf:2]",
            edges.Error("cpu", "required for MEC nodes").Message);
    }

    [Fact]
    public void Config_list_elements_report_indexed_paths()
    {
        var users = Sample.GetConfigList("users");

        Assert.Equal("users[1]", users[1].Path);
        Assert.Equal(0.5, users[0].GetDouble("demand"));
        Assert.Equal("users[1].demand: missing required key [joint-caching.conf:8]",
            Assert.Throws<ConfigException>(() => users[1].GetDouble("demand")).Message);
        Assert.Equal("users[2].demand", Assert.Throws<ConfigException>(() => users[2].GetDouble("demand")).Key);
        Assert.Equal("name: expected a list, got \"joint caching\" [joint-caching.conf:1]",
            Assert.Throws<ConfigException>(() => Sample.GetConfigList("name")).Message);
    }

    [Fact]
    public void List_item_errors_report_the_item_index()
    {
        Assert.Equal("flags[0]: expected a number, got \"true\" [joint-caching.conf:9]",
            Assert.Throws<ConfigException>(() => Sample.GetDoubleList("flags")).Message);
        Assert.Contains("expected an object, got a list", Assert.Throws<ConfigException>(() => Sample.GetConfig("flags")).Message);

        var matrix = HoconParser.ParseText("adj = [[1, 2], [3, x]]\nbad = [[1], 2]");
        Assert.Equal("adj[1][1]", Assert.Throws<ConfigException>(() => matrix.GetIntMatrix("adj")).Key);
        Assert.Equal("bad[1]", Assert.Throws<ConfigException>(() => matrix.GetIntMatrix("bad")).Key);
    }
}
