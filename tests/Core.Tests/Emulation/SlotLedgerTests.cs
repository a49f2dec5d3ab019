using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Tests.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Core.Tests.Emulation;

public sealed class SlotLedgerTests
{
    private sealed class LocalLastExit : IOffloadingPolicy
    {
        public OffloadDecision[] Decide(SlotObservation observation) =>
            observation.Tasks.Select(t => new OffloadDecision(t.LocalEdge, observation.System.Scenario.Models[t.ModelId].ExitCount)).ToArray();

        public void Learn(SlotFeedback feedback)
        {
        }
    }

    [Fact]
    public void Dropping_what_is_outstanding_ends_each_task_once_with_the_reason_and_completes_the_slot()
    {
        var scenario = ScenarioFiles.Load(ScenarioFiles.JointCachingConfig());
        var system = new SystemView(scenario);
        var demand = new CellDemand(scenario, 1);
        var tasks = Enumerable.Range(0, scenario.DeviceCount)
            .SelectMany(u => new DeviceWorkload(scenario, u, 1).Generate(1, demand.PopularityOf(scenario.LocalEdgeOf(u))))
            .ToList();
        var statuses = Enumerable.Range(0, scenario.EdgeCount).Select(e => new ModelCache(system, e).Status(0.0, 0.0)).ToArray();
        var decision = new SlotDecider(system, new LocalLastExit()).Decide(1, tasks, statuses, ResourceQueues.None);
        var ledger = new SlotLedger();
        ledger.Open(decision);
        var first = (decision.Plans[0] with { DropReason = "first" }).DroppedRecord();
        ledger.Record(first);
        Assert.Empty(ledger.Close(double.PositiveInfinity));

        var dropped = ledger.DropOutstanding(DropReasons.NodeLost);

        Assert.Equal(tasks.Count - 1, dropped);
        Assert.Equal(0, ledger.Outstanding);
        var feedback = Assert.Single(ledger.Close(scenario.SlotSeconds));
        Assert.Equal(tasks.Select(t => t.TaskId), feedback.Records.Select(r => r.TaskId));
        Assert.Equal(first, feedback.Records[0]);
        Assert.All(feedback.Records.Skip(1), r =>
        {
            Assert.Equal(TaskOutcome.Dropped, r.Outcome);
            Assert.Equal(DropReasons.NodeLost, r.DropReason);
        });
        Assert.Equal(0, ledger.DropOutstanding("again"));
    }
}
