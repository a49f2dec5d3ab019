using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Policies.Caching;
using MecActors.Policies.Learning;
using MecActors.Policies.Orchestration;
using Xunit;

namespace MecActors.Policies.Tests.Orchestration;

public sealed class AgentTests
{
    [Theory]
    [InlineData("max")]
    [InlineData("0.85")]
    [InlineData("min")]
    public void Brute_force_takes_the_joint_action_whose_emulated_step_pays_best(string threshold)
    {
        var system = OrchestrationScenarios.System("orchestration-b.conf", 2, ("orchestration.threshold", threshold));
        var settings = OrchestrationSettings.Of(system);
        var space = new ActionSpace(settings, offloadOnly: false);
        var best = double.NegativeInfinity;
        for (var joint = 0L; joint < space.JointCount(2); joint++)
        {
            var run = ReferenceModel.Run(system, new PolicySet("fixed", new FixedJoint(settings, space, joint), new PopularityCaching(system)), 1, 1);
            best = Math.Max(best, MeasuredReward.Of(run.Records, settings.Threshold, system.Scenario.SlotSeconds));
        }

        var chooser = new RecordingRewards(system, new BruteForceOrchestration(system, space, Paper003Policies.BruteForceName));
        ReferenceModel.Run(system, new PolicySet("brute-force", chooser, new PopularityCaching(system)), 1, 1);
        Assert.Equal(best, chooser.Rewards.Single(), 12);
    }

    [Theory]
    [InlineData(1, "max")]
    [InlineData(2, "max")]
    [InlineData(2, "0.85")]
    [InlineData(2, "min")]
    public void Q_learning_converges_to_the_brute_force_decisions(int users, string threshold)
    {
        var system = OrchestrationScenarios.System("orchestration-c.conf", users, ("orchestration.threshold", threshold), ("slots", "400"));
        var space = new ActionSpace(OrchestrationSettings.Of(system), offloadOnly: false);
        var agent = new QLearningOrchestration(system, space, Paper003Policies.QLearningName, 1);
        ReferenceModel.Run(system, new PolicySet("train", agent, new PopularityCaching(system)), 400, 1);

        AssertGreedyIsOptimal(system, space, agent);
    }

    [Fact]
    public void Offloading_only_q_learning_keeps_the_most_accurate_variant_and_is_optimal_among_placements()
    {
        var system = OrchestrationScenarios.System("orchestration-d.conf", 3, ("orchestration.threshold", "min"), ("slots", "200"));
        var space = new ActionSpace(OrchestrationSettings.Of(system), offloadOnly: true);
        Assert.Equal(3, space.Count);
        var agent = new QLearningOrchestration(system, space, Paper003Policies.OffloadOnlyRlName, 1);
        ReferenceModel.Run(system, new PolicySet("train", agent, new PopularityCaching(system)), 200, 1);

        AssertGreedyIsOptimal(system, space, agent);
    }

    [Theory]
    [InlineData("joint-output", "adam")]
    [InlineData("joint-output", "lazy-adam")]
    [InlineData("state-action", "adam")]
    public void Deep_q_learning_converges_to_the_brute_force_decisions_on_two_users(string network, string outputOptimizer)
    {
        var system = OrchestrationScenarios.System(
            "orchestration.conf",
            2,
            ("orchestration.threshold", "0.85"),
            ("slots", "1500"),
            ("orchestration.dqn.network", network),
            ("orchestration.dqn.output-optimizer", outputOptimizer));
        var space = new ActionSpace(OrchestrationSettings.Of(system), offloadOnly: false);
        var agent = new DqnOrchestration(system, space, Paper003Policies.DqnName, 1);
        ReferenceModel.Run(system, new PolicySet("train", agent, new PopularityCaching(system)), 1500, 1);

        AssertGreedyIsOptimal(system, space, agent);
    }

    [Theory]
    [InlineData(Paper003Policies.QLearningName, "joint-output")]
    [InlineData(Paper003Policies.DqnName, "joint-output")]
    [InlineData(Paper003Policies.DqnName, "state-action")]
    [InlineData(Paper003Policies.BruteForceName, "joint-output")]
    public void The_same_seed_trains_into_the_same_decisions(string name, string network)
    {
        var system = OrchestrationScenarios.System("orchestration-b.conf", 2, ("slots", "60"), ("orchestration.dqn.network", network));

        List<OffloadDecision> Train(int seed)
        {
            var set = PolicyCatalog.All.Create(name, system, seed);
            var recorder = new RecordingRewards(system, set.Offloading);
            ReferenceModel.Run(system, set with { Offloading = recorder }, 60, 1);
            return recorder.Decisions;
        }

        Assert.Equal(Train(4), Train(4));
    }

    /// <summary>
    /// A step's training needs the next step's state, so it waits in <c>Decide</c> for <c>Settle</c> (a live driver
    /// calls it once the plans have gone out); settled then or at the agent's next call, it trains the same weights.
    /// </summary>
    [Theory]
    [InlineData("joint-output")]
    [InlineData("state-action")]
    public void Deep_q_learning_trains_on_the_step_before_at_settle_into_the_same_weights_as_at_its_next_call(string network)
    {
        var system = OrchestrationScenarios.System("orchestration-b.conf", 2, ("slots", "80"), ("orchestration.dqn.network", network));
        var space = new ActionSpace(OrchestrationSettings.Of(system), offloadOnly: false);

        byte[] Train(bool settle, List<int> trainedAtDecide)
        {
            var agent = new DqnOrchestration(system, space, Paper003Policies.DqnName, 3);
            var updates = 0;
            agent.Updated += _ => updates++;
            var driver = new SettlingDriver(agent, settle, () => updates, trainedAtDecide);
            ReferenceModel.Run(system, new PolicySet("train", driver, new PopularityCaching(system)), 80, 1);
            var path = Path.GetTempFileName();
            try
            {
                agent.Save(path);
                Assert.True(updates >= 70, $"{updates} training steps in 80 slots");
                return File.ReadAllBytes(path);
            }
            finally
            {
                File.Delete(path);
            }
        }

        var atDecide = new List<int>();
        var settled = Train(settle: true, atDecide);
        Assert.All(atDecide, trained => Assert.Equal(0, trained));
        var unsettled = Train(settle: false, []);
        Assert.Equal(settled, unsettled);
    }

    /// <summary>Calls <c>Settle</c> after every decision when asked, noting how many training steps each <c>Decide</c> itself ran.</summary>
    private sealed class SettlingDriver(DqnOrchestration agent, bool settle, Func<int> updates, List<int> trainedAtDecide) : IOffloadingPolicy
    {
        public OffloadDecision[] Decide(SlotObservation observation)
        {
            var before = updates();
            var decisions = agent.Decide(observation);
            trainedAtDecide.Add(updates() - before);
            if (settle)
            {
                agent.Settle();
            }

            return decisions;
        }

        public void Learn(SlotFeedback feedback) => agent.Learn(feedback);
    }

    [Fact]
    public void A_saved_q_table_loads_into_the_same_greedy_decisions()
    {
        var system = OrchestrationScenarios.System("orchestration.conf", 2, ("slots", "150"));
        var space = new ActionSpace(OrchestrationSettings.Of(system), offloadOnly: false);
        var trained = new QLearningOrchestration(system, space, Paper003Policies.QLearningName, 1);
        ReferenceModel.Run(system, new PolicySet("train", trained, new PopularityCaching(system)), 150, 1);
        var path = Path.GetTempFileName();
        try
        {
            trained.Save(path);
            var loaded = new QLearningOrchestration(system, space, Paper003Policies.QLearningName, 2);
            loaded.Load(path);
            Assert.Equal(GreedyDecisions(system, trained), GreedyDecisions(system, loaded));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The agent, acting greedily on fresh steps, earns brute-force's reward in every one: its decisions are optimal (devices
    /// alike in every respect may swap theirs, a tie brute-force breaks by the lowest joint index).
    /// </summary>
    private static void AssertGreedyIsOptimal(SystemView system, ActionSpace space, ITrainablePolicy agent)
    {
        agent.Training = false;
        var greedy = new RecordingRewards(system, agent);
        ReferenceModel.Run(system, new PolicySet("greedy", greedy, new PopularityCaching(system)), 5, 2);
        var optimum = new RecordingRewards(system, new BruteForceOrchestration(system, space, Paper003Policies.BruteForceName));
        ReferenceModel.Run(system, new PolicySet("optimum", optimum, new PopularityCaching(system)), 5, 2);
        Assert.Equal(5, greedy.Rewards.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(optimum.Rewards[i], greedy.Rewards[i], 12);
        }
    }

    private static List<OffloadDecision> GreedyDecisions(SystemView system, ITrainablePolicy agent)
    {
        agent.Training = false;
        var recorder = new RecordingRewards(system, agent);
        ReferenceModel.Run(system, new PolicySet("greedy", recorder, new PopularityCaching(system)), 5, 2);
        return recorder.Decisions;
    }
}
