using System.Text.Json;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary><c>--faults FILE</c> on run and compare: the plan's effect in the results, its determinism, its bad input.</summary>
public sealed class FaultsCommandTests
{
    private const string Plan = """
        faults {
          on-fault = drop
          plan = [
            { kind = link-down, target = "fiber:0-1", start-slot = 5, end-slot = 15 }
            { kind = edge-crash, target = "edge:1", start-slot = 20, end-slot = 25 }
            { kind = capacity-drop, target = cloud, factor = 0.5, start-slot = 10 }
          ]
        }
        """;

    [Fact]
    public async Task A_fault_run_counts_every_task_once_reports_each_fault_window_and_repeats_to_the_byte()
    {
        using var temp = new TempDirectory();
        var plan = temp.Child("plan.conf");
        File.WriteAllText(plan, Plan);

        var first = await InProcessMec.RunAsync("compare", RepoPaths.Scenario("routes.conf"), "--faults", plan, "--slots", "30", "--out", temp.Child("a"));
        var second = await InProcessMec.RunAsync("compare", RepoPaths.Scenario("routes.conf"), "--faults", plan, "--slots", "30", "--out", temp.Child("b"));
        var nominal = await InProcessMec.RunAsync("compare", RepoPaths.Scenario("routes.conf"), "--slots", "30", "--out", temp.Child("n"));

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.True(nominal.ExitCode == ExitCodes.Success, nominal.ToString());
        foreach (var file in new[] { "summary.json", "slots.csv", "faults.png" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Child("a"), file)), File.ReadAllBytes(Path.Combine(temp.Child("b"), file)));
        }

        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Child("a"), "summary.json")));
        using var unfaulted = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Child("n"), "summary.json")));
        var policies = summary.RootElement.GetProperty("policies").EnumerateArray().ToList();
        var nominalPolicies = unfaulted.RootElement.GetProperty("policies").EnumerateArray().ToList();
        var dropsByFault = 0;
        for (var i = 0; i < policies.Count; i++)
        {
            var p = policies[i];
            var tasks = p.GetProperty("tasks").GetInt32();
            Assert.Equal(nominalPolicies[i].GetProperty("tasks").GetInt32(), tasks);
            Assert.Equal(tasks, p.GetProperty("completed").GetInt32() + p.GetProperty("missedDeadline").GetInt32() + p.GetProperty("dropped").GetInt32());
            var byReason = p.GetProperty("droppedByReason").EnumerateObject().Sum(r => r.Value.GetInt32());
            Assert.Equal(p.GetProperty("dropped").GetInt32(), byReason);
            dropsByFault += p.GetProperty("droppedByReason").EnumerateObject().Where(r => r.Name is "link-down" or "edge-crash").Sum(r => r.Value.GetInt32());

            var windows = p.GetProperty("faultWindows").EnumerateArray().ToList();
            Assert.Equal(["link-down fiber:0-1", "edge-crash edge:1", "capacity-drop cloud"], windows.Select(w => w.GetProperty("fault").GetString()));
            Assert.Equal((5, 14), (windows[0].GetProperty("firstSlot").GetInt32(), windows[0].GetProperty("lastSlot").GetInt32()));
            Assert.Equal(
                tasks,
                windows[0].GetProperty("before").GetProperty("tasks").GetInt32() + windows[0].GetProperty("during").GetProperty("tasks").GetInt32()
                + windows[0].GetProperty("after").GetProperty("tasks").GetInt32());
        }

        Assert.True(dropsByFault > 0, "no task was dropped by the link or the crash");
        Assert.Contains("each fault's windows", first.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("droppedByReason", File.ReadAllText(Path.Combine(temp.Child("n"), "summary.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("faults { plan = [ { kind = link-down, target = \"fiber:0-1\", start-slot = 0 } ] }", "faults.plan[0].start-slot")]
    [InlineData("faults { on-fault = resend }", "faults.on-fault")]
    [InlineData("faults { plan = [] }\nslots = 3", "slots")]
    [InlineData("plan = []", "faults")]
    public async Task A_bad_fault_plan_exits_2_naming_the_key_and_writes_nothing(string text, string key)
    {
        using var temp = new TempDirectory();
        var plan = temp.Child("plan.conf");
        File.WriteAllText(plan, text);
        var outDir = temp.Child("out");

        var result = await InProcessMec.RunAsync("run", RepoPaths.Scenario("routes.conf"), "--policy", "greedy", "--faults", plan, "--slots", "3", "--out", outDir);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task A_missing_fault_plan_file_exits_2_naming_the_option()
    {
        using var temp = new TempDirectory();

        var result = await InProcessMec.RunAsync("run", RepoPaths.Scenario("routes.conf"), "--policy", "greedy", "--faults", temp.Child("none.conf"), "--out", temp.Child("out"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--faults", result.Stderr, StringComparison.Ordinal);
    }
}
