using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Randomness;
using MecActors.Policies.Caching;
using MecActors.Policies.Orchestration;
using Xunit;

namespace MecActors.Policies.Tests.Orchestration;

public sealed class ResponseModelTests
{
    [Theory]
    [InlineData("orchestration.conf", "off")]
    [InlineData("orchestration-b.conf", "off")]
    [InlineData("orchestration-d.conf", "on")]
    public void Predicted_responses_equal_the_emulated_ones_for_random_joint_actions(string file, string chargeDecisionTime)
    {
        var system = OrchestrationScenarios.System(file, 5, ("orchestration.charge-decision-time", chargeDecisionTime));
        var settings = OrchestrationSettings.Of(system);
        var policy = new RandomJointActions(settings, RandomStream.For(7, StreamKind.Policy, 1));
        var run = ReferenceModel.Run(system, new PolicySet("random", policy, new PopularityCaching(system)), 30, 3);

        Assert.Equal(150, run.Records.Count);
        foreach (var record in run.Records)
        {
            Assert.Equal(TaskOutcome.Completed, record.Outcome);
            Assert.Equal(policy.Predicted[record.TaskId], record.DelayS, 9);
        }
    }

    [Theory]
    [InlineData("off")]
    [InlineData("on")]
    public void Predicted_responses_equal_the_emulated_ones_when_users_links_and_loads_change(string chargeDecisionTime)
    {
        var system = OrchestrationScenarios.System("orchestration-dynamics.conf", 5, ("orchestration.charge-decision-time", chargeDecisionTime));
        var settings = OrchestrationSettings.Of(system);
        var policy = new RandomJointActions(settings, RandomStream.For(7, StreamKind.Policy, 1));
        var run = ReferenceModel.Run(system, new PolicySet("random", policy, new PopularityCaching(system)), 60, 3);

        Assert.InRange(run.Records.Count, 150, 299);
        foreach (var record in run.Records)
        {
            Assert.Equal(policy.Predicted[record.TaskId], record.DelayS, 9);
        }
    }

    [Fact]
    public void Fixed_placements_take_the_times_the_model_predicts_for_their_routes()
    {
        var system = OrchestrationScenarios.System("orchestration-c.conf", 5);
        var settings = OrchestrationSettings.Of(system);
        foreach (var (name, node) in new[] { ("device-only", NodeKind.Device), ("edge-only", NodeKind.Edge), ("cloud-only", NodeKind.Cloud) })
        {
            var run = ReferenceModel.Run(system, PolicyCatalog.All.Create(name, system, 1), 2, 1);
            var observation = new SlotObservation(1, 0, [.. run.Records.Take(5).Select(r => TaskOf(system, r))], [], system);
            var timing = StepTiming.Of(observation, settings, 0);
            var actions = Enumerable.Repeat(new OrchestrationAction(node, settings.OffloadVariant), 5).ToArray();
            var predicted = new double[5];
            ResponseModel.Predict(timing, actions, orchestrated: false, predicted);
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(predicted[i], run.Records[i].DelayS, 9);
            }
        }
    }

    private static Core.Workload.TaskRequest TaskOf(SystemView system, TaskRecord record)
    {
        var rate = system.Scenario.Radio.DeviceRatesBps![record.Device];
        return new Core.Workload.TaskRequest(record.TaskId, record.Slot, record.Device, 0, 0, system.Scenario.Workload.InputMinBits, 1, rate / (system.Scenario.Edges[0].BandwidthHz / 5), rate, 0.0, 3.0);
    }

    /// <summary>A random joint action every step, remembering each task's predicted response.</summary>
    private sealed class RandomJointActions(OrchestrationSettings settings, RandomStream random) : IOffloadingPolicy
    {
        private readonly ActionSpace _space = new(settings, offloadOnly: false);

        public Dictionary<long, double> Predicted { get; } = [];

        public OffloadDecision[] Decide(SlotObservation observation)
        {
            var joint = (long)(random.NextDouble() * _space.JointCount(observation.Tasks.Count));
            var seconds = settings.DecisionTimeOf(Paper003Policies.QLearningName);
            var timing = StepTiming.Of(observation, settings, seconds);
            var actions = new OrchestrationAction[observation.Tasks.Count];
            _space.Decode(joint, actions);
            var responses = new double[actions.Length];
            ResponseModel.Predict(timing, actions, orchestrated: true, responses);
            for (var i = 0; i < actions.Length; i++)
            {
                Predicted[observation.Tasks[i].TaskId] = responses[i];
            }

            return OrchestrationDecisions.Of(observation, settings, _space, joint, seconds);
        }

        public void Learn(SlotFeedback feedback)
        {
        }
    }
}
