using MecActors.Core.Configuration;
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
