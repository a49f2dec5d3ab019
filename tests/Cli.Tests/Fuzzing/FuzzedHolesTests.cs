using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests.Fuzzing;

/// <summary>
/// The holes the fuzzer found in the loaders, each kept closed: a scenario that used to load (and fail later with
/// exit 1, or run on a typo) or to be refused without naming the key now exits 2 naming it.
/// </summary>
public sealed class FuzzedHolesTests
{
    [Theory]
    [InlineData("paper 002's section deleted", "grle.conf", "early-exit = null", "early-exit: missing")]
    [InlineData("an exit-time kind no server has", "grle.conf", "early-exit.exit-ms.a100 = [1, 2, 3, 4, 5]", "early-exit.exit-ms.a100")]
    [InlineData("a policy of paper 003 without its section", "tiny.conf", "policies = [dqn]", "orchestration: missing")]
    [InlineData("the DQN without hidden widths", "orchestration.conf", "orchestration.dqn.hidden = []", "orchestration.dqn.hidden")]
    [InlineData("the DQN without its replay memory", "orchestration.conf", "orchestration.dqn.replay = null", "orchestration.dqn.replay")]
    [InlineData("a decision time for a policy it does not charge", "orchestration.conf", "orchestration.decision-ms.greedy = 1", "orchestration.decision-ms.greedy")]
    [InlineData("a misspelt top-level key", "tiny.conf", "slotms = 10", "slotms: unknown key")]
    [InlineData("a channel with no usable rate", "tiny.conf", "radio.path-loss-intercept-db = 1e20", "radio.path-loss-intercept-db")]
    [InlineData("a number whose units overflow", "tiny.conf", "workload.input-mb = [0.5, 1e308]", "workload.input-mb[1]: number out of range")]
    [InlineData("a device setting read by paper 004's section before it is checked", "lymdo.conf", "devices.compute.cores = -1", "devices.compute.cores: must be a positive integer")]
    [InlineData("a model too large for storage, named where it is", "tiny.conf", "edges.storage-gb = 0.2", "models.types[0].size-mb")]
    public async Task Validate_exits_2_naming_the_key(string problem, string scenario, string lines, string named)
    {
        using var temp = new TempDirectory();
        var include = RepoPaths.Scenario(scenario).Replace("\\", "/", StringComparison.Ordinal);
        var path = temp.WriteFile("bad.conf", $"include \"{include}\"\n{lines}\n");

        var result = await InProcessMec.RunAsync("validate", path);

        Assert.True(result.ExitCode == ExitCodes.BadInput, $"{problem}: {result}");
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
    }
}
