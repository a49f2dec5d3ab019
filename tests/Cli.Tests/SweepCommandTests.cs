using MecActors.Cli.Experiments;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary><c>mec sweep</c>: the grid, validation before anything runs, the results, and resuming an interrupted sweep.</summary>
public sealed class SweepCommandTests
{
    private static readonly string[] TinySweep =
        ["--set", "objective.beta=1,3", "--episodes", "2", "--slots", "3", "--train-steps", "20", "--front", "delay,accuracy"];

    [Fact]
    public void The_grid_is_every_combination_with_the_first_key_varying_slowest()
    {
        var points = SweepGrid.Expand([SweepAxis.Parse("a=1,2"), SweepAxis.Parse("b.c=x,[1,2],{ d = 3 }")]);

        Assert.Equal(
            ["a=1, b.c=x", "a=1, b.c=[1,2]", "a=1, b.c={ d = 3 }", "a=2, b.c=x", "a=2, b.c=[1,2]", "a=2, b.c={ d = 3 }"],
            points.Select(p => p.Describe()));
        Assert.Equal(Enumerable.Range(0, 6), points.Select(p => p.Index));
    }

    [Theory]
    [InlineData("objective.betaa=1,2", "objective.betaa")]
    [InlineData("objective.beta=1,abc", "objective.beta=abc")]
    [InlineData("objective.beta=2,-1", "objective.beta")]
    [InlineData("objective.beta=1,,2", "--set objective.beta")]
    [InlineData("nokey", "--set")]
    public async Task A_bad_key_or_value_exits_2_naming_it_before_anything_runs(string set, string named)
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("sweep");

        var result = await InProcessMec.RunAsync("sweep", RepoPaths.TinyScenario, "--set", "slots=4", "--set", set, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("[sweep", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task A_sweep_writes_one_row_per_point_policy_and_metric_one_plot_per_metric_and_the_front()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("sweep");

        var result = await InProcessMec.RunAsync(["sweep", RepoPaths.TinyScenario, .. TinySweep, "--out", outDir]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var lines = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        Assert.Equal("objective.beta,policy,metric,mean,std,ci95,n", lines[0]);
        var policies = new[] { "random-decisions", "random-caching", "local-edge", "no-early-exit", "greedy" };
        var metrics = SummaryMetrics.All.Where(m => !m.Optional).Select(m => m.Name).ToArray();
        Assert.Equal(
            new[] { "1", "3" }.SelectMany(beta => policies.SelectMany(p => metrics.Select(m => $"{beta},{p},{m}"))),
            lines[1..].Select(l => string.Join(',', l.Split(',')[..3])));
        Assert.All(lines[1..], l => Assert.EndsWith(",2", l, StringComparison.Ordinal));
        foreach (var name in metrics.Select(m => $"sweep-{m}.png").Append("front-avgDelayMs-avgAccuracy.png"))
        {
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(outDir, name))[..4]);
        }

        // beta enters the objective: the same policy's objective differs between the two points.
        var objectives = lines[1..].Where(l => l.Contains(",greedy,objective,", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, objectives.Count);
        Assert.NotEqual(objectives[0].Split(',')[3], objectives[1].Split(',')[3]);
        Assert.Contains("[sweep 2/2] objective.beta=3", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("left", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>--faults FILE</c> on a sweep: every point runs under the plan (edge 0 crashed in slots 2-3 drops tasks that
    /// the same sweep without it completes), sweep.json names the plan, and a resumed sweep runs under it again.
    /// </summary>
    [Fact]
    public async Task A_sweep_under_a_fault_plan_runs_every_point_under_it_and_resumes_under_it()
    {
        using var temp = new TempDirectory();
        var plan = temp.Child("plan.conf");
        File.WriteAllText(plan, "faults { on-fault = drop, plan = [ { kind = edge-crash, target = \"edge:0\", start-slot = 2, end-slot = 3 } ] }");
        string[] sweep = ["--set", "objective.beta=1,3", "--slots", "4"];

        var faulted = await InProcessMec.RunAsync(["sweep", RepoPaths.TinyScenario, .. sweep, "--faults", plan, "--out", temp.Child("faulted")]);
        var nominal = await InProcessMec.RunAsync(["sweep", RepoPaths.TinyScenario, .. sweep, "--out", temp.Child("nominal")]);

        Assert.True(faulted.ExitCode == ExitCodes.Success, faulted.ToString());
        Assert.True(nominal.ExitCode == ExitCodes.Success, nominal.ToString());
        static double Dropped(string dir) => File.ReadAllLines(Path.Combine(dir, "sweep.csv"))[1..]
            .Where(l => l.Split(',')[2] == "dropped").Sum(l => double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Dropped(temp.Child("faulted")) > Dropped(temp.Child("nominal")), "the crash dropped nothing");
        Assert.Contains("\"faults\"", File.ReadAllText(Path.Combine(temp.Child("faulted"), SweepDefinition.FileName)), StringComparison.Ordinal);
        Assert.DoesNotContain("\"faults\"", File.ReadAllText(Path.Combine(temp.Child("nominal"), SweepDefinition.FileName)), StringComparison.Ordinal);

        var csv = File.ReadAllBytes(Path.Combine(temp.Child("faulted"), "sweep.csv"));
        File.Delete(Path.Combine(temp.Child("faulted"), "points", "point-0001.csv"));
        File.Delete(Path.Combine(temp.Child("faulted"), "sweep.csv"));
        var resumed = await InProcessMec.RunAsync("sweep", "--resume", temp.Child("faulted"));
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Equal(csv, File.ReadAllBytes(Path.Combine(temp.Child("faulted"), "sweep.csv")));
    }

    [Fact]
    public async Task A_sweep_with_a_missing_fault_plan_exits_2_naming_the_option_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("sweep");

        var result = await InProcessMec.RunAsync("sweep", RepoPaths.TinyScenario, "--set", "objective.beta=1,3", "--faults", temp.Child("none.conf"), "--out", outDir);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--faults", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task An_interrupted_sweep_keeps_its_finished_points_and_resumes_to_the_same_sweep_csv()
    {
        using var temp = new TempDirectory();
        var whole = temp.Child("whole");
        var interrupted = temp.Child("interrupted");
        var uninterrupted = await InProcessMec.RunAsync(["sweep", RepoPaths.TinyScenario, .. TinySweep, "--out", whole]);
        Assert.True(uninterrupted.ExitCode == ExitCodes.Success, uninterrupted.ToString());

        // Ctrl-C as the first point is reported done.
        using var interrupt = new CancellationTokenSource();
        using var stderr = new CancelOnLine("[sweep 1/2]", interrupt);
        var exit = await MecCli.RunAsync(["sweep", RepoPaths.TinyScenario, .. TinySweep, "--out", interrupted], new StringWriter(), stderr, interrupt.Token);

        Assert.True(exit == ExitCodes.Interrupted, stderr.ToString());
        Assert.Contains("--resume", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(["point-0000.csv"], Directory.GetFiles(Path.Combine(interrupted, "points")).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(interrupted, "sweep.csv")));

        var resumed = await InProcessMec.RunAsync("sweep", "--resume", interrupted);

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Contains("1 of 2 points already done", resumed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("[sweep 1/2]", resumed.Stderr, StringComparison.Ordinal);
        Assert.Contains("[sweep 2/2] objective.beta=3", resumed.Stderr, StringComparison.Ordinal);
        foreach (var name in new[] { "sweep.csv", "front-avgDelayMs-avgAccuracy.png", "sweep-objective.png" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, name)), File.ReadAllBytes(Path.Combine(interrupted, name)));
        }
    }

    [Fact]
    public async Task Resuming_a_directory_that_holds_no_sweep_is_bad_input()
    {
        using var temp = new TempDirectory();

        var result = await InProcessMec.RunAsync("sweep", "--resume", temp.Path);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--resume", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A stderr that cancels a token once a line starting with a given text is written.</summary>
    private sealed class CancelOnLine(string start, CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith(start, StringComparison.Ordinal) == true)
            {
                cancel.Cancel();
            }
        }
    }
}
