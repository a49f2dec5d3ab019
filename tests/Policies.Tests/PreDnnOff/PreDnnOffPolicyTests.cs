using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Policies.PreDnnOff;
using Xunit;

namespace MecActors.Policies.Tests.PreDnnOff;

public class PreDnnOffPolicyTests
{
    [Fact]
    public void A_task_takes_the_first_exit_that_reaches_its_requirement_and_the_best_when_none_does()
    {
        var model = PreDnnOffScenario.Model(PreDnnOffScenario.System());
        var exits = model.Exits;

        Assert.Equal(0, exits.ExitFor(0.1));
        Assert.Equal(0, exits.ExitFor(0.524));
        Assert.Equal(1, exits.ExitFor(0.525));
        Assert.Equal(2, exits.ExitFor(0.625));
        Assert.Equal(4, exits.ExitFor(0.99));
        Assert.Equal(1.0, exits.Probabilities.Sum(), 1e-12);

        // eq. (4.8) under N(0.625, 0.053): P(exit 3) = Phi((0.654 - 0.625) / 0.053) - Phi((0.589 - 0.625) / 0.053).
        Assert.Equal(0.70789 - 0.24852, exits.Probabilities[2], 1e-4);
    }

    [Fact]
    public void The_expected_latency_adds_execution_transfers_and_the_return_to_the_device()
    {
        var model = PreDnnOffScenario.Model(PreDnnOffScenario.System());
        var profile = model.Profile;
        var edge = model.AllOn(1);

        // Everything at the edge: the input up, every layer of the exit's chain at the edge, its 40-byte output down, parsing.
        for (var k = 0; k < profile.Exits.Count; k++)
        {
            var path = profile.PathTo(k);
            var expected = profile.InputBytes * 8 / model.WirelessBps + path.Sum(l => model.ExecutionSeconds(l, 1)) + 40 * 8 / model.WirelessBps + model.ParsingSeconds;
            Assert.Equal(expected, model.ExitSeconds(edge, k), 1e-12);
        }

        // conv1 alone on the device: its 131,072-byte output crosses the link instead of the 12,288-byte input.
        var split = model.AllOn(1);
        split[0] = 0;
        var difference = model.ExitSeconds(split, 4) - model.ExitSeconds(edge, 4);
        Assert.Equal(model.ExecutionSeconds(0, 0) - model.ExecutionSeconds(0, 1) + (131072 - 12288) * 8 / model.WirelessBps, difference, 1e-12);
    }

    [Fact]
    public void The_pieces_of_a_decision_carry_the_chains_layer_times_as_cycles_and_the_outputs_between_nodes()
    {
        var system = PreDnnOffScenario.System();
        var model = PreDnnOffScenario.Model(system);
        var placement = model.AllOn(1);
        placement[0] = 0;
        placement[1] = 0;
        var task = new Core.Workload.TaskRequest(0, 1, 0, 0, 0, 12288 * 8, 1, 1, 74e6, 0, 20, MinAccuracy: 0.6);

        var decision = LayerPlacementPolicy.DecisionFor(model, system, task, 0, placement);

        Assert.Equal(3, decision.Exit);
        var pieces = decision.Pieces!;
        var path = model.Profile.PathTo(2);
        Assert.Equal([NodeKind.Device, NodeKind.Edge, NodeKind.Device], pieces.Select(p => p.Node));
        Assert.Equal((model.ExecutionSeconds(0, 0) + model.ExecutionSeconds(1, 0)) * system.CoreHz(NodeKind.Device, 0), pieces[0].Cycles, 1e-3);
        Assert.Equal(131072 * 8, pieces[0].OutputBits);
        Assert.Equal(path.Skip(2).Sum(l => model.ExecutionSeconds(l, 1)) * system.CoreHz(NodeKind.Edge, 0), pieces[1].Cycles, 1e-3);
        Assert.Equal(40 * 8, pieces[1].OutputBits);
        Assert.Equal(model.ParsingSeconds * system.CoreHz(NodeKind.Device, 0), pieces[2].Cycles, 1e-3);
    }

    [Theory]
    [InlineData(PreDnnOffPolicies.ExactName)]
    [InlineData(PreDnnOffPolicies.EdgentName)]
    [InlineData(PreDnnOffPolicies.GeneticName)]
    public void With_one_device_and_an_idle_edge_the_emulated_mean_latency_is_the_expected_latency(string name)
    {
        // 3,000 tasks (the reproduction runs 10,000): the mean of the exits' latencies over the drawn requirements has a
        // standard error of about 0.3% here, so 1% is over three standard errors.
        var system = PreDnnOffScenario.System();
        var policies = PolicyCatalog.All.Create(name, system, 1);
        var expected = ((IExpectedDelay)policies.Offloading).ExpectedDelaySeconds;

        var run = ReferenceModel.Run(system, policies, 3000, 1);

        Assert.Equal(3000, run.Records.Count);
        var emulated = run.Records.Average(r => r.DelayS);
        Assert.InRange(emulated / expected, 0.99, 1.01);
    }

    [Theory]
    [InlineData(PreDnnOffPolicies.ExactName, true)]
    [InlineData(PreDnnOffPolicies.GeneticName, true)]
    [InlineData(PreDnnOffPolicies.EdgentName, false)]
    public void With_the_cloud_and_an_idle_system_the_emulated_mean_latency_is_the_expected_latency(string name, bool usesCloud)
    {
        // As without the cloud: 3,000 tasks, a standard error of about 0.3% of the mean, so 1% is over three standard
        // errors; the cloud's pieces cross the radio, the cloud uplink and the backhaul of the scenario's cloud section.
        var system = PreDnnOffScenario.System(PreDnnOffScenario.CloudConfig());
        var policies = PolicyCatalog.All.Create(name, system, 1);
        var policy = (LayerPlacementPolicy)policies.Offloading;

        var run = ReferenceModel.Run(system, policies, 3000, 1);

        Assert.Equal(usesCloud, policy.Placement.Contains(LayerLatencyModel.Cloud));
        Assert.Equal(3000, run.Records.Count);
        var emulated = run.Records.Average(r => r.DelayS);
        Assert.InRange(emulated / policy.ExpectedDelaySeconds, 0.99, 1.01);
    }

    [Fact]
    public void With_the_cloud_the_queue_aware_solver_decides_every_task_and_the_same_seed_gives_the_same_run()
    {
        var cloud = PreDnnOffScenario.System(PreDnnOffScenario.CloudConfig());
        var system = new SystemView(cloud.Scenario with { Devices = new DeviceSpec(3, DeviceAssignment.RoundRobin) });

        var first = ReferenceModel.Run(system, PolicyCatalog.All.Create(PreDnnOffPolicies.QueueAwareName, system, 4), 30, 4);
        var second = ReferenceModel.Run(system, PolicyCatalog.All.Create(PreDnnOffPolicies.QueueAwareName, system, 4), 30, 4);

        Assert.Equal(90, first.Records.Count);
        Assert.Equal(first.Records, second.Records);
    }

    [Fact]
    public void With_the_cloud_the_exact_placement_is_faster_than_without_it()
    {
        double Expected(SystemView system) => ((IExpectedDelay)PolicyCatalog.All.Create(PreDnnOffPolicies.ExactName, system, 1).Offloading).ExpectedDelaySeconds;

        var withCloud = Expected(PreDnnOffScenario.System(PreDnnOffScenario.CloudConfig()));
        var withoutCloud = Expected(PreDnnOffScenario.System());

        Assert.True(withCloud < withoutCloud, $"{withCloud} s with the cloud, {withoutCloud} s without");
    }

    [Theory]
    [InlineData(PreDnnOffPolicies.ExactName)]
    [InlineData(PreDnnOffPolicies.GeneticName)]
    [InlineData(PreDnnOffPolicies.EdgentName)]
    [InlineData(PreDnnOffPolicies.DeviceOnlyName)]
    [InlineData(PreDnnOffPolicies.EdgeOnlyName)]
    [InlineData(PreDnnOffPolicies.QueueAwareName)]
    public void Every_policy_decides_every_task_within_C2_and_the_same_seed_gives_the_same_run(string name)
    {
        var system = new SystemView(PreDnnOffScenario.System().Scenario with { Devices = new DeviceSpec(3, DeviceAssignment.RoundRobin) });

        var first = ReferenceModel.Run(system, PolicyCatalog.All.Create(name, system, 4), 30, 4);
        var second = ReferenceModel.Run(system, PolicyCatalog.All.Create(name, system, 4), 30, 4);

        Assert.Equal(90, first.Records.Count);
        Assert.All(first.Records, r => Assert.InRange(r.Exit, 1, 5));
        Assert.Equal(first.Records, second.Records);
    }

    [Fact]
    public void The_exact_solver_is_never_worse_than_edgent_the_ga_or_a_fixed_placement()
    {
        var system = PreDnnOffScenario.System();
        double Expected(string name) => ((IExpectedDelay)PolicyCatalog.All.Create(name, system, 1).Offloading).ExpectedDelaySeconds;

        var exact = Expected(PreDnnOffPolicies.ExactName);

        Assert.All(
            new[] { PreDnnOffPolicies.EdgentName, PreDnnOffPolicies.GeneticName, PreDnnOffPolicies.DeviceOnlyName, PreDnnOffPolicies.EdgeOnlyName },
            name => Assert.True(Expected(name) >= exact - 1e-12, name));
    }

    [Fact]
    public void A_scenario_listing_a_pre_dnnoff_policy_without_the_section_is_rejected_naming_it()
    {
        var config = HoconParser.ParseText(File.ReadAllText(PreDnnOffScenario.Path).Split("pre-dnnoff {")[0].Replace("include", "#", StringComparison.Ordinal)
            + "\npolicies = [edgent]\n");

        var error = Assert.Throws<ConfigException>(() => PreDnnOffScenario.System(config));

        Assert.Equal("pre-dnnoff", error.Key);
        Assert.Contains("edgent", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_whose_exits_differ_from_the_profiles_is_rejected_naming_the_key()
    {
        var config = PreDnnOffScenario.Config();
        var blocks = "[{ gigacycles = 0.06, accuracy = 0.524 }, { gigacycles = 0.06, accuracy = 0.6 }, { gigacycles = 0.06, accuracy = 0.654 }, { gigacycles = 0.04, accuracy = 0.719 }, { gigacycles = 0.01, accuracy = 0.784 }]";
        var changed = config.WithOverride("models.types", $"[{{ name = b-alexnet, size-mb = 2.642376, blocks = {blocks} }}]");

        var error = Assert.Throws<ConfigException>(() => PreDnnOffScenario.System(changed));

        Assert.Equal("models.types[0].blocks[1].accuracy", error.Key);
    }

    [Fact]
    public void A_requirement_that_is_not_a_distribution_is_rejected_naming_the_key()
    {
        var changed = PreDnnOffScenario.Config().WithOverride("workload.accuracy-requirement", "[0.5, 0.7]");

        var error = Assert.Throws<ConfigException>(() => PreDnnOffScenario.System(changed));

        Assert.Equal("workload.accuracy-requirement", error.Key);
    }

    [Fact]
    public void The_queue_aware_solver_keeps_layers_at_an_idle_edge_and_moves_them_to_the_device_behind_a_long_edge_queue()
    {
        var system = PreDnnOffScenario.System(PreDnnOffScenario.Config().WithOverride("pre-dnnoff.device-speedup", "30"));
        var policy = PolicyCatalog.All.Create(PreDnnOffPolicies.QueueAwareName, system, 1).Offloading;
        var task = new Core.Workload.TaskRequest(0, 1, 0, 0, 0, 12288 * 8, 1, 1, 74e6, 0, 20, MinAccuracy: 0.6);
        var edge = new EdgeStatus(0, 3.6e9, 1, 1e9, 0, [true]);
        var idle = new SlotObservation(1, 0, [task], [edge], system);
        var loaded = idle with { Queues = ResourceQueues.Of([new QueueState(ResourceRef.EdgeCompute(0), 5.0, 100)]) };

        var atIdle = policy.Decide(idle)[0].Pieces!;
        var behindQueue = policy.Decide(loaded)[0].Pieces!;

        Assert.Equal([NodeKind.Edge, NodeKind.Device], atIdle.Select(p => p.Node));
        Assert.All(behindQueue, p => Assert.Equal(NodeKind.Device, p.Node));
    }
}
