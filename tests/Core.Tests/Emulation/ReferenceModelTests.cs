using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Tests.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Emulation;

public sealed class ReferenceModelTests
{
    /// <summary>A fixed offloading rule that keeps every slot's feedback.</summary>
    private sealed class FixedRule(Func<MecActors.Core.Workload.TaskRequest, SystemView, OffloadDecision> rule) : IOffloadingPolicy
    {
        public List<SlotFeedback> Feedback { get; } = new();

        public OffloadDecision[] Decide(SlotObservation observation) =>
            observation.Tasks.Select(t => rule(t, observation.System)).ToArray();

        public void Learn(SlotFeedback feedback) => Feedback.Add(feedback);
    }

    private static FixedRule LocalLastExit() => new((t, s) => new OffloadDecision(t.LocalEdge, s.Scenario.Models[t.ModelId].ExitCount));

    private static FixedRule NextEdgeFirstExit() => new((t, s) => new OffloadDecision((t.LocalEdge + 1) % s.Edges, 1));

    /// <summary>Caches every model of an even id that fits, in id order.</summary>
    private sealed class EvenModels : ICachingPolicy
    {
        public bool[][] Place(CacheObservation observation)
        {
            var s = observation.System.Scenario;
            return s.Edges.Select(e =>
            {
                var used = 0.0;
                return s.Models.Types.Select(m =>
                {
                    var take = m.Id % 2 == 0 && used + m.SizeBits <= e.StorageBytes * 8;
                    used += take ? m.SizeBits : 0;
                    return take;
                }).ToArray();
            }).ToArray();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Under_the_papers_assumptions_every_delay_follows_equations_1_to_3_and_the_equal_share(bool remote)
    {
        var scenario = ScenarioFiles.Load(ScenarioFiles.JointCachingConfig());
        var system = new SystemView(scenario);
        var policy = remote ? NextEdgeFirstExit() : LocalLastExit();
        ReferenceModel.Run(system, new PolicySet("test", policy, new EvenModels()), 20, 3);

        Assert.Equal(20, policy.Feedback.Count);
        foreach (var feedback in policy.Feedback)
        {
            var perEdge = feedback.Records.GroupBy(r => r.TargetEdge).ToDictionary(g => g.Key, g => g.Count());
            for (var i = 0; i < feedback.Records.Count; i++)
            {
                var task = feedback.Observation.Tasks[i];
                var record = feedback.Records[i];
                Assert.Equal(task.TaskId, record.TaskId);
                Assert.Equal(task.ModelId % 2 == 0, record.CacheHit);
                var expected = system.EstimateDelaySeconds(task, record.TargetEdge, record.Exit, record.CacheHit, perEdge[record.TargetEdge], feedback.Observation.Queues);
                Assert.Equal(expected, record.DelayS, 9);
            }
        }
    }

    [Fact]
    public void Every_generated_task_ends_completed_missed_or_dropped_exactly_once()
    {
        var scenario = ScenarioFiles.Load(ScenarioFiles.JointCachingConfig());
        var system = new SystemView(scenario);
        var run = ReferenceModel.Run(system, new PolicySet("test", LocalLastExit(), new EvenModels()), 30, 1);

        var ids = run.Records.Select(r => r.TaskId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(30 * scenario.DeviceCount, run.Records.Count);
        var summary = Metrics.PolicySummary.From(run, scenario.Objective);
        Assert.Equal(summary.Tasks, summary.Completed + summary.MissedDeadline + summary.Dropped);
    }
}
