using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;
using MecActors.Policies.Learning;
using Xunit;

namespace MecActors.Policies.Tests;

/// <summary>Every policy of the catalog decides slots in which devices bring several tasks each, arriving within the slot.</summary>
public class SeveralTasksPerDeviceTests
{
    public static IEnumerable<object[]> Workloads() =>
    [
        ["poisson"],
        ["periodic"],
    ];

    private static SystemView System(string arrivals)
    {
        var system = TestSystem.Create();
        var scenario = system.Scenario;
        var workload = scenario.Workload with
        {
            TaskProbability = 0,
            DeadlineSeconds = 2.0,
            DeadlineMaxSeconds = 6.0,
            AccuracyRequirementMin = 0.6,
            AccuracyRequirementMax = 0.85,
        };
        workload = arrivals == "poisson"
            ? workload with { Arrivals = ArrivalKind.Poisson, RatePerSecond = 1.5 }
            : workload with { Arrivals = ArrivalKind.Periodic, FrameSeconds = 0.6 };
        return new SystemView(scenario with { Workload = workload, Slots = 20 });
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Every_policy_decides_every_task_and_each_ends_once(string arrivals)
    {
        var system = System(arrivals);
        foreach (var name in GenericPolicies.Names)
        {
            var policies = PolicyCatalog.All.Create(name, system, 3);
            var training = policies.Offloading is ITrainablePolicy trainable;
            var updates = new List<double>();
            if (policies.Offloading is ITrainablePolicy learner)
            {
                // Learning online, as in training: several rows of one device per slot go into its returns.
                learner.Training = true;
                learner.Updated += point => updates.Add(point["policyLoss"] + point["valueLoss"]);
            }

            var run = ReferenceModel.Run(system, policies, system.Scenario.Slots, 3);

            var several = run.Records.GroupBy(r => (r.Slot, r.Device)).Count(g => g.Count() > 1);
            Assert.True(several > 20, $"{name}: only {several} device-slots with several tasks");
            Assert.Equal(run.Records.Count, run.Records.Select(r => r.TaskId).Distinct().Count());
            Assert.All(run.Records, r => Assert.True(r.Outcome is TaskOutcome.Completed or TaskOutcome.MissedDeadline or TaskOutcome.Dropped));
            Assert.True(run.Records.Count(r => r.Ran) > run.Records.Count / 2, $"{name}: most tasks should run");
            if (training)
            {
                Assert.True(updates.Count > 0, $"{name}: no update; {run.Records.Count(r => r.End > r.Slot * system.Scenario.SlotSeconds)} of {run.Records.Count} tasks outlived their slot");
                Assert.NotEmpty(updates);
                Assert.All(updates, loss => Assert.True(double.IsFinite(loss), $"{name}: loss {loss}"));
            }
        }
    }
}
