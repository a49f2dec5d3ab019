using MecActors.Core.Configuration;
using MecActors.Policies.Lymdo;
using Xunit;

namespace MecActors.Policies.Tests.Lymdo;

public class LymdoSettingsTests
{
    [Fact]
    public void The_scenario_cuts_the_main_branch_of_22_layers_at_the_listed_points()
    {
        var system = LymdoScenario.System();
        var settings = LymdoScenario.Settings(system);
        var costs = new PartitionCosts(settings, system);

        Assert.Equal(22, costs.Layers);
        Assert.Equal([0, 16, 22], settings.PartitionPoints);
        Assert.Equal(0.03, system.Scenario.DeviceCompute!.EnergyBudgetJ);
        Assert.Equal(0.0, costs.DeviceCycles(0));
        Assert.Equal(0.0, costs.EdgeCycles(22));
        Assert.Equal(0.0, costs.UplinkBits(22));
        Assert.Equal(12288 * 8.0, costs.UplinkBits(0));
        Assert.Equal(1024 * 8.0, costs.UplinkBits(16));
        Assert.Equal(costs.EdgeCycles(0), costs.EdgeCycles(16) + (costs.EdgeCycles(0) - costs.EdgeCycles(16)));
        Assert.True(costs.DeviceCycles(16) < costs.DeviceCycles(22) && costs.EdgeCycles(16) < costs.EdgeCycles(0));
    }

    [Fact]
    public void The_whole_chain_on_the_ue_takes_the_regressions_time_over_the_speedup()
    {
        var system = LymdoScenario.System();
        var settings = LymdoScenario.Settings(system);
        var costs = new PartitionCosts(settings, system);
        var profile = settings.Profile!;
        var seconds = profile.PathTo(settings.Exit - 1).Sum(l => settings.Regressions!.Device.LayerSeconds(profile.Layers[l])) / settings.DeviceSpeedup;

        Assert.Equal(seconds * 2e9, costs.DeviceCycles(22), 1e-3);
        Assert.Equal(0.0487, seconds, 1e-3);
    }

    [Theory]
    [InlineData("devices.compute.energy-budget-j", "0", "devices.compute.energy-budget-j")]
    [InlineData("devices.compute.energy-budget-j", "-0.1", "devices.compute.energy-budget-j")]
    [InlineData("lymdo.partition-points", "[0, 23]", "lymdo.partition-points")]
    [InlineData("lymdo.partition-points", "[-1, 22]", "lymdo.partition-points")]
    [InlineData("lymdo.partition-points", "[0, 0]", "lymdo.partition-points")]
    [InlineData("workload.rate-per-s", "0", "workload.rate-per-s")]
    [InlineData("workload.rate-per-s", "-15", "workload.rate-per-s")]
    [InlineData("lymdo.v", "-1", "lymdo.v")]
    [InlineData("lymdo.exit", "6", "lymdo.exit")]
    [InlineData("lymdo.min-frequency-ghz", "3", "lymdo.min-frequency-ghz")]
    [InlineData("devices.count", "7", "devices.count")]
    [InlineData("disciplines.edge", "fifo", "disciplines.edge")]
    public void A_bad_value_is_rejected_naming_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigException>(() => LymdoScenario.System(LymdoScenario.Config().WithOverride(key, value)));

        Assert.Equal(named, error.Key);
    }
}
