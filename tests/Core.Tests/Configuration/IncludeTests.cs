using MecActors.Core.Configuration;
using Xunit;

namespace MecActors.Core.Tests.Configuration;

public sealed class IncludeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mecactors-hocon-" + Guid.NewGuid().ToString("N"));

    public IncludeTests() => Directory.CreateDirectory(Path.Combine(_dir, "common"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_dir, relativePath);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Include_is_resolved_relative_to_the_including_file_and_later_keys_win()
    {
        Write("common/defaults.conf", "edges { count = 2, cpu = 4 }\nseed = 1\ninclude \"limits.conf\"");
        Write("common/limits.conf", "limit = 9");
        var main = Write("main.conf", "include \"common/defaults.conf\"\nedges.count = 5\nsum = ${edges.cpu}");

        var config = HoconParser.ParseFile(main);

        Assert.Equal(5, config.GetInt("edges.count"));
        Assert.Equal(4, config.GetInt("edges.cpu"));
        Assert.Equal(4, config.GetInt("sum"));
        Assert.Equal(9, config.GetInt("limit"));
        Assert.Equal("defaults.conf:2", config.OriginOf("seed"));
        Assert.Equal("main.conf:2", config.OriginOf("edges.count"));
    }

    [Fact]
    public void Include_inside_an_object_merges_into_that_object()
    {
        Write("edge.conf", "cpu = 8");
        var main = Write("main.conf", "edge {\n  include \"edge.conf\"\n  ram = 16\n}");

        var config = HoconParser.ParseFile(main);

        Assert.Equal(["cpu", "ram"], config.GetConfig("edge").Keys);
    }

    [Fact]
    public void Missing_include_names_the_include_and_line()
    {
        var main = Write("main.conf", "a = 1\ninclude \"nope.conf\"");

        var error = Assert.Throws<ConfigException>(() => HoconParser.ParseFile(main));

        Assert.Contains("include \"nope.conf\": file not found", error.Message);
        Assert.Equal("main.conf:2", error.Origin);
    }

    [Fact]
    public void Errors_in_included_files_report_that_file()
    {
        Write("broken.conf", "x = 1\ny {");
        var main = Write("main.conf", "include \"broken.conf\"");

        var error = Assert.Throws<ConfigException>(() => HoconParser.ParseFile(main));

        Assert.StartsWith("broken.conf:", error.Origin);
        Assert.Contains("opened at line 2", error.Message);
    }

    [Fact]
    public void Include_cycles_are_rejected()
    {
        Write("a.conf", "include \"b.conf\"");
        Write("b.conf", "include \"a.conf\"");

        Assert.Contains("include cycle", Assert.Throws<ConfigException>(() => HoconParser.ParseFile(Path.Combine(_dir, "a.conf"))).Message);
    }

    [Fact]
    public void Missing_file_is_a_config_exception()
    {
        Assert.Throws<ConfigException>(() => HoconParser.ParseFile(Path.Combine(_dir, "absent.conf")));
    }
}
