using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;
using MecActors.Core.Tests.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Core.Tests.Emulation;

/// <summary>
/// Paper 003's dynamics as orchestration-dynamics.conf gives them: users who come and go, links that switch between a
/// regular and a weak rate, and background loads on the devices, the edge and the cloud.
/// </summary>
public class StepDynamicsTests
{
    private const int Steps = 20_000;

    // Core knows the fixed placements only; paper 003's agents are the policies' to load.
    private static readonly Config File = HoconParser.ParseFile(ScenarioFiles.OrchestrationDynamics).WithOverride("policies", "[device-only, cloud-only]");

    private static ScenarioSpec Scenario(params (string Key, string Value)[] overrides)
    {
        var config = File;
        foreach (var (key, value) in overrides)
        {
            config = config.WithOverride(key, value);
        }

        return ScenarioFiles.Load(config);
    }

    [Theory]
    [InlineData(0.5, 0.2)]
    [InlineData(0.3, 0.7)]
    public void A_device_is_on_the_share_of_steps_its_chain_gives_for_the_dwell_it_gives(double join, double leave)
    {
        var scenario = Scenario(("dynamics.users.join-probability", $"{join}"), ("dynamics.users.leave-probability", $"{leave}"));
        var workload = new DeviceWorkload(scenario, 2, 5);
        var on = new bool[Steps];
        var popularity = new[] { 1.0 };
        for (var slot = 1; slot <= Steps; slot++)
        {
            on[slot - 1] = workload.Generate(slot, popularity).Length == 1;
            Assert.Equal(on[slot - 1], workload.IsActive(slot));
        }

        Assert.True(on[0]);
        var share = on.Count(a => a) / (double)Steps;
        Assert.InRange(share, (join / (join + leave)) - 0.02, (join / (join + leave)) + 0.02);

        // The runs of steps on are geometric with mean 1 / leave.
        var runs = Runs(on);
        Assert.InRange(runs.Average(), (1 / leave) * 0.93, (1 / leave) * 1.07);
    }

    [Fact]
    public void A_device_off_generates_nothing_and_the_workload_of_the_others_is_unchanged()
    {
        var scenario = Scenario();
        var still = scenario with { Dynamics = scenario.Dynamics! with { Users = null } };
        var popularity = new[] { 1.0 };
        var moving = new DeviceWorkload(scenario, 0, 5);
        var fixedOne = new DeviceWorkload(still, 0, 5);
        var active = 0;
        for (var slot = 1; slot <= 200; slot++)
        {
            var tasks = moving.Generate(slot, popularity);
            var always = fixedOne.Generate(slot, popularity);
            Assert.Single(always);
            if (tasks.Length == 1)
            {
                active++;
                Assert.Equal(always[0], tasks[0]);
            }
        }

        Assert.InRange(active, 100, 190);
    }

    [Fact]
    public void A_device_link_switches_between_its_two_rates_the_share_of_steps_its_chain_gives()
    {
        var scenario = Scenario(("dynamics.users.leave-probability", "0"));
        var links = scenario.Dynamics!.Links!;
        var workload = new DeviceWorkload(scenario, 1, 9);
        var popularity = new[] { 1.0 };
        var weak = new bool[Steps];
        for (var slot = 1; slot <= Steps; slot++)
        {
            var rate = workload.Generate(slot, popularity).Single().UplinkRateBps;
            Assert.True(rate == links.DeviceRegularBps || rate == links.DeviceWeakBps, $"slot {slot}: rate {rate}");
            weak[slot - 1] = rate == links.DeviceWeakBps;
        }

        // Experiment A: every link regular in step 1; weak 0.1 / (0.1 + 0.3) of the steps, 1 / 0.3 at a time.
        Assert.False(weak[0]);
        Assert.InRange(weak.Count(w => w) / (double)Steps, 0.23, 0.27);
        Assert.InRange(Runs(weak).Average(), (1 / 0.3) * 0.93, (1 / 0.3) * 1.07);
    }

    [Fact]
    public void The_edge_link_to_the_cloud_starts_in_its_experiment_condition_and_switches()
    {
        // Experiment B's edge is weak (Table 5).
        var scenario = Scenario(("cloud.uplink-gbps", "0.01026"));
        var links = scenario.Dynamics!.Links!;
        var conditions = new ResourceConditions(scenario, 4);
        var weakFactor = links.UplinkWeakBps / scenario.Cloud!.UplinkRateBps;
        var regularFactor = links.UplinkRegularBps / scenario.Cloud.UplinkRateBps;
        Assert.Equal(weakFactor, conditions.UplinkFactor(0, 1), 12);
        var factors = Enumerable.Range(1, Steps).Select(slot => conditions.UplinkFactor(0, slot)).ToArray();
        Assert.All(factors, f => Assert.True(Math.Abs(f - weakFactor) < 1e-12 || Math.Abs(f - regularFactor) < 1e-9, $"{f}"));
        Assert.InRange(factors.Count(f => Math.Abs(f - weakFactor) < 1e-12) / (double)Steps, 0.23, 0.27);

        // Asked backwards, in a fresh instance, each slot's condition is the same.
        var backwards = new ResourceConditions(scenario, 4);
        for (var slot = Steps; slot >= Steps - 50; slot--)
        {
            Assert.Equal(factors[slot - 1], backwards.UplinkFactor(0, slot));
        }

        Assert.Equal(factors[..200], Enumerable.Range(1, 200).Select(slot => conditions.UplinkFactor(0, slot)));
    }

    [Fact]
    public void Background_loads_are_drawn_per_node_and_step_in_their_ranges_and_the_monitors_report_them()
    {
        var scenario = Scenario();
        var conditions = new ResourceConditions(scenario, 3);
        var device = Enumerable.Range(1, 2000).Select(slot => conditions.DeviceAvailability(3, slot)).ToArray();
        var cloud = Enumerable.Range(1, 2000).Select(conditions.CloudAvailability).ToArray();
        Assert.All(device, a => Assert.InRange(a, 0.4, 1.0));
        Assert.All(cloud, a => Assert.InRange(a, 0.5, 1.0));
        Assert.InRange(device.Average(), 0.68, 0.72);
        Assert.InRange(cloud.Average(), 0.73, 0.77);
        Assert.NotEqual(device, Enumerable.Range(1, 2000).Select(slot => conditions.DeviceAvailability(2, slot)));

        var monitored = conditions.Monitored(17);
        Assert.Equal(conditions.DeviceAvailability(3, 17), monitored.DeviceAvailable(3));
        Assert.Equal(conditions.CloudAvailability(17), monitored.CloudAvailability);
        Assert.All(monitored.DeviceMemoryLoad, m => Assert.InRange(m, 0.0, 0.6));
        var again = new ResourceConditions(scenario, 3).Monitored(17);
        Assert.Equal(monitored.DeviceAvailability, again.DeviceAvailability);
        Assert.Equal(monitored.DeviceMemoryLoad, again.DeviceMemoryLoad);
        Assert.Equal(monitored.EdgeMemoryLoad, again.EdgeMemoryLoad);
        Assert.Equal(monitored.UplinkFactor, again.UplinkFactor);
        Assert.Equal((monitored.CloudAvailability, monitored.CloudMemoryLoad), (again.CloudAvailability, again.CloudMemoryLoad));
        Assert.NotEqual(monitored.DeviceAvailability, new ResourceConditions(scenario, 4).Monitored(17).DeviceAvailability);
    }

    [Fact]
    public void The_true_load_sets_the_compute_and_the_link_stages_of_a_route()
    {
        var scenario = Scenario();
        var system = new SystemView(scenario);
        var conditions = new ResourceConditions(scenario, 3);
        var task = new DeviceWorkload(scenario, 0, 3).Generate(1, [1.0])[0] with { Slot = 6 };
        var decision = new OffloadDecision(0, 8)
        {
            Pieces = [new Piece(NodeKind.Cloud, 1e6, 1e3), new Piece(NodeKind.Device, 2e6, 0.0)],
        };
        var status = new EdgeStatus(0, scenario.Edges[0].CapacityHz, 2, 1e9, 0, [true]);

        var route = PlanBuilder.Build(system, task, decision, status, conditions).Route;

        var cloud = route.Single(s => s.Resource == ResourceRef.CloudCompute());
        var device = route.Single(s => s.Resource == ResourceRef.DeviceCompute(0));
        var uplink = route.Single(s => s.Resource == ResourceRef.CloudUplink(0));
        Assert.Equal(conditions.CloudAvailability(6), cloud.Efficiency);
        Assert.Equal(conditions.DeviceAvailability(0, 6), device.Efficiency);
        Assert.Equal(conditions.UplinkFactor(0, 6), uplink.Efficiency);
        Assert.Equal(1.0, PlanBuilder.Build(system, task, decision, status).Route.Single(s => s.Resource == ResourceRef.CloudCompute()).Efficiency);
    }

    [Fact]
    public void A_chain_gives_each_slot_the_same_state_whatever_the_order_it_is_asked_in()
    {
        var forwards = new TwoStateChain(8, StreamKind.UserActivity, 1, 0, true, 0.4, 0.3);
        var states = Enumerable.Range(1, 500).Select(forwards.At).ToArray();
        var jumping = new TwoStateChain(8, StreamKind.UserActivity, 1, 0, true, 0.4, 0.3);
        foreach (var slot in new[] { 400, 3, 250, 1, 500, 499, 17 })
        {
            Assert.Equal(states[slot - 1], jumping.At(slot));
        }

        Assert.NotEqual(states, Enumerable.Range(1, 500).Select(new TwoStateChain(9, StreamKind.UserActivity, 1, 0, true, 0.4, 0.3).At));
        Assert.NotEqual(states, Enumerable.Range(1, 500).Select(new TwoStateChain(8, StreamKind.UserActivity, 1, 1, true, 0.4, 0.3).At));
    }

    private static List<int> Runs(bool[] states)
    {
        var runs = new List<int>();
        var length = 0;
        foreach (var state in states)
        {
            if (state)
            {
                length++;
            }
            else if (length > 0)
            {
                runs.Add(length);
                length = 0;
            }
        }

        return runs;
    }
}
