using System.Text.Json;
using MecActors.Cli.Tests.Support;
using MecActors.Policies;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_with_an_unknown_policy_exits_2_naming_the_option_and_the_known_policies()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("run", RepoPaths.TinyScenario, "--policy", "nope", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--policy", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nope", result.Stderr, StringComparison.Ordinal);
        foreach (var name in PolicyCatalog.All.Names)
        {
            Assert.Contains(name, result.Stderr, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Run_without_a_policy_is_bad_input()
    {
        var result = await InProcessMec.RunAsync("run", RepoPaths.TinyScenario);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--policy", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_a_missing_scenario_exits_2_naming_the_path()
    {
        using var temp = new TempDirectory();
        var path = temp.Child("missing.conf");

        var result = await InProcessMec.RunAsync("run", path, "--policy", "greedy", "--out", temp.Child("out"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Child("out")));
    }

    [Fact]
    public async Task Run_writes_the_one_policy_with_the_given_slots_and_seed()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("run", RepoPaths.TinyScenario, "--policy", "local-edge", "--slots", "3", "--seed", "7", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        Assert.Equal(7, summary.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(3, summary.RootElement.GetProperty("slots").GetInt32());
        var policy = Assert.Single(summary.RootElement.GetProperty("policies").EnumerateArray());
        Assert.Equal("local-edge", policy.GetProperty("name").GetString());
        Assert.Equal(4, File.ReadAllLines(Path.Combine(outDir, "slots.csv")).Length);
        Assert.Contains("local-edge", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_out_naming_a_file_exits_2_and_leaves_the_file_alone()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("results", "keep me");

        var result = await InProcessMec.RunAsync("run", RepoPaths.TinyScenario, "--policy", "greedy", "--slots", "1", "--out", file);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--out", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public async Task Run_with_a_negative_episode_exits_2_naming_the_option()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("run", RepoPaths.TinyScenario, "--policy", "greedy", "--episode", "-1", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--episode", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Run_on_another_episode_evaluates_another_workload_reproducibly()
    {
        using var temp = new TempDirectory();

        async Task<byte[]> Summary(string name, params string[] extra)
        {
            var outDir = temp.Child(name);
            var result = await InProcessMec.RunAsync(
                ["run", RepoPaths.TinyScenario, "--policy", "greedy", "--slots", "4", "--seed", "3", "--out", outDir, .. extra]);
            Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
            return File.ReadAllBytes(Path.Combine(outDir, "slots.csv"));
        }

        var evaluation = await Summary("episode-0");
        var explicitZero = await Summary("episode-0-again", "--episode", "0");
        var validation = await Summary("episode-995", "--episode", "995");
        var validationAgain = await Summary("episode-995-again", "--episode", "995");

        Assert.Equal(evaluation, explicitZero);
        Assert.Equal(validation, validationAgain);
        Assert.NotEqual(evaluation, validation);
    }
}
