using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

/// <summary>Transmitters, allocated disciplines, drawn rates and per-slot dynamics as scenario files give them.</summary>
public class DynamicsLoaderTests
{
    private static readonly Config Dynamics = HoconParser.ParseFile(ScenarioFiles.Dynamics);

    [Fact]
    public void Dynamics_scenario_allocates_the_band_and_the_edges_and_varies_the_conditions()
    {
        var scenario = ScenarioFiles.Load(Dynamics);

        Assert.Equal(LinkDiscipline.Allocated, scenario.Disciplines.Wireless);
        Assert.Equal(ComputeDiscipline.Allocated, scenario.Disciplines.Edge);
        Assert.Equal(new DynamicsSpec(0.25, 1.0, 0.1, 0.2), scenario.Dynamics);
        Assert.True(scenario.HasTransmitters);

        // Uploads leave through the six devices' transmitters; no cell radio is left.
        var resources = SystemResources.Of(new SystemView(scenario));
        Assert.Equal(6, resources.Count(r => r.Kind == ResourceKind.Transmitter));
        Assert.DoesNotContain(resources, r => r.Kind == ResourceKind.Wireless);
    }

    [Fact]
    public void Rates_drawn_per_slot_replace_the_channel_model()
    {
        var config = Dynamics.WithOverride("radio", "{ tx-power-w = 0.2, noise-dbm-per-hz = -174, rate-mbps = [20, 100] }");

        var radio = ScenarioFiles.Load(config).Radio;

        Assert.True(radio.DrawsRates);
        Assert.Equal(20e6, radio.RateMinBps);
        Assert.Equal(100e6, radio.RateMaxBps);
    }

    [Theory]
    [InlineData("dynamics.edge-availability", "[0, 1]", "dynamics.edge-availability[0]", "a fraction in (0, 1]")]
    [InlineData("dynamics.edge-availability", "[0.5, 1.5]", "dynamics.edge-availability[1]", "a fraction in (0, 1]")]
    [InlineData("dynamics.compute-fluctuation", "1", "dynamics.compute-fluctuation", "must be below 1")]
    [InlineData("dynamics.csi-error", "-0.1", "dynamics.csi-error", "must not be negative")]
    [InlineData("dynamics.capacity", "0.5", "dynamics.capacity", "unknown key")]
    [InlineData("disciplines.fiber", "allocated", "disciplines.fiber", "for the radio only")]
    [InlineData("disciplines.downlink", "device-fifo", "disciplines.downlink", "for the radio only")]
    [InlineData("disciplines.cloud", "allocated", "disciplines.cloud", "for the edge processor only")]
    [InlineData("radio.rate-mbps", "[20, 100]", "radio.path-loss-intercept-db", "is not used with rate-mbps")]
    public void Bad_dynamics_are_rejected_naming_the_key(string path, string value, string key, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => ScenarioFiles.Load(Dynamics.WithOverride(path, value)));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
