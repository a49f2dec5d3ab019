using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using MecActors.Core.Tests.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Core.Tests.Workload;

/// <summary>With <c>radio.rate-mbps</c> a device's rate over its share is drawn per slot (paper 002: uniform 20-100 Mbit/s).</summary>
public class DrawnRateTests
{
    [Fact]
    public void Each_slot_a_device_reports_a_rate_in_the_range_with_the_efficiency_and_gain_that_give_it()
    {
        var loaded = ScenarioFiles.Load(MecActors.Core.Configuration.HoconParser.ParseFile(ScenarioFiles.Routes));
        var scenario = loaded with
        {
            Radio = new RadioSpec(0.2, -174, 0.0, 1.0, 1.0, 1.0, false, 20e6, 100e6),
            Workload = loaded.Workload with { TaskProbability = 1.0 },
        };
        var share = scenario.Edges[0].BandwidthHz / scenario.DevicesInCell(0);
        var device = new DeviceWorkload(scenario, 0, 5);
        var popularity = Enumerable.Repeat(1.0 / scenario.Models.Count, scenario.Models.Count).ToArray();

        var rates = new List<double>();
        for (var slot = 1; slot <= 300; slot++)
        {
            var task = Assert.Single(device.Generate(slot, popularity));
            Assert.InRange(task.UplinkRateBps, 20e6, 100e6);
            Assert.Equal(task.UplinkRateBps, task.SpectralEfficiency * share, 3);
            Assert.Equal(task.SpectralEfficiency, Radio.SpectralEfficiency(scenario.Radio, task.ChannelGain, share), 9);
            rates.Add(task.UplinkRateBps);
        }

        Assert.InRange(rates.Average(), 56e6, 64e6);
        // The same device under the same seed draws the same rates.
        var again = new DeviceWorkload(scenario, 0, 5);
        Assert.Equal(rates, Enumerable.Range(1, 300).Select(slot => again.Generate(slot, popularity)[0].UplinkRateBps));
    }
}
