using MecActors.Core.Configuration;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Tests.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Results;

/// <summary>A run that lost a cluster node with tasks in flight says so in its summary; any other keeps its bytes.</summary>
public class NodeLostDropsTests
{
    private static TaskRecord Task(long id, TaskOutcome outcome, string reason) =>
        new(id, 1, 0, 0, 0, 0, 1, 0.8, true, 0, 0.1, 0, 0, 0, 0.1, outcome, reason);

    [Fact]
    public void A_run_that_lost_a_node_counts_its_drops_by_reason_without_a_fault_plan()
    {
        var scenario = ScenarioFiles.Load(HoconParser.ParseFile(ScenarioFiles.Tiny));
        var run = new PolicyRun("greedy", 1, [
            Task(0, TaskOutcome.Completed, string.Empty),
            Task(1, TaskOutcome.Dropped, DropReasons.NodeLost),
            Task(2, TaskOutcome.Dropped, DropReasons.NodeLost),
            Task(3, TaskOutcome.Dropped, DropReasons.Deadline)]);

        var summary = PolicySummary.From(run, scenario);

        Assert.True(scenario.Faults.IsEmpty);
        Assert.Equal(new Dictionary<string, int> { [DropReasons.NodeLost] = 2, [DropReasons.Deadline] = 1 }, summary.DroppedByReason);
        Assert.Null(summary.FaultWindows);
    }

    [Fact]
    public void A_run_without_a_lost_node_or_a_fault_plan_has_no_drops_by_reason()
    {
        var scenario = ScenarioFiles.Load(HoconParser.ParseFile(ScenarioFiles.Tiny));
        var run = new PolicyRun("greedy", 1, [Task(0, TaskOutcome.Completed, string.Empty), Task(1, TaskOutcome.Dropped, DropReasons.Deadline)]);

        Assert.Null(PolicySummary.From(run, scenario).DroppedByReason);
    }
}
