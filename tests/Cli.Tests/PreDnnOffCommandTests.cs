using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class PreDnnOffCommandTests
{
    private static readonly string Scenario = RepoPaths.Scenario("pre-dnnoff.conf");

    [Theory]
    [InlineData("a negative output size", "pre-dnnoff.profile.layers", "[{ name = a, type = relu, input-bytes = 12288, output-bytes = -4 }]", "pre-dnnoff.profile.layers[0].output-bytes")]
    [InlineData("a cycle in the branch tree", "pre-dnnoff.profile.layers", "[{ name = a, type = relu, after = b, input-bytes = 40, output-bytes = 40 }, { name = b, type = relu, input-bytes = 40, output-bytes = 40 }]", "pre-dnnoff.profile.layers[0].after")]
    [InlineData("an unknown layer type", "pre-dnnoff.profile.layers", "[{ name = a, type = softmax, input-bytes = 12288, output-bytes = 40 }]", "pre-dnnoff.profile.layers[0].type")]
    [InlineData("a standard deviation of 0", "workload.accuracy-requirement", "{ mean = 0.625, sd = 0 }", "workload.accuracy-requirement.sd")]
    public async Task Validate_rejects_a_bad_pre_dnnoff_scenario_with_exit_2_naming_the_key(string problem, string key, string value, string named)
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("bad.conf", $"include \"{Scenario}\"\n{key} = {value}\n");

        var result = await InProcessMec.RunAsync("validate", path);

        Assert.True(result.ExitCode == ExitCodes.BadInput, $"{problem}: {result}");
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Compare_prints_and_writes_each_solvers_expected_latency_beside_its_emulated_mean()
    {
        using var temp = new TempDirectory();
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("compare", Scenario, "--slots", "40", "--out", outDir);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("expected (analytic model) and emulated mean delay:", result.Stdout, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(outDir, "expected-delay.csv"));
        Assert.Equal("policy,expectedDelayMs,emulatedDelayMs", rows[0]);
        Assert.Equal(["pre-dnnoff-ga", "pre-dnnoff-exact", "edgent", "layers-device-only", "layers-edge-only"], rows.Skip(1).Select(r => r.Split(',')[0]));
        foreach (var row in rows.Skip(1))
        {
            var cells = row.Split(',').Skip(1).Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.InRange(cells[1] / cells[0], 0.9, 1.1);
        }
    }
}
