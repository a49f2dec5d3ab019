using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Policies.Learning.JointA2C;
using MecActors.Policies.Offloading;
using Xunit;
using Xunit.Abstractions;

namespace MecActors.Policies.Tests.Learning;

/// <summary>
/// The A2C agent (paper settings), trained through the reference model on <see cref="LearningScenarios.TwoEdges"/>
/// with one model type (three exits) and the caches fixed to <see cref="FixedCaching.EdgeOneOnly"/>, against the
/// exhaustive per-slot optimum and random decisions.
/// <para>
/// Measure: the mean over the evaluation slots of the slot reward R(t) = -(1/U) sum_u [alpha D_u - beta Acc_u]
/// (alpha = beta = 1, so rewards are positive near the optimum). The agent's and random's come from the feedback
/// of their evaluation runs; the optimum's is, per slot, the largest R(t) over every joint (edge, exit) decision
/// for that slot's observation, each evaluated with <see cref="SystemView.EstimateDelaySeconds"/>, which is exact
/// here (checked below). Every run uses the same workload seed and fixed caches, and device draws never depend on
/// decisions, so all three see the same tasks. The bar is agent >= 0.95 * optimum.
/// </para>
/// </summary>
public class JointA2CLearningTests(ITestOutputHelper output)
{
    private const int TrainingSlots = 20_000;
    private const int EvaluationSlots = 200;
    private const int TrainingWorkloadSeed = 1;
    private const int EvaluationWorkloadSeed = 5;

    [Fact]
    public void Reference_delays_and_rewards_equal_the_delay_formulas_in_the_learning_scenario()
    {
        var system = LearningScenarios.TwoEdges(models: [LearningScenarios.Shape.ThreeExits, LearningScenarios.Shape.TwoExits]);
        var recorder = new RecordingPolicy(new RandomDecisions(3));

        LearningScenarios.Train(system, recorder, FixedCaching.EdgeOneOnly(system), 50, EvaluationWorkloadSeed);

        Assert.Equal(50, recorder.Feedback.Count);
        foreach (var feedback in recorder.Feedback)
        {
            var observation = feedback.Observation;
            var perEdge = new int[system.Edges];
            foreach (var d in feedback.Actions)
            {
                perEdge[d.TargetEdge]++;
            }

            for (var i = 0; i < observation.Tasks.Count; i++)
            {
                var task = observation.Tasks[i];
                var action = feedback.Actions[i];
                var edge = observation.Edges[action.TargetEdge];
                Assert.Equal(0.0, edge.BacklogSeconds);
                var expected = system.EstimateDelaySeconds(
                    task, action.TargetEdge, action.Exit, edge.Cached[task.ModelId], perEdge[action.TargetEdge], observation.Queues);
                Assert.Equal(expected, feedback.Records[i].DelayS, 9);
            }

            Assert.Equal(LearningScenarios.FormulaReward(observation, feedback.Actions), system.Scenario.Objective.Reward(feedback.Records), 9);
        }

        // Remote edges, misses and shared edges all occurred, so each term of the formula was exercised.
        var records = recorder.Feedback.SelectMany(f => f.Records).ToList();
        Assert.Contains(records, r => !r.CacheHit);
        Assert.Contains(records, r => r.TargetEdge != r.LocalEdge);
        Assert.Contains(records, r => r.CacheHit && r.TargetEdge != r.LocalEdge);
    }

    [Fact]
    public void A2C_learns_to_offload_to_the_caching_edge_with_the_best_exit_and_reaches_the_exhaustive_optimum()
    {
        var system = LearningScenarios.TwoEdges();
        var agent = new JointA2CAgent(system, LearnedParts.Joint, A2CSettings.Paper, 11);
        LearningScenarios.Train(system, agent, FixedCaching.EdgeOneOnly(system), TrainingSlots, TrainingWorkloadSeed);

        agent.Training = false;
        var trained = Evaluate(system, agent);
        var random = Evaluate(system, new RandomDecisions(11));
        var ranked = trained.Observations.Select(LearningScenarios.RankedRewards).ToList();
        var optimal = ranked.Average(r => r.Best);
        var runnerUp = ranked.Average(r => r.RunnerUp);

        output.WriteLine($"mean R(t) over {EvaluationSlots} slots: agent {trained.Reward:F4}, optimum {optimal:F4} (runner-up {runnerUp:F4}), random {random.Reward:F4}");
        Assert.True(optimal > 0, $"optimum {optimal}");
        Assert.True(trained.Reward > random.Reward, $"agent {trained.Reward} vs random {random.Reward}");
        Assert.True(trained.Reward >= 0.95 * optimal, $"agent {trained.Reward} vs optimum {optimal}");

        // Every slot is the same here, so the bar is only met by the optimal joint decision itself.
        Assert.True(runnerUp < 0.95 * optimal, $"runner-up {runnerUp} vs optimum {optimal}");
        Assert.All(trained.Decisions.SelectMany(d => d), d => Assert.Equal(new OffloadDecision(1, 2), d));
    }

    private static (double Reward, List<SlotObservation> Observations, List<OffloadDecision[]> Decisions) Evaluate(SystemView system, IOffloadingPolicy policy)
    {
        var recorder = new RecordingPolicy(policy);
        ReferenceModel.Run(system, new PolicySet("evaluate", recorder, FixedCaching.EdgeOneOnly(system)), EvaluationSlots, EvaluationWorkloadSeed);
        Assert.Equal(EvaluationSlots, recorder.Feedback.Count);
        return (recorder.Feedback.Average(f => system.Scenario.Objective.Reward(f.Records)), recorder.Observations, recorder.Decisions);
    }
}
