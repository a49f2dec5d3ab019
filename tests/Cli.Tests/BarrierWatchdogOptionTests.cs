using MecActors.Actors;
using MecActors.Cli.Hosting;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary><c>--barrier-watchdog</c>: checked as bad input, and carried into the run's actor system over config/akka.conf.</summary>
public sealed class BarrierWatchdogOptionTests
{
    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    public async Task Run_with_a_watchdog_that_is_not_a_duration_exits_2_naming_the_option(string seconds)
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("run", RepoPaths.TinyScenario, "--policy", "greedy", "--barrier-watchdog", seconds, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--barrier-watchdog", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Shipped_configuration_gives_the_default_bound() =>
        Assert.Equal(BarrierWatchdog.DefaultBound, BarrierWatchdog.BoundOf(MecActorSystem.LoadConfig(null, verbose: false)));

    [Theory]
    [InlineData(2.5, 2.5)]
    [InlineData(0.25, 0.25)]
    public void Option_overrides_the_shipped_bound(double seconds, double expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), BarrierWatchdog.BoundOf(MecActorSystem.LoadConfig(null, verbose: false, seconds)));

    [Fact]
    public void Zero_turns_the_watchdog_off() =>
        Assert.Null(BarrierWatchdog.BoundOf(MecActorSystem.LoadConfig(null, verbose: false, 0)));

    [Fact]
    public async Task Run_under_a_short_watchdog_whose_resources_all_report_writes_its_results()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("run", RepoPaths.TinyScenario, "--policy", "greedy", "--slots", "5", "--barrier-watchdog", "5", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
    }
}
