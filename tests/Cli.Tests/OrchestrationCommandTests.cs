using System.Text.Json;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class OrchestrationCommandTests
{
    [Theory]
    [InlineData("orchestration.conf", "unknown experiment", "orchestration.experiment = E", "orchestration.experiment")]
    [InlineData("orchestration.conf", "threshold above 1", "orchestration.threshold = 1.5", "orchestration.threshold")]
    [InlineData("orchestration.conf", "threshold of 0", "orchestration.threshold = 0", "orchestration.threshold")]
    [InlineData("orchestration.conf", "variant not in the catalog", "orchestration.offload-variant = d9", "orchestration.offload-variant")]
    [InlineData("orchestration.conf", "more devices than Table 5 covers", "devices.count = 6\nradio.device-rate-mbps = [60, 60, 60, 60, 60, 60]", "devices.count")]
    [InlineData("orchestration.conf", "links not the experiment's", "orchestration.experiment = D", "radio.device-rate-mbps")]
    [InlineData("orchestration.conf", "an unknown output optimizer", "orchestration.dqn.output-optimizer = sgd", "orchestration.dqn.output-optimizer")]
    [InlineData("orchestration.conf", "an unknown network", "orchestration.dqn.network = convolutional", "orchestration.dqn.network")]
    [InlineData("orchestration.conf", "lazy Adam on the one-output network", "orchestration.dqn.network = state-action\norchestration.dqn.output-optimizer = lazy-adam", "orchestration.dqn.output-optimizer")]
    [InlineData("orchestration.conf", "a network for the table", "orchestration.q-learning.network = state-action", "orchestration.q-learning.network")]
    [InlineData("orchestration.conf", "an output optimizer for the table", "orchestration.q-learning.output-optimizer = lazy-adam", "orchestration.q-learning.output-optimizer")]
    [InlineData("orchestration-dynamics.conf", "join probability above 1", "dynamics.users.join-probability = 1.5", "dynamics.users.join-probability")]
    [InlineData("orchestration-dynamics.conf", "leave probability below 0", "dynamics.users.leave-probability = -0.2", "dynamics.users.leave-probability")]
    [InlineData("orchestration-dynamics.conf", "unknown key among the users'", "dynamics.users.arrival-rate = 2", "dynamics.users.arrival-rate")]
    [InlineData("orchestration-dynamics.conf", "switching probability above 1", "dynamics.links.to-weak-probability = 1.1", "dynamics.links.to-weak-probability")]
    [InlineData("orchestration-dynamics.conf", "weak rate above the regular one", "dynamics.links.device-weak-mbps = 100", "dynamics.links.device-weak-mbps")]
    [InlineData("orchestration-dynamics.conf", "no available share", "dynamics.device-availability = [0, 1]", "dynamics.device-availability[0]")]
    [InlineData("orchestration-dynamics.conf", "memory load above 1", "dynamics.memory-load = [0, 2]", "dynamics.memory-load[1]")]
    [InlineData("orchestration-dynamics.conf", "busy from no load", "orchestration.busy-load = 0", "orchestration.busy-load")]
    public async Task A_bad_orchestration_scenario_exits_2_naming_the_key(string scenario, string problem, string lines, string key)
    {
        using var temp = new TempDirectory();
        var include = RepoPaths.Scenario(scenario).Replace("\\", "/", StringComparison.Ordinal);
        var path = temp.WriteFile("bad.conf", $"include \"{include}\"\n{lines}\n");

        var result = await InProcessMec.RunAsync("validate", path);

        Assert.True(result.ExitCode == ExitCodes.BadInput, $"{problem}: {result}");
        Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_dynamics_writes_the_same_results_for_the_same_seed()
    {
        using var temp = new TempDirectory();

        async Task<(byte[] Summary, byte[] Slots)> Run(string seed, string dir)
        {
            var result = await InProcessMec.RunAsync(
                "run", RepoPaths.Scenario("orchestration-dynamics.conf"), "--policy", "q-learning", "--learn-online", "--slots", "40", "--seed", seed, "--out", temp.Child(dir));
            Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
            return (File.ReadAllBytes(Path.Combine(temp.Child(dir), "summary.json")), File.ReadAllBytes(Path.Combine(temp.Child(dir), "slots.csv")));
        }

        var first = await Run("3", "a");
        var again = await Run("3", "b");
        var other = await Run("4", "c");

        Assert.Equal(first.Summary, again.Summary);
        Assert.Equal(first.Slots, again.Slots);
        Assert.NotEqual(first.Slots, other.Slots);
    }

    [Fact]
    public async Task Convergence_trains_each_case_for_the_steps_asked_and_counts_the_states_it_met()
    {
        using var temp = new TempDirectory();
        var scenarios = temp.Child("scenarios");
        Directory.CreateDirectory(scenarios);
        var include = RepoPaths.Scenario("orchestration-dynamics.conf").Replace("\\", "/", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(scenarios, "orchestration.conf"), $"include \"{include}\"\n");

        var result = await InProcessMec.RunAsync(
            "orchestration", "convergence", "--scenarios", scenarios, "--users", "1", "--experiments", "A", "--thresholds", "min",
            "--agents", "q-learning", "--steps", "60", "--out", temp.Child("out"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var row = File.ReadAllLines(Path.Combine(temp.Child("out"), "convergence.csv"))[1].Split(',');
        Assert.Equal(["A", "1", "min", "q-learning", "no", "60"], row[..6]);
        // The dynamics move the state every step: a tabular agent meets many states in 60 steps and is not yet optimal in all.
        Assert.Equal("", row[6]);
        Assert.InRange(int.Parse(row[8], System.Globalization.CultureInfo.InvariantCulture), 10, 60);
    }

    [Fact]
    public async Task Convergence_refuses_a_budget_of_no_steps_naming_the_option()
    {
        using var temp = new TempDirectory();

        var result = await InProcessMec.RunAsync(
            "orchestration", "convergence", "--scenarios", Path.GetDirectoryName(RepoPaths.Scenario("orchestration.conf"))!, "--users", "1",
            "--steps", "0", "--out", temp.Child("out"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--steps", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Child("out")));
    }

    [Fact]
    public async Task The_charged_update_leaves_the_emulated_response_times_as_they_were()
    {
        using var temp = new TempDirectory();
        var include = RepoPaths.Scenario("orchestration-dynamics.conf").Replace("\\", "/", StringComparison.Ordinal);
        var on = temp.WriteFile("on.conf", $"include \"{include}\"\norchestration.charge-update = on\n");

        async Task<JsonElement> Run(string scenario, string dir)
        {
            var result = await InProcessMec.RunAsync("run", scenario, "--policy", "q-learning", "--learn-online", "--slots", "20", "--out", temp.Child(dir));
            Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
            using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Child(dir), "summary.json")));
            return summary.RootElement.GetProperty("policies")[0].Clone();
        }

        var without = await Run(RepoPaths.Scenario("orchestration-dynamics.conf"), "off");
        var with = await Run(on, "on");

        Assert.Equal(without.GetProperty("avgDelayMs").GetDouble(), with.GetProperty("avgDelayMs").GetDouble());
        Assert.Equal(without.GetProperty("avgAccuracy").GetDouble(), with.GetProperty("avgAccuracy").GetDouble());
        Assert.True(with.GetProperty("avgEnergyJ").GetDouble() > without.GetProperty("avgEnergyJ").GetDouble());
    }

    [Fact]
    public async Task Calibration_reports_the_fit_and_the_held_out_error_without_writing_unless_asked()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("orchestration.conf", File.ReadAllText(RepoPaths.Scenario("orchestration.conf")));
        var before = File.ReadAllText(path);

        var result = await InProcessMec.RunAsync("orchestration", "calibrate", path);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("fitted on 12 Exp-A times", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("held out (Exp-B..D)", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task Written_calibration_is_a_fixed_point_of_the_fit()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("orchestration.conf", File.ReadAllText(RepoPaths.Scenario("orchestration.conf")).Replace("capacity-ghz = ", "capacity-ghz = 1", StringComparison.Ordinal));

        var first = await InProcessMec.RunAsync("orchestration", "calibrate", path, "--write");
        var written = File.ReadAllText(path);
        var second = await InProcessMec.RunAsync("orchestration", "calibrate", path, "--write");

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        Assert.Equal(written, File.ReadAllText(path));
        Assert.Equal(File.ReadAllText(RepoPaths.Scenario("orchestration.conf")), written);
    }
}
