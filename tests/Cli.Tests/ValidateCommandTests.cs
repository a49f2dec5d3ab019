using System.Text.RegularExpressions;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_accepts_joint_caching_and_summarises_it()
    {
        var result = await InProcessMec.RunAsync("validate", RepoPaths.JointCachingScenario);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.StartsWith("ok: joint-caching (3 edges, 30 devices, 15 models, policies joint-a2c, random-decisions, ", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData("missing capacity", @"^\s*capacity-ghz\s*=.*$", "", "edges.capacity-ghz")]
    [InlineData("negative capacity", @"capacity-ghz = 20", "capacity-ghz = -20", "edges.capacity-ghz")]
    [InlineData("negative storage", @"storage-gb = 8", "storage-gb = -1", "edges.storage-gb")]
    [InlineData("storage below the smallest model", @"storage-gb = 8", "storage-gb = 0.1", "edges.storage-gb")]
    [InlineData("unknown policy", @"joint-a2c, random-decisions,", "joint-a2c, no-such-policy, random-decisions,", "policies[1]")]
    [InlineData("caching window of no slots", @"window-slots = 10", "window-slots = 0", "caching.window-slots")]
    public async Task Validate_rejects_a_bad_scenario_with_exit_2_naming_the_key(
        string problem, string pattern, string replacement, string key)
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("bad.conf", Mutate(RepoPaths.JointCachingScenario, pattern, replacement));

        var result = await InProcessMec.RunAsync("validate", path);

        Assert.True(result.ExitCode == ExitCodes.BadInput, $"{problem}: {result}");
        Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Validate_of_a_missing_file_exits_2_naming_the_path()
    {
        using var temp = new TempDirectory();
        var path = temp.Child("no-such-scenario.conf");

        var result = await InProcessMec.RunAsync("validate", path);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_line_without_a_verb_is_bad_input()
    {
        var result = await InProcessMec.RunAsync();

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--help", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The text of <paramref name="path"/> with exactly one match of <paramref name="pattern"/> replaced.</summary>
    internal static string Mutate(string path, string pattern, string replacement)
    {
        var text = File.ReadAllText(path);
        var regex = new Regex(pattern, RegexOptions.Multiline);
        Assert.True(regex.Matches(text).Count == 1, $"expected one match of /{pattern}/ in {path}");
        return regex.Replace(text, replacement);
    }
}
