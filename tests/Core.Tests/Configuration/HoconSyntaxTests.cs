using MecActors.Core.Configuration;
using Xunit;

namespace MecActors.Core.Tests.Configuration;

public class HoconSyntaxTests
{
    [Fact]
    public void Hash_and_double_slash_comments_are_ignored()
    {
        var config = HoconParser.ParseText("""
            # leading comment
            a = 1 # trailing
            // another
            b = 2 // trailing too
            """);

        Assert.Equal(["a", "b"], config.Keys);
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Equals_colon_and_no_separator_before_brace_are_accepted()
    {
        var config = HoconParser.ParseText("""
            a = 1
            b : 2
            c { d = 3 }
            e = { f = 4 }
            """);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(3, config.GetInt("c.d"));
        Assert.Equal(4, config.GetInt("e.f"));
    }

    [Fact]
    public void Dotted_keys_create_nested_objects()
    {
        var config = HoconParser.ParseText("a.b.c = 1\na.b.d = 2\n\"x.y\".z = 3");

        Assert.Equal(["c", "d"], config.GetConfig("a.b").Keys);
        Assert.Equal(2, config.GetInt("a.b.d"));
        Assert.Equal(3, config.GetInt("\"x.y\".z"));
    }

    [Fact]
    public void Duplicate_objects_deep_merge_and_other_values_are_replaced()
    {
        var config = HoconParser.ParseText("""
            edges { count = 2, storage-gb = 10 }
            edges { storage-gb = 20, cpu = 4 }
            edges.count = 3
            mode = fast
            mode = slow
            """);

        Assert.Equal(["count", "storage-gb", "cpu"], config.GetConfig("edges").Keys);
        Assert.Equal(3, config.GetInt("edges.count"));
        Assert.Equal(20, config.GetInt("edges.storage-gb"));
        Assert.Equal("slow", config.GetString("mode"));
    }

    [Fact]
    public void Commas_between_fields_are_optional()
    {
        var config = HoconParser.ParseText("a = 1, b = 2\nc = 3,\nd { e = 4, f = 5, }");

        Assert.Equal(["a", "b", "c", "d"], config.Keys);
        Assert.Equal(5, config.GetInt("d.f"));
    }

    [Fact]
    public void Arrays_accept_commas_newlines_and_nested_values()
    {
        var config = HoconParser.ParseText("""
            flat = [1, 2, 3]
            lines = [
              1.5
              -2
              3e2,
            ]
            nested = [[0, 1], [], [2]]
            objects = [{ id = 1 }, { id = 2 }]
            """);

        Assert.Equal([1, 2, 3], config.GetIntList("flat"));
        Assert.Equal([1.5, -2, 300], config.GetDoubleList("lines"));
        Assert.Equal([[0, 1], [], [2]], config.GetIntMatrix("nested"));
        Assert.Equal([1, 2], config.GetConfigList("objects").Select(c => c.GetInt("id")));
    }

    [Fact]
    public void Quoted_strings_support_json_escapes_and_triple_quotes()
    {
        var config = HoconParser.ParseText(""""
            a = "tab\there \"quoted\" \\ \u00e9 # not a comment"
            b = ""
            c = """raw "text" \n"""
            """");

        Assert.Equal("tab\there \"quoted\" \\ é # not a comment", config.GetString("a"));
        Assert.Equal("", config.GetString("b"));
        Assert.Equal("raw \"text\" \\n", config.GetString("c"));
    }

    [Fact]
    public void Unquoted_strings_keep_inner_spaces_and_stop_at_comments_and_separators()
    {
        var config = HoconParser.ParseText("""
            policy = random decisions   # comment
            other = a b // comment
            inline { x = left side, y = right side }
            list = [one two, three]
            """);

        Assert.Equal("random decisions", config.GetString("policy"));
        Assert.Equal("a b", config.GetString("other"));
        Assert.Equal("left side", config.GetString("inline.x"));
        Assert.Equal("right side", config.GetString("inline.y"));
        Assert.Equal(["one two", "three"], config.GetStringList("list"));
    }

    [Fact]
    public void Numbers_are_parsed_with_invariant_culture_and_kept_as_text()
    {
        var config = HoconParser.ParseText("neg = -42\ndec = 0.25\nexp = -1.5E-3\nbig = 9000000000");

        Assert.Equal(-42, config.GetInt("neg"));
        Assert.Equal(0.25, config.GetDouble("dec"));
        Assert.Equal(-0.0015, config.GetDouble("exp"), 12);
        Assert.Equal(9_000_000_000L, config.GetLong("big"));
        Assert.Equal("0.25", config.GetString("dec"));
        Assert.Equal("-1.5E-3", config.GetString("exp"));
    }

    [Fact]
    public void Boolean_words_and_null_are_recognised()
    {
        var config = HoconParser.ParseText("a = true\nb = off\nc = yes\nd = no\ne = on\nf = false\ng = null");

        Assert.Equal([true, false, true, false, true, false], "abcdef".Select(k => config.GetBool(k.ToString())));
        Assert.False(config.HasPath("g"));
        Assert.True(config.GetBool("g", true));
        Assert.StartsWith("g: expected a boolean", Assert.Throws<ConfigException>(() => config.GetBool("g")).Message);
    }

    [Fact]
    public void Root_may_be_wrapped_in_braces()
    {
        var config = HoconParser.ParseText("{\n  a { b = 1 }\n}\n# done");

        Assert.Equal(1, config.GetInt("a.b"));
    }

    [Fact]
    public void Origins_point_at_the_defining_line()
    {
        var config = HoconParser.ParseText("""
            # header

            a = 1
            b {
              c = [
                1
              ]
            }
            """, "scenario.conf");

        Assert.Equal("scenario.conf:3", config.OriginOf("a"));
        Assert.Equal("scenario.conf:4", config.OriginOf("b"));
        Assert.Equal("scenario.conf:5", config.OriginOf("b.c"));
        Assert.Equal("", config.OriginOf("missing"));
    }
}
