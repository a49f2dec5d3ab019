using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Actor;
using MecActors.Actors;
using MecActors.Cli.Tests.Support;
using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;
using MecActors.Policies;
using MecActors.Policies.Learning;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class TrainCommandTests
{
    private const string Header = "step,reward,movingAverage,policyLoss,valueLoss,entropy";

    [Fact]
    public async Task Train_writes_the_checkpoint_one_csv_row_per_update_and_the_plot_and_prints_the_time_split()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");
        const int Steps = 40;
        const int Seed = 2;

        var result = await InProcessMec.RunAsync(
            "train", RepoPaths.TinyScenario, "--policy", "local-edge", "--steps", "40", "--seed", "2", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());

        var checkpoint = File.ReadAllBytes(Path.Combine(outDir, "local-edge.mecnn"));
        Assert.Equal("MECNN"u8.ToArray(), checkpoint[..5]);

        var expected = await UpdatesOfAnIndependentTrainingRun("local-edge", Steps, Seed);
        Assert.True(expected.Count >= Steps / 5 - 2, $"only {expected.Count} updates in {Steps} steps");
        var lines = File.ReadAllText(Path.Combine(outDir, "training.csv")).Split('\n');
        Assert.Equal(Header, lines[0]);
        Assert.Equal("", lines[^1]);
        var rows = lines[1..^1].Select(l => l.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Slot, rows[i][0]);
            Assert.Equal(expected[i]["reward"], rows[i][1]);
            Assert.Equal(expected.Take(i + 1).Average(p => p["reward"]), rows[i][2], 12);
            Assert.Equal(expected[i]["policyLoss"], rows[i][3]);
            Assert.Equal(expected[i]["valueLoss"], rows[i][4]);
            Assert.Equal(expected[i]["entropy"], rows[i][5]);
        }

        var png = File.ReadAllBytes(Path.Combine(outDir, "training.png"));
        Assert.True(png.Length > 1000, $"plot has {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);

        Assert.Matches(new Regex(@"wall time \d+\.\d s, \d+\.\d steps/s"), result.Stdout);
        Assert.Matches(new Regex(@"network \d+\.\d s \(\d+\.\d%\), actors \d+\.\d s \(\d+\.\d%\)"), result.Stdout);
        Assert.Contains("[train 1/1] local-edge: 40/40 steps", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));
    }

    [Theory]
    [InlineData("greedy")]
    [InlineData("nope")]
    public async Task Train_with_a_policy_that_does_not_learn_exits_2_naming_the_option_and_the_learning_policies(string policy)
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("train", RepoPaths.TinyScenario, "--policy", policy, "--steps", "10", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--policy", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(policy, result.Stderr, StringComparison.Ordinal);
        foreach (var name in PolicyCatalog.All.Names.Where(PolicyCatalog.All.Learns))
        {
            Assert.Contains(name, result.Stderr, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("--steps", "0")]
    [InlineData("--steps", "many")]
    public async Task Train_with_a_bad_step_count_exits_2_naming_the_option(string option, string value)
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("train", RepoPaths.TinyScenario, "--policy", "local-edge", option, value, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Two_identical_train_runs_write_byte_identical_training_csv_and_checkpoint()
    {
        using var temp = new TempDirectory();
        var first = temp.Child("first");
        var second = temp.Child("second");
        string[] args = ["train", RepoPaths.TinyScenario, "--policy", "no-early-exit", "--steps", "30"];

        var a = await InProcessMec.RunAsync([.. args, "--out", first]);
        var b = await InProcessMec.RunAsync([.. args, "--out", second]);

        Assert.True(a.ExitCode == ExitCodes.Success, a.ToString());
        Assert.True(b.ExitCode == ExitCodes.Success, b.ToString());
        foreach (var name in new[] { "training.csv", "no-early-exit.mecnn", "summary.json" })
        {
            var expected = File.ReadAllBytes(Path.Combine(first, name));
            var actual = File.ReadAllBytes(Path.Combine(second, name));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} differs between the two runs");
        }
    }

    [Fact]
    public async Task Compare_after_training_and_compare_from_the_saved_checkpoints_write_byte_identical_summaries()
    {
        using var temp = new TempDirectory();
        var checkpoints = temp.Child("checkpoints");
        var trained = temp.Child("trained");
        var loaded = temp.Child("loaded");
        var untrained = temp.Child("untrained");

        var a = await InProcessMec.RunAsync(
            "compare", RepoPaths.TinyScenario, "--train-steps", "50", "--checkpoints", checkpoints, "--out", trained);
        var b = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--checkpoints", checkpoints, "--out", loaded);
        var c = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--out", untrained);

        Assert.True(a.ExitCode == ExitCodes.Success, a.ToString());
        Assert.True(b.ExitCode == ExitCodes.Success, b.ToString());
        Assert.True(c.ExitCode == ExitCodes.Success, c.ToString());
        Assert.Equal(
            [
                "local-edge.mecnn", "local-edge.mecnn.json", "no-early-exit.mecnn", "no-early-exit.mecnn.json",
                "random-caching.mecnn", "random-caching.mecnn.json",
            ],
            Directory.GetFiles(checkpoints).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        foreach (var policy in new[] { "random-caching", "local-edge", "no-early-exit" })
        {
            Assert.Contains($"{policy}: 50/50 steps", a.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain($"warning: {policy}", a.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain($"warning: {policy}", b.Stderr, StringComparison.Ordinal);
            Assert.Contains($"warning: {policy} is a learning policy evaluated untrained", c.Stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("[train", b.Stderr, StringComparison.Ordinal);
        var summary = File.ReadAllBytes(Path.Combine(trained, "summary.json"));
        Assert.True(summary.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(loaded, "summary.json"))), "summary.json differs");
        Assert.False(
            summary.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(untrained, "summary.json"))),
            "training changed nothing");
    }

    [Fact]
    public async Task Run_with_train_steps_trains_the_policy_saves_its_checkpoint_and_evaluates_it()
    {
        using var temp = new TempDirectory();
        var checkpoints = temp.Child("checkpoints");
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync(
            "run", RepoPaths.TinyScenario, "--policy", "random-caching", "--train-steps", "20", "--slots", "5",
            "--checkpoints", checkpoints, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.True(File.Exists(Path.Combine(checkpoints, "random-caching.mecnn")));
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
        Assert.Contains("trained random-caching: 20 steps", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("network ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("run")]
    public async Task A_corrupt_checkpoint_exits_2_naming_the_file_and_writes_nothing(string verb)
    {
        using var temp = new TempDirectory();
        var checkpoints = temp.Child("checkpoints");
        Directory.CreateDirectory(checkpoints);
        var corrupt = Path.Combine(checkpoints, "local-edge.mecnn");
        File.WriteAllBytes(corrupt, [.. "MECNN"u8.ToArray(), 1, 0, 0, 0, 6, 0, 0, 0, 3]);
        var outDir = temp.Child("out");
        string[] args = verb == "run"
            ? ["run", RepoPaths.TinyScenario, "--policy", "local-edge"]
            : ["compare", RepoPaths.TinyScenario, "--train-steps", "10"];

        var result = await InProcessMec.RunAsync([.. args, "--checkpoints", checkpoints, "--out", outDir]);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains(corrupt, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--checkpoints", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.Equal([corrupt], Directory.GetFiles(checkpoints));
    }

    [Fact]
    public async Task A_text_file_as_checkpoint_exits_2_naming_the_file()
    {
        using var temp = new TempDirectory();
        var checkpoints = temp.Child("checkpoints");
        Directory.CreateDirectory(checkpoints);
        var corrupt = Path.Combine(checkpoints, "no-early-exit.mecnn");
        File.WriteAllText(corrupt, "not a checkpoint at all");

        var result = await InProcessMec.RunAsync(
            "run", RepoPaths.TinyScenario, "--policy", "no-early-exit", "--checkpoints", checkpoints, "--out", temp.Child("out"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains(corrupt, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_naming_a_file_exits_2_naming_the_option()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("checkpoints", "a file");

        var result = await InProcessMec.RunAsync(
            "run", RepoPaths.TinyScenario, "--policy", "local-edge", "--checkpoints", file, "--out", temp.Child("out"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--checkpoints", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("a file", File.ReadAllText(file));
    }

    /// <summary>The updates of a learning policy trained directly in the emulation, without the CLI.</summary>
    /// <summary>The same training outside the CLI: episodes of the scenario's length, workload episodes 1, 2, ...</summary>
    private static async Task<List<TrainingPoint>> UpdatesOfAnIndependentTrainingRun(string policy, int steps, int seed)
    {
        var system = new SystemView(ScenarioLoader.Load(RepoPaths.TinyScenario, PolicyCatalog.All));
        var set = PolicyCatalog.All.Create(policy, system, seed);
        var agent = Assert.IsAssignableFrom<ITrainablePolicy>(set.Offloading);
        agent.Training = true;
        var points = new List<TrainingPoint>();
        var actorSystem = ActorSystem.Create("train-check");
        try
        {
            var done = 0;
            for (var episode = 1; done < steps; episode++)
            {
                var slots = Math.Min(system.Scenario.Slots, steps - done);
                var offset = done;
                void Add(TrainingPoint point) => points.Add(point with { Slot = point.Slot + offset });
                agent.Updated += Add;
                await EmulationRunner.RunAsync(actorSystem, new SystemView(system.Scenario with { Episode = episode }), set, slots, seed);
                agent.Updated -= Add;
                done += slots;
            }
        }
        finally
        {
            await actorSystem.Terminate();
        }

        return points;
    }
}
