using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Policies.Caching;
using MecActors.Policies.Learning;
using MecActors.Policies.Orchestration;
using Xunit;

namespace MecActors.Policies.Tests.Orchestration;

/// <summary>Paper 003's policies under orchestration-dynamics.conf: users who come and go, links that switch, background loads.</summary>
public sealed class DynamicsAgentTests
{
    private const string File = "orchestration-dynamics.conf";

    /// <summary>Users and links only: every state then fixes its step's times, so an agent has an optimum to learn.</summary>
    private static readonly (string, string)[] UsersAndLinks =
    [
        ("dynamics.device-availability", "[1, 1]"),
        ("dynamics.edge-availability", "[1, 1]"),
        ("dynamics.cloud-availability", "[1, 1]"),
        ("dynamics.memory-load", "[0, 0]"),
    ];

    [Theory]
    [InlineData("device-only")]
    [InlineData("edge-only")]
    [InlineData("cloud-only")]
    [InlineData(Paper003Policies.BruteForceName)]
    [InlineData(Paper003Policies.QLearningName)]
    [InlineData(Paper003Policies.OffloadOnlyRlName)]
    [InlineData(Paper003Policies.DqnName)]
    public void Every_policy_decides_for_the_active_devices_only_and_the_same_seed_decides_the_same(string name)
    {
        var system = OrchestrationScenarios.System(File, 3, ("slots", "60"));

        (List<OffloadDecision> Decisions, Core.Metrics.PolicyRun Run) Decide(int seed)
        {
            var set = PolicyCatalog.All.Create(name, system, seed);
            var recorder = new RecordingRewards(system, set.Offloading);
            var run = ReferenceModel.Run(system, set with { Offloading = recorder }, 60, 1);
            Assert.All(recorder.Observations, o => Assert.InRange(o.Tasks.Count, 1, 3));
            return (recorder.Decisions, run);
        }

        var (decisions, run) = Decide(4);
        Assert.Contains(run.Records.GroupBy(r => r.Slot), step => step.Count() < 3);
        Assert.Equal(run.Records.Count, decisions.Count);
        Assert.All(run.Records, r => Assert.Equal(TaskOutcome.Completed, r.Outcome));
        Assert.Equal(decisions, Decide(4).Decisions);
    }

    [Fact]
    public void Brute_force_on_a_step_with_two_of_three_devices_active_takes_the_best_of_their_hundred_joint_actions()
    {
        var system = OrchestrationScenarios.System(File, 3, ("orchestration.threshold", "0.85"));
        var settings = OrchestrationSettings.Of(system);
        var space = new ActionSpace(settings, offloadOnly: false);
        var chooser = new RecordingRewards(system, new BruteForceOrchestration(system, space, Paper003Policies.BruteForceName));
        ReferenceModel.Run(system, new PolicySet("brute-force", chooser, new PopularityCaching(system)), 40, 1);
        var step = chooser.Observations.First(o => o.Tasks.Count == 2);
        var chosen = chooser.Rewards[chooser.RewardedSlots.IndexOf(step.Slot)];

        // Independently: the step emulated once per joint action of its two devices, every earlier step on the devices.
        var measured = new double[space.JointCount(2)];
        for (var joint = 0L; joint < measured.Length; joint++)
        {
            var only = new RecordingRewards(system, new JointAtSlot(settings, space, step.Slot, joint));
            ReferenceModel.Run(system, new PolicySet("joint", only, new PopularityCaching(system)), step.Slot, 1);
            measured[joint] = only.Rewards[only.RewardedSlots.IndexOf(step.Slot)];
        }

        Assert.Equal(100, measured.Length);
        Assert.Equal(measured.Max(), chosen, 12);
        Assert.True(measured.Distinct().Count() > 10, "the joint actions should not all pay the same");
    }

    [Fact]
    public void Q_learning_learns_the_optimum_of_every_state_with_users_and_links_changing()
    {
        var system = OrchestrationScenarios.System(
            File,
            2,
            [
                .. UsersAndLinks,
                ("dynamics.users.join-probability", "0.7"),
                ("dynamics.users.leave-probability", "0.3"),
                ("dynamics.links.to-weak-probability", "0.5"),
                ("dynamics.links.to-regular-probability", "0.5"),
                ("orchestration.threshold", "0.85"),
            ]);
        var settings = OrchestrationSettings.Of(system);
        var space = new ActionSpace(settings, offloadOnly: false);
        var agent = new QLearningOrchestration(system, space, Paper003Policies.QLearningName, 1);
        var training = new RecordingRewards(system, agent);
        ReferenceModel.Run(system, new PolicySet("train", training, new PopularityCaching(system)), 5000, 1);

        // Active sets {S1}, {S2}, {S1, S2}, each active device's link and the edge's: 16 states.
        Assert.Equal(16, agent.States);
        Assert.Equal(16, training.Observations.Select(o => ResourceState.Of(o, settings).Key).Distinct().Count());
        agent.Training = false;
        var greedy = new RecordingRewards(system, agent);
        ReferenceModel.Run(system, new PolicySet("greedy", greedy, new PopularityCaching(system)), 60, 2);
        var optimum = new RecordingRewards(system, new BruteForceOrchestration(system, space, Paper003Policies.BruteForceName));
        ReferenceModel.Run(system, new PolicySet("optimum", optimum, new PopularityCaching(system)), 60, 2);
        Assert.Equal(optimum.RewardedSlots, greedy.RewardedSlots);
        Assert.True(greedy.Observations.Select(o => ResourceState.Of(o, settings).Key).Distinct().Count() >= 8, "the evaluation should meet many states");
        for (var i = 0; i < optimum.Rewards.Count; i++)
        {
            Assert.Equal(optimum.Rewards[i], greedy.Rewards[i], 12);
        }
    }

    [Fact]
    public void The_deep_agent_chooses_among_the_active_devices_actions_only()
    {
        var system = OrchestrationScenarios.System(File, 3, [.. UsersAndLinks, ("slots", "80")]);
        var settings = OrchestrationSettings.Of(system);
        var space = new ActionSpace(settings, offloadOnly: false);
        var agent = new DqnOrchestration(system, space, Paper003Policies.DqnName, 1);
        var training = new RecordingRewards(system, agent);
        ReferenceModel.Run(system, new PolicySet("train", training, new PopularityCaching(system)), 80, 1);

        var features = new double[ResourceState.FeatureCount(3)];
        foreach (var observation in training.Observations)
        {
            ResourceState.Of(observation, settings).Features(features);
            Assert.InRange(agent.Greedy(features), 0, space.JointCount(observation.Tasks.Count) - 1);
        }

        Assert.Contains(training.Observations, o => o.Tasks.Count == 1);
    }

    [Fact]
    public void The_monitors_see_the_background_load_memory_and_links_of_each_step()
    {
        var system = OrchestrationScenarios.System(File, 5);
        var settings = OrchestrationSettings.Of(system);
        var recorder = new RecordingRewards(system, PolicyCatalog.All.Create("device-only", system, 1).Offloading);
        ReferenceModel.Run(system, new PolicySet("device-only", recorder, new PopularityCaching(system)), 300, 1);

        var server = 5 * 4;
        var cloudLevels = new HashSet<int>();
        var edgeLevels = new HashSet<int>();
        var busyDevices = 0;
        var busyMemories = 0;
        var weakEdges = 0;
        foreach (var observation in recorder.Observations)
        {
            var values = ResourceState.Of(observation, settings).Values;
            var monitored = observation.Monitored;
            foreach (var task in observation.Tasks)
            {
                var at = ResourceState.ActiveIndex(task.Device);
                Assert.Equal(1, values[at]);
                Assert.Equal(1.0 - monitored.DeviceAvailable(task.Device) >= 0.5 ? 1 : 0, values[at + 1]);
                Assert.Equal(monitored.DeviceMemory(task.Device) >= 0.5 ? 1 : 0, values[at + 2]);
                Assert.Equal(task.UplinkRateBps < settings.RegularBps ? 1 : 0, values[at + 3]);
                busyDevices += values[at + 1];
                busyMemories += values[at + 2];
            }

            Assert.Equal(Math.Min(8, (int)((1.0 - monitored.CloudAvailability) * 9)), values[server + 3]);
            cloudLevels.Add(values[server + 3]);
            edgeLevels.Add(values[server]);
            weakEdges += values[server + 2];
        }

        // A load up to 60% (device) or 50% (edge, cloud) and memory up to 60%: every level below 5 and both bits show up.
        Assert.Equal([0, 1, 2, 3, 4], cloudLevels.Order());
        Assert.Equal([0, 1, 2, 3, 4], edgeLevels.Order());
        Assert.InRange(busyDevices, 1, recorder.Observations.Sum(o => o.Tasks.Count) / 3);
        Assert.True(busyMemories > 0);
        Assert.InRange(weakEdges, 30, 120);
    }

    [Theory]
    [InlineData("orchestration.conf")]
    [InlineData("orchestration-d.conf")]
    [InlineData(File)]
    public void The_update_after_each_inference_occupies_the_links_to_the_cloud_but_not_the_response(string file)
    {
        var off = OrchestrationScenarios.System(file, 5);
        var on = OrchestrationScenarios.System(file, 5, ("orchestration.charge-update", "on"));
        var settings = OrchestrationSettings.Of(on);
        var space = new ActionSpace(settings, offloadOnly: false);

        Core.Metrics.PolicyRun Run(SystemView system)
        {
            var traced = new SystemView(system.Scenario) { TracesTasks = true };
            return ReferenceModel.Run(traced, new PolicySet("fixed", new FixedJoint(OrchestrationSettings.Of(traced), space, 12345), new PopularityCaching(traced)), 20, 1);
        }

        var without = Run(off);
        var with = Run(on);
        Assert.Equal(without.Records.Count, with.Records.Count);
        for (var i = 0; i < with.Records.Count; i++)
        {
            var (a, b) = (without.Records[i], with.Records[i]);
            Assert.Equal(a.End, b.End);
            Assert.Equal((a.TransmissionS, a.QueueingS, a.ComputeS, a.Outcome), (b.TransmissionS, b.QueueingS, b.ComputeS, b.Outcome));

            // The update leaves the device once the result is in: over its link, then the edge's link to the cloud.
            var update = b.Stages!.Skip(a.Stages!.Length).ToArray();
            Assert.Equal([ResourceKind.Wireless, ResourceKind.CloudUplink], update.Select(s => s.Resource.Kind));
            Assert.True(update[0].Start >= b.End, $"task {b.TaskId}: the update starts at {update[0].Start}, before the response ends at {b.End}");
            var task = with.Records[i];
            Assert.Equal(settings.UpdateBits / RateOf(on, task), update[0].End - update[0].Start, 12);
            Assert.True(b.EnergyJ > a.EnergyJ);
        }
    }

    private static double RateOf(SystemView system, TaskRecord record) =>
        new Core.Workload.DeviceWorkload(system.Scenario, record.Device, 1).Generate(record.Slot, [1.0]) is [var request] ? request.UplinkRateBps : double.NaN;

    /// <summary>Every device runs the most accurate variant locally, but in slot <paramref name="slot"/>, which takes joint action <paramref name="joint"/>.</summary>
    private sealed class JointAtSlot(OrchestrationSettings settings, ActionSpace space, int slot, long joint) : IOffloadingPolicy
    {
        public OffloadDecision[] Decide(SlotObservation observation) =>
            OrchestrationDecisions.Of(observation, settings, space, observation.Slot == slot ? joint : 0, 0);

        public void Learn(SlotFeedback feedback)
        {
        }
    }
}
