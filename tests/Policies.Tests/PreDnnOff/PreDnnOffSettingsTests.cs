using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Policies.PreDnnOff;
using Xunit;

namespace MecActors.Policies.Tests.PreDnnOff;

public class PreDnnOffSettingsTests
{
    [Fact]
    public void The_scenario_plans_with_74_mbits_and_the_papers_requirement()
    {
        var model = PreDnnOffScenario.Model(PreDnnOffScenario.System());

        Assert.Equal(74e6, model.WirelessBps, 74e6 * 1e-4);
        Assert.Equal(0.625, model.Exits.Mean);
        Assert.Equal(0.053, model.Exits.Sd);
        Assert.Equal(52, model.Profile.Layers.Count);
    }

    [Fact]
    public void A_device_speedup_divides_every_device_layer_time_and_nothing_else()
    {
        var plain = PreDnnOffScenario.Model(PreDnnOffScenario.System());
        var faster = PreDnnOffScenario.Model(PreDnnOffScenario.System(PreDnnOffScenario.Config().WithOverride("pre-dnnoff.device-speedup", "30")));

        for (var l = 0; l < plain.Profile.Layers.Count; l++)
        {
            Assert.Equal(plain.ExecutionSeconds(l, 0) / 30, faster.ExecutionSeconds(l, 0), 1e-12);
            Assert.Equal(plain.ExecutionSeconds(l, 1), faster.ExecutionSeconds(l, 1));
        }

        Assert.Equal(plain.ParsingSeconds, faster.ParsingSeconds);
    }

    [Fact]
    public void Without_the_cloud_key_the_model_has_two_nodes_and_with_it_three()
    {
        var plain = PreDnnOffScenario.Model(PreDnnOffScenario.System());
        var cloud = PreDnnOffScenario.Model(PreDnnOffScenario.System(PreDnnOffScenario.CloudConfig()));

        Assert.Null(plain.CloudTier);
        Assert.Equal([NodeKind.Device, NodeKind.Edge], plain.Nodes);
        Assert.Equal([NodeKind.Device, NodeKind.Edge, NodeKind.Cloud], cloud.Nodes);
        Assert.Equal(new CloudTier(4, 100e6), cloud.CloudTier);
        for (var l = 0; l < plain.Profile.Layers.Count; l++)
        {
            Assert.Equal(plain.ExecutionSeconds(l, 1) / 4, cloud.ExecutionSeconds(l, 2), 1e-15);
        }
    }

    [Theory]
    [InlineData("pre-dnnoff.cloud.speedup", "0", "pre-dnnoff.cloud.speedup")]
    [InlineData("pre-dnnoff.cloud.speedup", "-2", "pre-dnnoff.cloud.speedup")]
    [InlineData("pre-dnnoff.cloud.wired-mbps", "0", "pre-dnnoff.cloud.wired-mbps")]
    [InlineData("pre-dnnoff.cloud.wired-mbps", "-100", "pre-dnnoff.cloud.wired-mbps")]
    [InlineData("pre-dnnoff.cloud.wired-mbps", "200", "cloud.uplink-gbps")]
    [InlineData("network.backhaul-gbps", "1", "network.backhaul-gbps")]
    [InlineData("pre-dnnoff.cloud.latency", "1", "pre-dnnoff.cloud.latency")]
    public void A_bad_value_of_the_cloud_key_or_a_link_that_disagrees_with_it_is_rejected_naming_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigException>(() => PreDnnOffScenario.System(PreDnnOffScenario.CloudConfig().WithOverride(key, value)));

        Assert.Equal(named, error.Key);
    }

    [Fact]
    public void The_cloud_key_without_the_scenarios_cloud_is_rejected_naming_the_key()
    {
        var config = PreDnnOffScenario.Config().WithOverride("pre-dnnoff.cloud", "{ speedup = 4, wired-mbps = 1000 }");

        var error = Assert.Throws<ConfigException>(() => PreDnnOffScenario.System(config));

        Assert.Equal("pre-dnnoff.cloud.wired-mbps", error.Key);
    }

    [Theory]
    [InlineData("pre-dnnoff.device-speedup", "0", "pre-dnnoff.device-speedup")]
    [InlineData("pre-dnnoff.ga.population", "1", "pre-dnnoff.ga.population")]
    [InlineData("pre-dnnoff.ga.scaling", "1", "pre-dnnoff.ga.scaling")]
    [InlineData("pre-dnnoff.model", "alexnet", "pre-dnnoff.model")]
    [InlineData("workload.input-mb", "[0.5, 1]", "workload.input-mb")]
    [InlineData("radio.distance-m", "[100, 400]", "radio.distance-m")]
    [InlineData("pre-dnnoff.regressions.edge.relu", "{ x1 = 1 }", "pre-dnnoff.regressions.edge.relu.intercept")]
    [InlineData("pre-dnnoff.profile.layers", "[{ name = a, type = relu, input-bytes = 12288, output-bytes = -1 }]", "pre-dnnoff.profile.layers[0].output-bytes")]
    public void A_bad_value_of_the_section_or_one_that_disagrees_with_the_scenario_is_rejected_naming_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigException>(() => PreDnnOffScenario.System(PreDnnOffScenario.Config().WithOverride(key, value)));

        Assert.Equal(named, error.Key);
    }
}
