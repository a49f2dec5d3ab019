using System.Text.Json;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class RealtimeClockCommandTests
{
    [Fact]
    public async Task Run_on_the_realtime_clock_writes_the_contract_marked_realtime()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync(
            "run", RepoPaths.TinyScenario, "--policy", "greedy", "--clock", "realtime", "--time-scale", "1", "--slots", "2", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        Assert.Equal("realtime", summary.RootElement.GetProperty("clock").GetString());
        var policy = Assert.Single(summary.RootElement.GetProperty("policies").EnumerateArray());
        Assert.Equal(
            policy.GetProperty("tasks").GetInt32(),
            policy.GetProperty("completed").GetInt32() + policy.GetProperty("missedDeadline").GetInt32() + policy.GetProperty("dropped").GetInt32());
        Assert.True(policy.GetProperty("avgDelayMs").GetDouble() > 0);
    }

    [Fact]
    public async Task A_time_scale_too_fine_to_measure_a_stage_exits_2_naming_the_floor()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync(
            "run", RepoPaths.TinyScenario, "--policy", "greedy", "--clock", "realtime", "--time-scale", "0.001", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("too fine for the realtime clock", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--time-scale 0.001", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task An_unknown_clock_exits_2_naming_the_option()
    {
        var result = await InProcessMec.RunAsync("run", RepoPaths.TinyScenario, "--policy", "greedy", "--clock", "wall");

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--clock", result.Stderr, StringComparison.Ordinal);
    }
}
