using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

/// <summary><c>radio.device-rate-mbps</c>: one fixed rate per device in place of the channel model.</summary>
public class DeviceRatesTests
{
    private static readonly Config Dynamics = HoconParser.ParseFile(ScenarioFiles.Dynamics);

    [Fact]
    public void Each_device_sends_at_its_own_fixed_rate_every_slot()
    {
        var rates = "[10, 20, 30, 40, 50, 60]";
        var scenario = ScenarioFiles.Load(Dynamics.WithOverride("radio", $"{{ tx-power-w = 0.2, noise-dbm-per-hz = -174, device-rate-mbps = {rates} }}")
            .WithOverride("disciplines.wireless", "dedicated")
            .WithOverride("workload.task-probability", "1"));

        Assert.True(scenario.Radio.DrawsRates);
        Assert.Equal([10e6, 20e6, 30e6, 40e6, 50e6, 60e6], scenario.Radio.DeviceRatesBps);
        var popularity = Enumerable.Repeat(1.0 / scenario.Models.Count, scenario.Models.Count).ToArray();
        for (var device = 0; device < scenario.DeviceCount; device++)
        {
            var workload = new DeviceWorkload(scenario, device, 1);
            for (var slot = 1; slot <= 3; slot++)
            {
                Assert.All(workload.Generate(slot, popularity), task => Assert.Equal((device + 1) * 10e6, task.UplinkRateBps, 6));
            }
        }
    }

    [Theory]
    [InlineData("device-rate-mbps = [10, 20]", "radio.device-rate-mbps", "needs one per device")]
    [InlineData("device-rate-mbps = [10, 20, 30, 40, 50, -1]", "radio.device-rate-mbps", "must be positive")]
    [InlineData("device-rate-mbps = [10, 20, 30, 40, 50, 60], rate-mbps = [1, 2]", "radio.rate-mbps", "is not used with device-rate-mbps")]
    public void Bad_device_rates_name_the_key(string radio, string key, string problem)
    {
        var config = Dynamics.WithOverride("radio", $"{{ tx-power-w = 0.2, noise-dbm-per-hz = -174, {radio} }}");

        var error = Assert.Throws<ConfigException>(() => ScenarioFiles.Load(config));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
