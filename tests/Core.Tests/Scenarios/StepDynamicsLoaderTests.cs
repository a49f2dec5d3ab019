using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

/// <summary>Paper 003's dynamics keys as orchestration-dynamics.conf gives them, and each bad value rejected naming its key.</summary>
public class StepDynamicsLoaderTests
{
    // Core knows the fixed placements only; paper 003's agents are the policies' to load.
    private static readonly Config File = HoconParser.ParseFile(ScenarioFiles.OrchestrationDynamics).WithOverride("policies", "[device-only, cloud-only]");

    [Fact]
    public void The_dynamics_file_loads_users_links_and_loads()
    {
        var dynamics = ScenarioFiles.Load(File).Conditions;

        Assert.Equal(new UserActivitySpec(0.5, 0.2), dynamics.Users);
        Assert.Equal(new LinkSwitchingSpec(0.1, 0.3, 60e6, 8.759e6, 10e9, 0.01026e9), dynamics.Links);
        Assert.Equal((0.4, 1.0), dynamics.DeviceAvailability);
        Assert.Equal((0.5, 1.0), dynamics.CloudAvailability);
        Assert.Equal((0.0, 0.6), dynamics.MemoryLoad);
        Assert.True(dynamics.VariesAvailability && dynamics.VariesMonitored);
    }

    [Fact]
    public void Without_dynamics_nothing_varies()
    {
        var plain = HoconParser.ParseFile(ScenarioFiles.OrchestrationDynamics.Replace("-dynamics", "", StringComparison.Ordinal));
        var dynamics = ScenarioFiles.Load(plain.WithOverride("policies", "[device-only]")).Conditions;

        Assert.Same(DynamicsSpec.None, dynamics);
        Assert.False(dynamics.VariesMonitored);
        Assert.Null(dynamics.Users);
        Assert.Null(dynamics.Links);
    }

    [Theory]
    [InlineData("dynamics.users.join-probability", "1.5", "dynamics.users.join-probability", "must lie in [0, 1]")]
    [InlineData("dynamics.users.leave-probability", "-0.1", "dynamics.users.leave-probability", "must lie in [0, 1]")]
    [InlineData("dynamics.users.stay", "0.5", "dynamics.users.stay", "unknown key")]
    [InlineData("dynamics.links.to-weak-probability", "2", "dynamics.links.to-weak-probability", "must lie in [0, 1]")]
    [InlineData("dynamics.links.to-regular-probability", "1.01", "dynamics.links.to-regular-probability", "must lie in [0, 1]")]
    [InlineData("dynamics.links.device-weak-mbps", "60", "dynamics.links.device-weak-mbps", "must be below dynamics.links.device-regular-mbps")]
    [InlineData("dynamics.links.device-regular-mbps", "50", "radio.device-rate-mbps", "neither dynamics.links.device-regular-mbps")]
    [InlineData("dynamics.links.uplink-regular-gbps", "1", "dynamics.links.uplink-regular-gbps", "cloud.uplink-gbps")]
    [InlineData("dynamics.links.uplink-weak-gbps", "-1", "dynamics.links.uplink-weak-gbps", "must be positive")]
    [InlineData("dynamics.device-availability", "[0, 1]", "dynamics.device-availability[0]", "a fraction in (0, 1]")]
    [InlineData("dynamics.cloud-availability", "[0.5, 1.2]", "dynamics.cloud-availability[1]", "a fraction in (0, 1]")]
    [InlineData("dynamics.memory-load", "[0.5]", "dynamics.memory-load", "expected a range")]
    [InlineData("dynamics.memory-load", "[0.5, 0.2]", "dynamics.memory-load", "is greater than max")]
    public void Bad_dynamics_are_rejected_naming_the_key(string path, string value, string key, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => ScenarioFiles.Load(File.WithOverride(path, value)));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_links_need_fixed_device_rates()
    {
        var config = File.WithOverride("radio", "{ tx-power-w = 0.2, noise-dbm-per-hz = -174, rate-mbps = [20, 100] }");

        var error = Assert.Throws<ConfigException>(() => ScenarioFiles.Load(config));

        Assert.Equal("dynamics.links.device-regular-mbps", error.Key);
        Assert.Contains("radio.device-rate-mbps", error.Message, StringComparison.Ordinal);
    }
}
