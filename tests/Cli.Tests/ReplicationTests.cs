using System.Globalization;
using System.Text.Json;
using MecActors.Cli.Experiments;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary><c>--episodes K</c>, <c>--seeds</c> and <c>--parallel</c>: replications, their statistics, and their determinism.</summary>
public sealed class ReplicationTests
{
    private static readonly string[] MetricNames =
    [
        "avgDelayMs", "avgAccuracy", "objective", "tasks", "completed", "missedDeadline", "dropped", "ssp",
        "throughputPerSlot", "cacheHitRate", "avgTransmissionMs", "avgQueueingMs", "avgDownloadMs", "avgComputeMs",
        "successAccuracy",
    ];

    [Fact]
    public void The_evaluation_block_is_episode_0_then_1000001_on_and_an_explicit_first_episode_counts_up()
    {
        Assert.Equal([0], EvaluationEpisodes.For(null, 1));
        Assert.Equal([0, 1_000_001, 1_000_002, 1_000_003], EvaluationEpisodes.For(null, 4));
        Assert.Equal([990, 991, 992], EvaluationEpisodes.For(990, 3));
        Assert.Equal([0], EvaluationEpisodes.For(0, 1));
    }

    [Fact]
    public async Task One_episode_and_one_seed_write_the_bytes_of_a_plain_run()
    {
        using var temp = new TempDirectory();
        string[] common = ["compare", RepoPaths.TinyScenario, "--slots", "4"];

        var plain = await InProcessMec.RunAsync([.. common, "--seed", "3", "--out", temp.Child("plain")]);
        var one = await InProcessMec.RunAsync([.. common, "--seeds", "3", "--episodes", "1", "--parallel", "2", "--out", temp.Child("one")]);

        Assert.True(plain.ExitCode == ExitCodes.Success, plain.ToString());
        Assert.True(one.ExitCode == ExitCodes.Success, one.ToString());
        AssertSameFiles(temp.Child("plain"), temp.Child("one"), "summary.json", "slots.csv");
        Assert.False(File.Exists(Path.Combine(temp.Child("one"), "runs.csv")));
        Assert.DoesNotContain("±", one.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_1_and_2_write_the_same_bytes_training_included()
    {
        using var temp = new TempDirectory();
        string[] common =
        [
            "compare", RepoPaths.TinyScenario, "--slots", "3", "--episodes", "2", "--seeds", "1,2", "--train-steps", "20",
        ];

        var one = await InProcessMec.RunAsync([.. common, "--parallel", "1", "--out", temp.Child("p1")]);
        var two = await InProcessMec.RunAsync([.. common, "--parallel", "2", "--out", temp.Child("p2")]);

        Assert.True(one.ExitCode == ExitCodes.Success, one.ToString());
        Assert.True(two.ExitCode == ExitCodes.Success, two.ToString());
        AssertSameFiles(temp.Child("p1"), temp.Child("p2"), "summary.json", "slots.csv", "runs.csv");
        Assert.Contains("local-edge, seed 2", one.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replicated_summary_holds_each_metrics_mean_deviation_and_interval_of_the_runs()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync(
            "compare", RepoPaths.TinyScenario, "--slots", "4", "--episodes", "3", "--seeds", "5,6", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(["scenario", "seeds", "episodes", "slots", "clock", "policies"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal([5, 6], root.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0, 1_000_001, 1_000_002], root.GetProperty("episodes").EnumerateArray().Select(e => e.GetInt32()));

        var runs = File.ReadAllLines(Path.Combine(outDir, "runs.csv"));
        Assert.Equal("policy,seed,episode," + string.Join(',', MetricNames), runs[0]);
        var rows = runs[1..].Select(l => l.Split(',')).ToList();
        foreach (var policy in root.GetProperty("policies").EnumerateArray())
        {
            var name = policy.GetProperty("name").GetString()!;
            Assert.Equal(
                ["name", "n", .. MetricNames.SelectMany(m => new[] { m, m + "Std", m + "Ci95" })],
                policy.EnumerateObject().Select(p => p.Name));
            var mine = rows.Where(r => r[0] == name).ToList();
            Assert.Equal(
                [("5", "0"), ("5", "1000001"), ("5", "1000002"), ("6", "0"), ("6", "1000001"), ("6", "1000002")],
                mine.Select(r => (r[1], r[2])));
            Assert.Equal(6, policy.GetProperty("n").GetInt32());
            for (var m = 0; m < MetricNames.Length; m++)
            {
                var values = mine.Select(r => double.Parse(r[3 + m], CultureInfo.InvariantCulture)).ToArray();
                var mean = values.Sum() / 6;
                var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 5);
                const double t = 2.5705818356363155; // t(0.975, 5) in 30-digit arithmetic, rounded
                Assert.Equal(mean, policy.GetProperty(MetricNames[m]).GetDouble(), 9);
                Assert.Equal(std, policy.GetProperty(MetricNames[m] + "Std").GetDouble(), 9);
                Assert.Equal(t * std / Math.Sqrt(6), policy.GetProperty(MetricNames[m] + "Ci95").GetDouble(), 9);
            }
        }

        var slots = File.ReadAllLines(Path.Combine(outDir, "slots.csv"));
        Assert.Equal("policy,seed,episode,slot,tasks,completed,missedDeadline,dropped,avgDelayMs,avgAccuracy,objective,cacheHitRate", slots[0]);
        Assert.Equal(rows.Count * 4, slots.Length - 1);
        Assert.Contains("±", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[30/30] greedy, seed 6, episode 1000002: 4/4 slots", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Episodes_from_an_explicit_first_one_are_those_episodes()
    {
        using var temp = new TempDirectory();
        string[] common = ["run", RepoPaths.TinyScenario, "--policy", "greedy", "--slots", "4", "--seed", "2"];

        var block = await InProcessMec.RunAsync([.. common, "--episode", "990", "--episodes", "2", "--out", temp.Child("block")]);
        var second = await InProcessMec.RunAsync([.. common, "--episode", "991", "--out", temp.Child("second")]);

        Assert.True(block.ExitCode == ExitCodes.Success, block.ToString());
        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        var blockRows = File.ReadAllLines(Path.Combine(temp.Child("block"), "slots.csv"))
            .Where(l => l.StartsWith("greedy,2,991,", StringComparison.Ordinal))
            .Select(l => l.Replace("greedy,2,991,", "greedy,", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllLines(Path.Combine(temp.Child("second"), "slots.csv"))[1..], blockRows);
    }

    [Theory]
    [InlineData("--episodes", "0", "--episodes")]
    [InlineData("--parallel", "0", "--parallel")]
    [InlineData("--seeds", "1,x", "--seeds")]
    [InlineData("--seeds", "1,2,1", "--seeds")]
    [InlineData("--train-steps", "20000", "--train-steps")]
    public async Task A_bad_replication_option_exits_2_naming_it_and_writes_nothing(string option, string value, string named)
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, option, value, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Seed_and_seeds_together_are_bad_input()
    {
        var result = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--seed", "1", "--seeds", "1,2");

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--seeds", result.Stderr, StringComparison.Ordinal);
    }

    private static void AssertSameFiles(string expectedDir, string actualDir, params string[] names)
    {
        foreach (var name in names)
        {
            var expected = File.ReadAllBytes(Path.Combine(expectedDir, name));
            var actual = File.ReadAllBytes(Path.Combine(actualDir, name));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} differs between {expectedDir} and {actualDir}");
        }
    }
}
