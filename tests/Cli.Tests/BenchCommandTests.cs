using System.Text.Json;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task Scale_bench_reports_the_processor_time_of_each_run_within_what_the_cores_allow()
    {
        using var temp = new TempDirectory();
        var json = temp.Child("scale.json");

        var result = await InProcessMec.RunAsync(
            "bench", "--scenario", RepoPaths.JointCachingScenario, "--scale", "--devices", "200", "--edges", "4", "--slots", "3", "--repeat", "2",
            "--check-slots", "0", "--json", json);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("processor s / run s (median)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("reference processor s / run s (median)", result.Stdout, StringComparison.Ordinal);
        using var figures = JsonDocument.Parse(File.ReadAllBytes(json));
        var cores = figures.RootElement.GetProperty("processorCount").GetInt32();
        AssertWithinCores(figures.RootElement.GetProperty("emulator"), "runSeconds", "runProcessorSeconds", cores);
        AssertWithinCores(figures.RootElement.GetProperty("reference"), "seconds", "processorSeconds", cores);
    }

    /// <summary>Each run used some processor time, and no more than every core for its whole wall time.</summary>
    private static void AssertWithinCores(JsonElement figures, string wallKey, string processorKey, int cores)
    {
        var wall = figures.GetProperty(wallKey).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var processor = figures.GetProperty(processorKey).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(2, wall.Length);
        Assert.Equal(wall.Length, processor.Length);
        for (var i = 0; i < wall.Length; i++)
        {
            Assert.InRange(processor[i], 1e-6, (wall[i] * cores) + 0.01);
        }
    }
}
