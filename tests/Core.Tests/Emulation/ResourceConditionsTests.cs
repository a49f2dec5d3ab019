using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using MecActors.Core.Tests.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Core.Tests.Emulation;

/// <summary>What varies per slot under dynamics.conf: edge availability in [0.25, 1], cycles within 10%, channel estimates off by exp(0.2 z).</summary>
public class ResourceConditionsTests
{
    private static readonly ScenarioSpec Scenario = ScenarioFiles.Load(MecActors.Core.Configuration.HoconParser.ParseFile(ScenarioFiles.Dynamics));

    [Fact]
    public void Availability_is_drawn_per_edge_and_slot_in_its_range_the_same_whoever_asks_in_whatever_order()
    {
        var forwards = new ResourceConditions(Scenario, 3);
        var backwards = new ResourceConditions(Scenario, 3);
        var drawn = new List<double>();
        for (var slot = 1; slot <= 200; slot++)
        {
            for (var edge = 0; edge < Scenario.EdgeCount; edge++)
            {
                var a = forwards.Availability(edge, slot);
                Assert.InRange(a, 0.25, 1.0);
                drawn.Add(a);
            }
        }

        for (var slot = 200; slot >= 1; slot--)
        {
            for (var edge = Scenario.EdgeCount - 1; edge >= 0; edge--)
            {
                Assert.Equal(drawn[((slot - 1) * Scenario.EdgeCount) + edge], backwards.Availability(edge, slot));
            }
        }

        // Uniform over [0.25, 1]: mean 0.625; 400 draws put it within 0.05.
        Assert.InRange(drawn.Average(), 0.575, 0.675);
        Assert.NotEqual(drawn[0], new ResourceConditions(Scenario, 4).Availability(0, 1));
        Assert.NotEqual(drawn[0], new ResourceConditions(Scenario with { Episode = 1 }, 3).Availability(0, 1));
    }

    [Fact]
    public void Compute_fluctuates_within_its_spread_per_task_and_stage()
    {
        var conditions = new ResourceConditions(Scenario, 3);
        var factors = Enumerable.Range(0, 500).Select(i => conditions.ComputeFactor(i / 5, i % 5)).ToArray();

        Assert.All(factors, f => Assert.InRange(f, 0.9, 1.1));
        Assert.Equal(factors[7], conditions.ComputeFactor(1, 2));
        Assert.True(factors.Distinct().Count() > 490, "factors repeat");
        Assert.Equal(1.0, new ResourceConditions(Scenario with { Dynamics = null }, 3).ComputeFactor(1, 2));
    }

    [Fact]
    public void A_channel_estimate_scales_the_rate_and_keeps_rate_efficiency_and_gain_consistent_while_the_plan_uses_the_truth()
    {
        var conditions = new ResourceConditions(Scenario, 3);
        var share = Scenario.Edges[0].BandwidthHz / Scenario.DevicesInCell(0);
        var gain = 15.0 * Radio.NoisePowerW(Scenario.Radio, share) / Scenario.Radio.TxPowerW;
        var truth = new TaskRequest(5, 1, 0, 0, 0, 1e6, gain, 4.0, 4.0 * share, 0.0, 1.0);

        var errors = new List<double>();
        for (var id = 0; id < 400; id++)
        {
            var estimate = conditions.Estimate(truth with { TaskId = id });
            errors.Add(Math.Log(estimate.UplinkRateBps / truth.UplinkRateBps));
            Assert.Equal(estimate.UplinkRateBps, estimate.SpectralEfficiency * share, 6);
            Assert.Equal(estimate.SpectralEfficiency, Radio.SpectralEfficiency(Scenario.Radio, estimate.ChannelGain, share), 9);
        }

        // log(estimate / truth) ~ N(0, 0.2^2): over 400 draws the mean is within 0.03 of 0 and the deviation near 0.2.
        var mean = errors.Average();
        var deviation = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / (errors.Count - 1));
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(deviation, 0.17, 0.23);
        Assert.Same(truth, new ResourceConditions(Scenario with { Dynamics = null }, 3).Estimate(truth));
    }

    [Fact]
    public void Plans_run_at_the_edges_available_capacity_and_the_tasks_share_and_the_device_at_the_tasks_frequency()
    {
        var system = new SystemView(Scenario);
        var conditions = new ResourceConditions(Scenario, 3);
        var task = new TaskRequest(9, 4, 0, 0, 0, 1e6, 1e-10, 4.0, 4e6, 1.5, 1.0);
        var status = new EdgeStatus(0, 12e9, 2, 1e9, 0.0, [true, true]);
        var decision = new OffloadDecision(0, 2) { Split = [new Segment(NodeKind.Device, 1), new Segment(NodeKind.Edge, 1)], DeviceHz = 0.75e9, EdgeShare = 0.5 };

        var plan = PlanBuilder.Build(system, task, decision, status, conditions);

        var device = plan.Route.Single(s => s.Resource == ResourceRef.DeviceCompute(0));
        var edge = plan.Route.Single(s => s.Resource == ResourceRef.EdgeCompute(0));
        var model = Scenario.Models[0];

        // The device core is 1.5 GHz: at 0.75 GHz the stage runs at half speed and costs kappa f^2 per (fluctuated) cycle.
        Assert.Equal(0.5, device.Efficiency, 12);
        Assert.Equal(model.Blocks[0].Cycles * conditions.ComputeFactor(9, 0), device.Work, 3);
        Assert.Equal(1e-27 * 0.75e9 * 0.75e9 * device.Work, device.Joules, 12);

        // The edge offers its slot-4 availability, of which the task has half.
        Assert.Equal(conditions.Availability(0, 4) * 0.5, edge.Efficiency, 12);
        Assert.Equal(0.0, edge.Joules);
    }
}
