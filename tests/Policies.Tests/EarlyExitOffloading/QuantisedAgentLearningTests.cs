using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Policies.Caching;
using MecActors.Policies.EarlyExitOffloading;
using MecActors.Policies.Learning;
using Xunit;

namespace MecActors.Policies.Tests.EarlyExitOffloading;

public sealed class QuantisedAgentLearningTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Grle_training_brings_the_normalised_reward_close_to_the_exact_optimum(bool dynamics)
    {
        var points = Train("grle", dynamics);

        var first = points.Take(30).Average(p => p["loss"]);
        var last = points.TakeLast(30).ToList();
        Assert.True(last.Average(p => p["loss"]) < 0.7 * first, $"loss {first:F3} -> {last.Average(p => p["loss"]):F3}");
        Assert.True(last.Average(p => p.FollowedValue) > 0.95, $"normalised reward {last.Average(p => p.FollowedValue):F3}");
        Assert.All(points, p => Assert.InRange(p.FollowedValue, 0.0, 1.0 + 1e-9));
    }

    [Fact]
    public void Drooe_training_fits_its_critic_choices()
    {
        var points = Train("drooe", dynamics: false);

        var first = points.Take(10).Average(p => p["loss"]);
        var last = points.TakeLast(10).Average(p => p["loss"]);
        Assert.True(last < 0.5 * first, $"loss {first:F3} -> {last:F3}");
        Assert.All(points, p => Assert.InRange(p.FollowedValue, 0.0, 1.0 + 1e-9));
    }

    private static List<TrainingPoint> Train(string policy, bool dynamics)
    {
        var system = EarlyExitScenarios.System(devices: 4, slotMs: 6, dynamics: dynamics, slots: 1500);
        var agent = (ITrainablePolicy)PolicyCatalog.All.Create(policy, system, 1).Offloading;
        var points = new List<TrainingPoint>();
        agent.Updated += points.Add;

        ReferenceModel.Run(system, new PolicySet(policy, agent, new PopularityCaching(system)), 1500, 1);

        Assert.True(points.Count > 100, $"{points.Count} trainings");
        return points;
    }

    [Fact]
    public void Greedy_evaluation_decides_the_same_twice_and_never_trains()
    {
        var system = EarlyExitScenarios.System(devices: 4, slotMs: 3, dynamics: true, slots: 40);
        OffloadDecision[][] Run()
        {
            var agent = (ITrainablePolicy)PolicyCatalog.All.Create("grle", system, 2).Offloading;
            agent.Training = false;
            var updates = 0;
            agent.Updated += _ => updates++;
            var recorder = new RecordingPolicy(agent);
            ReferenceModel.Run(system, new PolicySet("grle", recorder, new PopularityCaching(system)), 40, 2);
            Assert.Equal(0, updates);
            return [.. recorder.Slots.Select(s => s.Decisions)];
        }

        var first = Run();
        var second = Run();
        Assert.Equal(first.Length, second.Length);
        for (var t = 0; t < first.Length; t++)
        {
            Assert.Equal(first[t], second[t]);
        }
    }
}
