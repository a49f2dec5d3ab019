using MecActors.Core.Configuration;
using Xunit;

namespace MecActors.Core.Tests.Configuration;

public class HoconSyntaxErrorTests
{
    private static ConfigException ParseError(string text) =>
        Assert.Throws<ConfigException>(() => HoconParser.ParseText(text, "bad.conf"));

    [Fact]
    public void Unclosed_brace_reports_the_opening_line()
    {
        var error = ParseError("a = 1\nedges {\n  count = 2\n");

        Assert.Equal("edges", error.Key);
        Assert.Contains("unclosed '{' opened at line 2", error.Message);
        Assert.Contains("[bad.conf:", error.Message);
    }

    [Fact]
    public void Unclosed_array_reports_the_opening_line()
    {
        var error = ParseError("a {\n  list = [1, 2\n}");

        Assert.Equal("a.list: unclosed '[' opened at line 2 [bad.conf:3]", error.Message);
    }

    [Fact]
    public void Missing_separator_after_key_names_key_and_line()
    {
        var error = ParseError("a = 1\nb.c 2");

        Assert.Equal("b.c: expected '=', ':' or '{' after key, got '2' [bad.conf:2]", error.Message);
    }

    [Fact]
    public void Unexpected_text_after_a_value_is_rejected()
    {
        var error = ParseError("a {\n  b = \"x\" y\n}");

        Assert.Equal("a.b", error.Key);
        Assert.Equal("bad.conf:2", error.Origin);
    }

    [Theory]
    [InlineData("a = \"open\nb = 1", "unterminated quoted string")]
    [InlineData("a = \"bad \\q escape\"", "invalid escape")]
    [InlineData("a += 1", "'+=' is not supported")]
    [InlineData("a = ", "expected a value")]
    [InlineData("a = 1\n}", "expected a key, got '}'")]
    [InlineData("a = ${b", "unclosed substitution")]
    public void Malformed_input_is_rejected_with_a_clear_problem(string text, string problem)
    {
        Assert.Contains(problem, ParseError(text).Message);
    }
}
