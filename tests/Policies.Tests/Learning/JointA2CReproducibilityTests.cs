using MecActors.Core.Decisions;
using MecActors.Policies.Learning;
using MecActors.Policies.Learning.JointA2C;
using Xunit;

namespace MecActors.Policies.Tests.Learning;

public class JointA2CReproducibilityTests
{
    private const int Slots = 2_000;
    private const int WorkloadSeed = 4;

    private static readonly LearningScenarios.Shape[] Models = [LearningScenarios.Shape.ThreeExits, LearningScenarios.Shape.TwoExits];

    [Fact]
    public void Training_twice_with_the_same_seed_gives_the_same_curve_and_the_same_decisions()
    {
        var system = LearningScenarios.TwoEdges(models: Models);

        var first = Train(system, 7);
        var second = Train(system, 7);

        Assert.Equal((Slots - 1) / A2CSettings.Paper.NSteps, first.Curve.Count);
        Assert.Equal(first.Curve, second.Curve);
        Assert.Equal(first.Decisions, second.Decisions);
    }

    [Fact]
    public void Training_with_another_seed_gives_another_curve()
    {
        var system = LearningScenarios.TwoEdges(models: Models);

        var first = Train(system, 7);
        var other = Train(system, 8);

        Assert.Equal(first.Curve.Count, other.Curve.Count);
        Assert.NotEqual(first.Curve, other.Curve);
        Assert.NotEqual(first.Curve.Select(p => p["reward"]), other.Curve.Select(p => p["reward"]));
    }

    private static (List<TrainingPoint> Curve, List<OffloadDecision> Decisions) Train(SystemView system, int seed)
    {
        var agent = new JointA2CAgent(system, LearnedParts.Joint, A2CSettings.Paper, seed);
        var curve = new List<TrainingPoint>();
        agent.Updated += curve.Add;
        LearningScenarios.Train(system, agent, FixedCaching.EdgeOneOnly(system), Slots, WorkloadSeed);

        agent.Training = false;
        var decisions = Enumerable.Range(1, 30)
            .SelectMany(slot => agent.Decide(LearningScenarios.RandomSlot(system, slot, 13, idle: 0.25)))
            .ToList();
        return (curve, decisions);
    }
}
