using System.Text.Json;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary>
/// Checkpoints shipped beside a scenario (config/checkpoints/&lt;name&gt;/): used when their stamp matches the scenario
/// file, the seed and the step count; ignored with a warning otherwise; off with <c>--checkpoints none</c>.
/// </summary>
public sealed class ShippedCheckpointTests
{
    private const string Policy = "local-edge";

    [Fact]
    public async Task A_matching_shipped_checkpoint_is_used_and_a_changed_scenario_file_makes_it_not_match()
    {
        using var temp = new TempDirectory();
        var scenario = Path.Combine(temp.Path, "config", "scenarios", "tiny.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(scenario)!);
        File.Copy(RepoPaths.TinyScenario, scenario);
        var shipped = Path.Combine(temp.Path, "config", "checkpoints", "tiny");
        var trained = await InProcessMec.RunAsync("train", scenario, "--policy", Policy, "--steps", "30", "--out", shipped);
        Assert.True(trained.ExitCode == ExitCodes.Success, trained.ToString());
        string[] run = ["run", scenario, "--policy", Policy, "--slots", "4"];

        var used = await InProcessMec.RunAsync([.. run, "--out", temp.Child("used")]);
        var explicitDir = await InProcessMec.RunAsync([.. run, "--checkpoints", shipped, "--out", temp.Child("explicit")]);
        var asked = await InProcessMec.RunAsync([.. run, "--train-steps", "30", "--out", temp.Child("asked")]);
        var none = await InProcessMec.RunAsync([.. run, "--checkpoints", "none", "--out", temp.Child("none")]);
        var otherSeed = await InProcessMec.RunAsync([.. run, "--seed", "2", "--out", temp.Child("other-seed")]);
        var otherSteps = await InProcessMec.RunAsync([.. run, "--train-steps", "20", "--out", temp.Child("other-steps")]);
        File.AppendAllText(scenario, "\n# an edit after training\n");
        var changed = await InProcessMec.RunAsync([.. run, "--out", temp.Child("changed")]);

        foreach (var result in new[] { used, explicitDir, asked, none, otherSeed, otherSteps, changed })
        {
            Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        }

        Assert.Contains($"{Policy}: using the shipped checkpoint", used.Stderr, StringComparison.Ordinal);
        Assert.Contains("(seed 1, 30 steps)", used.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("untrained", used.Stderr, StringComparison.Ordinal);
        Assert.Equal(Summary(temp.Child("explicit")), Summary(temp.Child("used")));
        Assert.Contains($"{Policy}: using the shipped checkpoint", asked.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("[train", asked.Stderr, StringComparison.Ordinal);

        Assert.DoesNotContain("shipped", none.Stderr, StringComparison.Ordinal);
        Assert.Contains($"warning: {Policy} is a learning policy evaluated untrained", none.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(Summary(temp.Child("used")), Summary(temp.Child("none")));

        Assert.Contains("warning: ignoring the shipped checkpoint", otherSeed.Stderr, StringComparison.Ordinal);
        Assert.Contains("trained on seed 1, not 2", otherSeed.Stderr, StringComparison.Ordinal);
        Assert.Contains("trained for 30 steps, not --train-steps 20", otherSteps.Stderr, StringComparison.Ordinal);
        Assert.Contains($"[train 1/1] {Policy}: 20/20 steps", otherSteps.Stderr, StringComparison.Ordinal);

        Assert.Contains("warning: ignoring the shipped checkpoint", changed.Stderr, StringComparison.Ordinal);
        Assert.Contains("the scenario file has changed", changed.Stderr, StringComparison.Ordinal);
        Assert.Contains($"warning: {Policy} is a learning policy evaluated untrained", changed.Stderr, StringComparison.Ordinal);
        Assert.Equal(Summary(temp.Child("none")), Summary(temp.Child("changed")));
    }

    [Fact]
    public async Task Training_the_same_policy_twice_writes_identical_checkpoint_and_stamp_bytes()
    {
        using var temp = new TempDirectory();
        string[] train = ["train", RepoPaths.TinyScenario, "--policy", "joint-a2c", "--steps", "200"];

        var a = await InProcessMec.RunAsync([.. train, "--out", temp.Child("a")]);
        var b = await InProcessMec.RunAsync([.. train, "--out", temp.Child("b")]);

        Assert.True(a.ExitCode == ExitCodes.Success, a.ToString());
        Assert.True(b.ExitCode == ExitCodes.Success, b.ToString());
        foreach (var name in new[] { "joint-a2c.mecnn", "joint-a2c.mecnn.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Child("a"), name)), File.ReadAllBytes(Path.Combine(temp.Child("b"), name)));
        }

        using var stamp = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Child("a"), "joint-a2c.mecnn.json")));
        Assert.Equal(["policy", "scenarioSha256", "seed", "steps", "checkpointSha256"], stamp.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(200, stamp.RootElement.GetProperty("steps").GetInt32());
        Assert.Equal(1, stamp.RootElement.GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task The_shipped_joint_caching_checkpoints_match_the_scenario_file_as_it_is()
    {
        using var temp = new TempDirectory();

        var result = await InProcessMec.RunAsync(
            "compare", RepoPaths.JointCachingScenario, "--slots", "1", "--parallel", "1", "--out", temp.Child("out"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        foreach (var policy in new[] { "joint-a2c", "random-caching", "local-edge", "no-early-exit" })
        {
            var shipped = Path.Combine("checkpoints", "joint-caching", policy + ".mecnn");
            Assert.Contains($"{policy}: using the shipped checkpoint ", result.Stderr, StringComparison.Ordinal);
            Assert.Contains($"{shipped} (seed 1, 50000 steps)", result.Stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("warning", result.Stderr, StringComparison.Ordinal);
    }

    private static byte[] Summary(string dir) => File.ReadAllBytes(Path.Combine(dir, "summary.json"));
}
