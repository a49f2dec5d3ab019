using System.Text.Json;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary>Paper 002's scenarios: they load, run every listed policy, and refuse bad exits and deadlines.</summary>
public sealed class GrleScenarioTests
{
    [Theory]
    [InlineData("grle.conf")]
    [InlineData("grle-availability.conf")]
    [InlineData("grle-fluctuation.conf")]
    [InlineData("grle-csi.conf")]
    public async Task Validate_accepts_each_scenario_of_paper_002(string file)
    {
        var result = await InProcessMec.RunAsync("validate", RepoPaths.Scenario(file));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("(2 edges, 14 devices, 1 models, policies local-last-exit, local-first-exit, exhaustive, droo, drooe, grl, grle)", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exits not increasing in accuracy", "{ gigacycles = 0.0001, accuracy = 0.85 }", "{ gigacycles = 0.0001, accuracy = 0.78 }", "models.types[0].blocks[1].accuracy")]
    [InlineData("an exit time of 0", "rtx-2080ti = [0.36,", "rtx-2080ti = [0,", "early-exit.exit-ms.rtx-2080ti[0]")]
    [InlineData("a negative exit time", "2.42]", "-2.42]", "early-exit.exit-ms.gtx-1080ti[4]")]
    [InlineData("an exit time missing", "2.42]", "]", "early-exit.exit-ms.gtx-1080ti")]
    [InlineData("a server kind without times", "servers = [rtx-2080ti, gtx-1080ti]", "servers = [rtx-2080ti, a100]", "early-exit.servers[1]")]
    [InlineData("a deadline of 0", "deadline-ms = 25 ", "deadline-ms = 0 ", "workload.deadline-ms")]
    [InlineData("a negative deadline", "deadline-ms = 25 ", "deadline-ms = -25 ", "workload.deadline-ms")]
    public async Task A_bad_exit_or_deadline_exits_2_naming_the_key(string problem, string original, string replacement, string key)
    {
        using var temp = new TempDirectory();
        var text = File.ReadAllText(RepoPaths.Scenario("grle.conf"));
        Assert.Equal(1, text.Split(original).Length - 1);
        var path = temp.WriteFile("bad.conf", text.Replace(original, replacement, StringComparison.Ordinal));

        var result = await InProcessMec.RunAsync("validate", path);

        Assert.True(result.ExitCode == ExitCodes.BadInput, $"{problem}: {result}");
        Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_runs_every_policy_and_reports_success_accuracy_the_same_twice()
    {
        using var temp = new TempDirectory();
        var first = await InProcessMec.RunAsync("compare", RepoPaths.Scenario("grle-csi.conf"), "--slots", "6", "--seed", "2", "--checkpoints", "none", "--out", temp.Child("a"));
        var second = await InProcessMec.RunAsync("compare", RepoPaths.Scenario("grle-csi.conf"), "--slots", "6", "--seed", "2", "--checkpoints", "none", "--out", temp.Child("b"));

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        var summary = File.ReadAllBytes(Path.Combine(temp.Child("a"), "summary.json"));
        Assert.Equal(summary, File.ReadAllBytes(Path.Combine(temp.Child("b"), "summary.json")));
        using var json = JsonDocument.Parse(summary);
        var policies = json.RootElement.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(7, policies.Count);
        foreach (var policy in policies)
        {
            var tasks = policy.GetProperty("tasks").GetInt32();
            Assert.Equal(6 * 14, tasks);
            var success = policy.GetProperty("successAccuracy").GetDouble();
            var accuracy = policy.GetProperty("avgAccuracy").GetDouble();
            var ssp = policy.GetProperty("ssp").GetDouble();
            // A late task counts 0, so the success accuracy lies between ssp x the first exit's and ssp x the last's.
            Assert.InRange(success, (ssp * 0.8) - 1e-12, Math.Min(accuracy, ssp * 0.935) + 1e-12);
        }
    }
}
