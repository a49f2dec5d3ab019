using MecActors.Policies.Learning;
using MecActors.Policies.Learning.JointA2C;
using Xunit;

namespace MecActors.Policies.Tests.Learning;

public class JointA2CRunResetTests
{
    [Fact]
    public void The_same_agent_trains_through_consecutive_runs_whose_slots_restart()
    {
        var system = LearningScenarios.TwoEdges(models: [LearningScenarios.Shape.ThreeExits, LearningScenarios.Shape.TwoExits]);
        var agent = new JointA2CAgent(system, LearnedParts.Joint, A2CSettings.Paper, 6);
        var runs = new List<List<TrainingPoint>>();
        agent.Updated += p => runs[^1].Add(p);
        var caching = FixedCaching.EdgeOneOnly(system);

        runs.Add(new List<TrainingPoint>());
        LearningScenarios.Train(system, agent, caching, 503, 1);
        var afterFirst = Weights(agent);
        runs.Add(new List<TrainingPoint>());
        var second = LearningScenarios.Train(system, agent, caching, 503, 2);
        var afterSecond = Weights(agent);

        Assert.Equal(503 * system.Scenario.DeviceCount, second.Records.Count);
        var nSteps = A2CSettings.Paper.NSteps;
        foreach (var points in runs)
        {
            // Each run's first update covers its own slots 1..n (the 3 steps left over from the previous run are dropped).
            Assert.Equal(502 / nSteps, points.Count);
            Assert.Equal(Enumerable.Range(1, points.Count).Select(k => k * nSteps), points.Select(p => p.Slot));
            Assert.All(points, p => Assert.True(double.IsFinite(p["policyLoss"]) && double.IsFinite(p["valueLoss"]), p.ToString()));
        }

        Assert.NotEqual(afterFirst, afterSecond);
    }

    [Fact]
    public void Training_over_two_runs_keeps_improving_the_agent()
    {
        var system = LearningScenarios.TwoEdges();
        var agent = new JointA2CAgent(system, LearnedParts.Joint, A2CSettings.Paper, 11);
        var rewards = new List<double>();
        agent.Updated += p => rewards.Add(p["reward"]);
        var caching = FixedCaching.EdgeOneOnly(system);

        LearningScenarios.Train(system, agent, caching, 1_000, 1);
        var firstRun = rewards.ToList();
        rewards.Clear();
        LearningScenarios.Train(system, agent, caching, 1_000, 1);

        // The second run starts from what the first learnt, not from scratch.
        Assert.True(rewards.Take(20).Average() > firstRun.Take(20).Average() + 0.5, $"{rewards.Take(20).Average()} vs {firstRun.Take(20).Average()}");
        Assert.True(rewards.TakeLast(100).Average() >= firstRun.TakeLast(100).Average() - 0.05, $"{rewards.TakeLast(100).Average()} vs {firstRun.TakeLast(100).Average()}");
    }

    private static List<double[]> Weights(JointA2CAgent agent) => agent.Parameters.Select(p => p.Value.ToColumnMajorArray()).ToList();
}
