using System.Text.Json;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class CompareCommandTests
{
    private static readonly string[] TinyPolicies = ["random-decisions", "random-caching", "local-edge", "no-early-exit", "greedy"];

    private static readonly string[] SummaryFields = ["scenario", "seed", "slots", "clock", "policies"];

    private static readonly string[] PolicyFields =
    [
        "name", "avgDelayMs", "avgAccuracy", "objective", "tasks", "completed", "missedDeadline", "dropped", "ssp",
        "throughputPerSlot", "cacheHitRate", "avgTransmissionMs", "avgQueueingMs", "avgDownloadMs", "avgComputeMs",
        "successAccuracy",
    ];

    [Fact]
    public async Task Compare_writes_every_listed_policy_with_all_contract_fields_and_one_csv_row_per_policy_and_slot()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");
        const int Slots = 4;

        var result = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--slots", "4", "--seed", "3", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());

        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(SummaryFields, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("tiny", root.GetProperty("scenario").GetString());
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal(Slots, root.GetProperty("slots").GetInt32());
        Assert.Equal("virtual", root.GetProperty("clock").GetString());
        var policies = root.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(TinyPolicies, policies.Select(p => p.GetProperty("name").GetString()));
        foreach (var policy in policies)
        {
            Assert.Equal(PolicyFields, policy.EnumerateObject().Select(p => p.Name));
            var tasks = policy.GetProperty("tasks").GetInt32();
            Assert.True(tasks > 0);
            Assert.Equal(
                tasks,
                policy.GetProperty("completed").GetInt32() + policy.GetProperty("missedDeadline").GetInt32() + policy.GetProperty("dropped").GetInt32());
        }

        var lines = File.ReadAllText(Path.Combine(outDir, "slots.csv")).Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.Equal("policy,slot,tasks,completed,missedDeadline,dropped,avgDelayMs,avgAccuracy,objective,cacheHitRate", lines[0]);
        var keys = lines[1..^1].Select(l => l.Split(',')).Select(f => (f[0], int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var expected = TinyPolicies.SelectMany(p => Enumerable.Range(1, Slots).Select(t => (p, t))).ToList();
        Assert.Equal(expected, keys);

        var png = File.ReadAllBytes(Path.Combine(outDir, "delay-accuracy.png"));
        Assert.True(png.Length > 1000, $"plot has {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);

        foreach (var policy in TinyPolicies)
        {
            Assert.Contains(policy, result.Stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("INF]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[5/5] greedy: 4/4 slots", result.Stderr, StringComparison.Ordinal);

        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));
    }

    [Fact]
    public async Task Two_identical_compare_runs_write_byte_identical_results()
    {
        using var temp = new TempDirectory();
        var first = temp.Child("first");
        var second = temp.Child("second");

        var a = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--out", first);
        var b = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--out", second);

        Assert.True(a.ExitCode == ExitCodes.Success, a.ToString());
        Assert.True(b.ExitCode == ExitCodes.Success, b.ToString());
        AssertSameResultFiles(first, second);
    }

    [Theory]
    [InlineData("tiny.conf", "20")]
    [InlineData("joint-caching.conf", "10")]
    public async Task Dispatcher_throughput_1_and_100_write_byte_identical_results(string scenario, string slots)
    {
        using var temp = new TempDirectory();
        var one = temp.Child("throughput-1");
        var hundred = temp.Child("throughput-100");
        var path = RepoPaths.Scenario(scenario);

        var a = await InProcessMec.RunAsync("compare", path, "--slots", slots, "--dispatcher-throughput", "1", "--out", one);
        var b = await InProcessMec.RunAsync("compare", path, "--slots", slots, "--dispatcher-throughput", "100", "--out", hundred);

        Assert.True(a.ExitCode == ExitCodes.Success, a.ToString());
        Assert.True(b.ExitCode == ExitCodes.Success, b.ToString());
        AssertSameResultFiles(one, hundred);
    }

    [Fact]
    public async Task A_compare_that_fails_on_its_scenario_creates_no_output_directory()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile(
            "bad.conf", ValidateCommandTests.Mutate(RepoPaths.TinyScenario, @"capacity-ghz = 10", "capacity-ghz = -10"));
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("compare", path, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("edges.capacity-ghz", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("--slots", "0")]
    [InlineData("--dispatcher-throughput", "0")]
    [InlineData("--seed", "not-a-number")]
    public async Task A_compare_with_a_bad_option_exits_2_and_leaves_an_existing_out_dir_empty(string option, string value)
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");
        Directory.CreateDirectory(outDir);

        var result = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, option, value, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir));
    }

    private static void AssertSameResultFiles(string expectedDir, string actualDir)
    {
        foreach (var name in new[] { "summary.json", "slots.csv" })
        {
            var expected = File.ReadAllBytes(Path.Combine(expectedDir, name));
            var actual = File.ReadAllBytes(Path.Combine(actualDir, name));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} differs between {expectedDir} and {actualDir}");
        }
    }
}
