using MecActors.Policies.Learning;
using MecActors.Policies.Learning.JointA2C;
using Xunit;
using Xunit.Abstractions;

namespace MecActors.Policies.Tests.Learning;

/// <summary>
/// The critic's n-step targets. With one model of one exit and LearnedParts.Exit, every device has a single
/// action and every slot is the same, so each device's reward r_u is a constant and its value is the
/// discounted sum r_u / (1 - gamma): a critic bootstrapped from the next state fits its targets exactly and
/// the value loss goes to zero. Without the bootstrap the targets of one batch differ (r, r + gamma r, ...)
/// for the same state and the loss cannot go below their spread.
/// </summary>
public class JointA2CBootstrapTests(ITestOutputHelper output)
{
    [Fact]
    public void Critic_fits_the_discounted_return_when_feedback_arrives_slots_later()
    {
        // 0.1 s slots: each slot's tasks end several slots after it was decided.
        var valueLoss = FinalValueLoss(slotSeconds: 0.1);

        Assert.True(valueLoss < 1e-3, $"value loss {valueLoss}");
    }

    [Fact]
    public void Critic_fits_the_discounted_return_when_feedback_arrives_within_the_slot()
    {
        // 10 s slots: each slot's tasks end well within it.
        var valueLoss = FinalValueLoss(slotSeconds: 10.0);

        Assert.True(valueLoss < 1e-3, $"value loss {valueLoss}");
    }

    private double FinalValueLoss(double slotSeconds)
    {
        var system = LearningScenarios.TwoEdges(models: [LearningScenarios.Shape.OneExit], slotSeconds: slotSeconds);
        var agent = new JointA2CAgent(system, LearnedParts.Exit, A2CSettings.Paper, 3);
        var points = new List<TrainingPoint>();
        agent.Updated += points.Add;

        LearningScenarios.Train(system, agent, FixedCaching.Everywhere(system), 10_000, 1);

        Assert.All(points, p => Assert.True(Math.Abs(p["reward"] - points[0]["reward"]) < 1e-9, p.ToString()));
        var valueLoss = points.TakeLast(100).Average(p => p["valueLoss"]);
        output.WriteLine($"slot {slotSeconds} s: reward {points[0]["reward"]:F4}, mean value loss of the last 100 updates {valueLoss:E3}");
        return valueLoss;
    }
}
