using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Policies.Learning;
using MecActors.Policies.Lymdo;
using Xunit;

namespace MecActors.Policies.Tests.Lymdo;

public class LymdoAgentTests
{
    /// <summary>Counts the slots with frames in which the agent's points equal the exhaustive search's in the same state.</summary>
    private sealed class Matching(LymdoAgent agent) : IOffloadingPolicy
    {
        public int Slots { get; private set; }

        public int Matches { get; private set; }

        public List<double[]> Queues { get; } = [];

        public OffloadDecision[] Decide(SlotObservation observation)
        {
            var slot = agent.Slot.SlotOf(observation);
            var expected = slot.Exhaustive();
            var decisions = agent.Decide(observation);
            Queues.Add([.. agent.Slot.Queues.Backlog]);
            if (slot.Active.Count > 0)
            {
                Slots++;
                Matches += slot.SameForActive([.. agent.Slot.LastPoints], expected) ? 1 : 0;
            }

            return decisions;
        }

        public void Learn(SlotFeedback feedback) => agent.Learn(feedback);

        public double Rate => Matches / (double)Slots;
    }

    private static SystemView TwoUes() =>
        LymdoScenario.System(LymdoScenario.Config().WithOverride("devices.count", "2").WithOverride("edges.bandwidth-mhz", "0.4"));

    private static double HeldOutMatch(SystemView system, LymdoAgent agent)
    {
        agent.Training = false;
        var matching = new Matching(agent);
        var held = new SystemView(system.Scenario with { Episode = 1_000_001 });
        ReferenceModel.Run(held, new PolicySet("check", matching, new Caching.PopularityCaching(held)), 300, 1);
        return matching.Rate;
    }

    [Fact]
    public void Training_brings_the_agents_partition_points_to_the_exhaustive_searchs_on_a_held_out_episode()
    {
        var system = TwoUes();
        var untrained = (LymdoAgent)PolicyCatalog.All.Create(LymdoPolicies.LymdoName, system, 3).Offloading;
        var before = HeldOutMatch(system, untrained);

        var set = PolicyCatalog.All.Create(LymdoPolicies.LymdoName, system, 3);
        var agent = (LymdoAgent)set.Offloading;
        var rates = new List<double>();
        agent.Updated += point => rates.Add(point["matchRate"]);
        for (var episode = 1; episode <= 6; episode++)
        {
            var training = new SystemView(system.Scenario with { Episode = episode });
            ReferenceModel.Run(training, set, 1000, 3);
        }

        var after = HeldOutMatch(system, (LymdoAgent)Fresh(system, agent, 99));

        Assert.True(after >= 0.9, $"held-out match {after:P1} after training (untrained {before:P1})");
        Assert.True(after > before + 0.1, $"untrained {before:P1}, trained {after:P1}");
        Assert.True(rates.Skip(rates.Count - 50).Average() > rates.Take(50).Average(), "the training curve's match rate rises");
    }

    [Fact]
    public void A_checkpoint_gives_the_same_decisions_whatever_the_network_it_is_loaded_into_was_initialised_with()
    {
        var system = TwoUes();
        var set = PolicyCatalog.All.Create(LymdoPolicies.LymdoName, system, 5);
        ReferenceModel.Run(system, set, 300, 5);
        var agent = (ITrainablePolicy)set.Offloading;
        var held = new SystemView(system.Scenario with { Episode = 1_000_001 });
        PolicyRun Greedy(ITrainablePolicy policy)
        {
            policy.Training = false;
            return ReferenceModel.Run(held, set with { Offloading = policy }, 80, 5);
        }

        var first = Greedy(Fresh(system, agent, 7));
        var second = Greedy(Fresh(system, agent, 99));
        var untrained = Greedy((ITrainablePolicy)PolicyCatalog.All.Create(LymdoPolicies.LymdoName, system, 99).Offloading);

        Assert.Equal(first.Records, second.Records);
        Assert.NotEqual(first.Records, untrained.Records);
    }

    [Fact]
    public void Without_the_lyapunov_queues_the_agent_reads_every_virtual_queue_as_zero_but_still_records_its_energy()
    {
        var system = LymdoScenario.System();
        var agent = (LymdoAgent)PolicyCatalog.All.Create(LymdoPolicies.NoLyapunovName, system, 1).Offloading;
        var matching = new Matching(agent);
        var features = new List<double[]>();

        ReferenceModel.Run(system, new PolicySet("check", new Observing(agent, features, matching), new Caching.PopularityCaching(system)), 200, 1);

        Assert.All(features, f => Assert.All(Enumerable.Range(0, system.Scenario.DeviceCount), u => Assert.Equal(0.0, f[(u * LymdoAgent.FeaturesPerUe) + 4])));
        Assert.Contains(matching.Queues, q => q.Any(x => x > 0));
    }

    /// <summary>Records the agent's input each slot before the slot is decided.</summary>
    private sealed class Observing(LymdoAgent agent, List<double[]> features, IOffloadingPolicy inner) : IOffloadingPolicy
    {
        public OffloadDecision[] Decide(SlotObservation observation)
        {
            features.Add(agent.Features(agent.Slot.SlotOf(observation)));
            return inner.Decide(observation);
        }

        public void Learn(SlotFeedback feedback) => inner.Learn(feedback);
    }

    /// <summary>A new agent, its network initialised from <paramref name="seed"/>, with the trained one's checkpoint.</summary>
    private static ITrainablePolicy Fresh(SystemView system, ITrainablePolicy trained, int seed)
    {
        var fresh = (ITrainablePolicy)PolicyCatalog.All.Create(LymdoPolicies.LymdoName, system, seed).Offloading;
        CheckpointBytes.Apply(fresh, CheckpointBytes.Capture(trained));
        return fresh;
    }
}
