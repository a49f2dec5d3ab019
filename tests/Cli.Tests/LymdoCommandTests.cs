using System.Globalization;
using System.Text.Json;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class LymdoCommandTests
{
    /// <summary>The scenario at 2 UEs and 60 slots an episode, so that a training and a check run in seconds.</summary>
    private static string SmallScenario(TempDirectory temp, string policies)
    {
        var include = RepoPaths.Scenario("lymdo.conf").Replace("\\", "/", StringComparison.Ordinal);
        return temp.WriteFile("lymdo-small.conf", $"include \"{include}\"\ndevices.count = 2\nslots = 60\npolicies = {policies}\n");
    }

    [Fact]
    public async Task Replicated_compare_carries_the_energy_budget_metrics_with_intervals()
    {
        using var temp = new TempDirectory();
        var scenario = SmallScenario(temp, "[lymdo-exhaustive, myopic]");
        var outDir = Path.Combine(temp.Path, "out");

        var result = await InProcessMec.RunAsync("compare", scenario, "--episodes", "3", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("over budget", result.Stdout, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        foreach (var policy in summary.RootElement.GetProperty("policies").EnumerateArray())
        {
            foreach (var metric in new[] { "avgEnergyJ", "energyBudgetViolations", "maxDeviceEnergyPerSlotJ", "avgVirtualQueueJ", "maxVirtualQueueJ", "virtualQueuePerSlotAtEndJ" })
            {
                Assert.True(policy.TryGetProperty(metric + "Ci95", out var ci) && ci.ValueKind == JsonValueKind.Number, $"{metric}Ci95");
            }

            Assert.Equal(0.03, policy.GetProperty("energyBudgetJ").GetDouble(), 12);
        }

        var runs = File.ReadAllLines(Path.Combine(outDir, "runs.csv"));
        var header = runs[0].Split(',').ToList();
        var queue = header.IndexOf("maxVirtualQueueJ");
        Assert.True(queue > 0);
        Assert.Contains(runs.Skip(1), row => double.Parse(row.Split(',')[queue], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task A_run_without_an_energy_budget_has_no_energy_budget_columns()
    {
        using var temp = new TempDirectory();
        var outDir = Path.Combine(temp.Path, "out");

        var result = await InProcessMec.RunAsync("compare", RepoPaths.Scenario("tiny.conf"), "--episodes", "2", "--slots", "5", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.DoesNotContain("VirtualQueue", File.ReadAllText(Path.Combine(outDir, "summary.json")), StringComparison.Ordinal);
        Assert.DoesNotContain("energyBudget", File.ReadAllLines(Path.Combine(outDir, "runs.csv"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_reports_the_trained_agents_agreement_with_the_exhaustive_search_on_held_out_episodes()
    {
        using var temp = new TempDirectory();
        var scenario = SmallScenario(temp, "[lymdo]");
        var train = Path.Combine(temp.Path, "train");
        var outDir = Path.Combine(temp.Path, "match");

        var trained = await InProcessMec.RunAsync("train", scenario, "--policy", "lymdo", "--steps", "3000", "--out", train);
        var result = await InProcessMec.RunAsync("lymdo", "match", scenario, "--checkpoint", Path.Combine(train, "lymdo.mecnn"), "--episodes", "3", "--out", outDir);

        Assert.True(trained.ExitCode == ExitCodes.Success, trained.ToString());
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var rows = File.ReadAllLines(Path.Combine(outDir, "match.csv"));
        Assert.Equal(["0", "1000001", "1000002"], rows.Skip(1).Select(r => r.Split(',')[0]));
        var summary = File.ReadAllLines(Path.Combine(outDir, "match-summary.csv"))[1].Split(',');
        Assert.InRange(double.Parse(summary[0], CultureInfo.InvariantCulture), 0.8, 1.0);
        Assert.Contains("held-out episodes", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--policy", "myopic", "--policy")]
    [InlineData("--episodes", "0", "--episodes")]
    [InlineData("--checkpoint", "missing.mecnn", "--checkpoint")]
    public async Task Match_with_bad_input_exits_2_naming_the_option_and_writes_nothing(string option, string value, string named)
    {
        using var temp = new TempDirectory();
        var scenario = SmallScenario(temp, "[lymdo]");
        var checkpoint = temp.WriteFile("lymdo.mecnn", "not a checkpoint");
        var outDir = Path.Combine(temp.Path, "out");
        string[] args = ["lymdo", "match", scenario, "--checkpoint", checkpoint, "--out", outDir];
        args = option == "--checkpoint" ? [.. args[..4], Path.Combine(temp.Path, value), .. args[5..]] : [.. args, option, value];

        var result = await InProcessMec.RunAsync(args);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Report_into_a_document_without_the_generated_markers_exits_2_and_leaves_it_unchanged()
    {
        using var temp = new TempDirectory();
        var doc = temp.WriteFile("lymdo.md", "# no markers\n");
        var dir = temp.Path;

        var result = await InProcessMec.RunAsync(
            "lymdo", "report", "--scenario", RepoPaths.Scenario("lymdo.conf"), "--train", dir, "--compare", dir, "--match", dir,
            "--v-sweep", dir, "--rate-sweep", dir, "--long", dir, "--ten", dir, "--doc", doc);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--doc", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("# no markers\n", File.ReadAllText(doc));
    }

    [Fact]
    public async Task Report_without_the_experiments_outputs_exits_2_naming_the_missing_file()
    {
        using var temp = new TempDirectory();
        var doc = temp.WriteFile("lymdo.md", "# lymdo\n<!-- generated: everything from here to the end marker is written by mec report -->\n<!-- end of the generated part -->\n");
        var before = File.ReadAllText(doc);
        var dir = temp.Path;

        var result = await InProcessMec.RunAsync(
            "lymdo", "report", "--scenario", RepoPaths.Scenario("lymdo.conf"), "--train", dir, "--compare", dir, "--match", dir,
            "--v-sweep", dir, "--rate-sweep", dir, "--long", dir, "--ten", dir, "--doc", doc);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("summary.json", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(doc));
    }
}
