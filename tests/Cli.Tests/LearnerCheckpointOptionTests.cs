using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary><c>--learner-checkpoint-every</c> and <c>--learner-checkpoint-dir</c>: checked as bad input before any cluster is joined.</summary>
public sealed class LearnerCheckpointOptionTests
{
    /// <summary>No node listens there: a run that got as far as joining would fail otherwise than with exit 2.</summary>
    private const string NoCluster = "akka.tcp://mec@127.0.0.1:9";

    [Theory]
    [InlineData("--learner-checkpoint-every", "-1", true)]
    [InlineData("--learner-checkpoint-every", "five", true)]
    [InlineData("--learner-checkpoint-every", "5", false)]
    [InlineData("--learner-checkpoint-dir", "checkpoints", false)]
    public async Task A_bad_checkpoint_option_exits_2_naming_it(string option, string value, bool onCluster)
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");
        string[] cluster = onCluster ? ["--cluster", NoCluster] : [];

        var result = await InProcessMec.RunAsync(["compare", RepoPaths.TinyScenario, option, value, .. cluster, "--out", outDir]);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task A_checkpoint_directory_that_is_a_file_exits_2_naming_the_option()
    {
        using var temp = new TempDirectory();
        var file = temp.Child("checkpoints");
        await File.WriteAllTextAsync(file, "not a directory");
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--cluster", NoCluster, "--learner-checkpoint-dir", file, "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--learner-checkpoint-dir: ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }
}
