using MecActors.Core.Configuration;
using Xunit;

namespace MecActors.Core.Tests.Configuration;

public class SubstitutionTests
{
    [Fact]
    public void Substitutions_resolve_against_the_root_including_forward_references()
    {
        var config = HoconParser.ParseText("""
            defaults { cpu = 4, storage = 100 }
            edge {
              cpu = ${defaults.cpu}
              storage = ${total}
              copy = ${defaults}
            }
            total = 250
            """);

        Assert.Equal(4, config.GetInt("edge.cpu"));
        Assert.Equal(250, config.GetInt("edge.storage"));
        Assert.Equal(100, config.GetInt("edge.copy.storage"));
    }

    [Fact]
    public void Substitutions_inside_arrays_are_resolved()
    {
        var config = HoconParser.ParseText("""
            base = 2
            row = [${base}, 3]
            matrix = [${row}, [${base}]]
            items = [{ v = ${base} }]
            """);

        Assert.Equal([2, 3], config.GetIntList("row"));
        Assert.Equal([[2, 3], [2]], config.GetIntMatrix("matrix"));
        Assert.Equal(2, config.GetConfigList("items")[0].GetInt("v"));
    }

    [Fact]
    public void Chained_substitutions_resolve_through_other_substitutions()
    {
        var config = HoconParser.ParseText("a = ${b.x}\nb = ${c}\nc { x = 7 }");

        Assert.Equal(7, config.GetInt("a"));
        Assert.Equal(7, config.GetInt("b.x"));
    }

    [Fact]
    public void Undefined_optional_substitution_removes_the_field_or_keeps_the_earlier_value()
    {
        var config = HoconParser.ParseText("""
            gone = ${?nowhere}
            port = 8080
            port = ${?override.port}
            list = [1, ${?nowhere}, 2]
            limits.max = 3
            limits = ${?nowhere}
            """);

        Assert.False(config.HasPath("gone"));
        Assert.Equal(8080, config.GetInt("port"));
        Assert.Equal([1, 2], config.GetIntList("list"));
        Assert.Equal(3, config.GetInt("limits.max"));
    }

    [Fact]
    public void Unresolved_substitution_names_referrer_target_and_line()
    {
        var error = Assert.Throws<ConfigException>(() => HoconParser.ParseText("a = 1\nb {\n  c = ${missing.key}\n}", "s.conf"));

        Assert.Equal("b.c: unresolved substitution ${missing.key} [s.conf:3]", error.Message);
    }

    [Fact]
    public void Cyclic_substitutions_are_reported()
    {
        var error = Assert.Throws<ConfigException>(() => HoconParser.ParseText("a = ${b}\nb = ${c}\nc = ${a}"));

        Assert.Contains("cyclic substitution: a -> b -> c -> a", error.Message);
        Assert.Throws<ConfigException>(() => HoconParser.ParseText("a { b = ${a} }"));
    }
}
