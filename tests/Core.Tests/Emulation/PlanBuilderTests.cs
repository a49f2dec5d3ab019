using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using MecActors.Core.Tests.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Core.Tests.Emulation;

public class PlanBuilderTests
{
    /// <summary>
    /// tiny.conf: a cell of 3 devices on B_n = 10 MHz. A gain that gives SNR 15 over the device's share B_n / 3 gives
    /// SNR 5 over the whole band. A dedicated radio serves the share at log2(16) = 4 bit/s/Hz, i.e. 13.33 Mbit/s; a fifo
    /// radio lets the transfer occupy all of B_n, whose noise is three times larger: log2(6) = 2.585 bit/s/Hz,
    /// 25.85 Mbit/s (not 4 bit/s/Hz over 10 MHz = 40 Mbit/s).
    /// </summary>
    [Theory]
    [InlineData(LinkDiscipline.Dedicated, 4.0)]
    [InlineData(LinkDiscipline.Fifo, 2.584962500721156)]
    [InlineData(LinkDiscipline.Shared, 2.584962500721156)]
    public void An_upload_uses_the_noise_over_the_band_it_occupies(LinkDiscipline wireless, double efficiency)
    {
        var loaded = ScenarioFiles.Load(MecActors.Core.Configuration.HoconParser.ParseFile(ScenarioFiles.Tiny));
        var scenario = loaded with { Disciplines = loaded.Disciplines with { Wireless = wireless } };
        var system = new SystemView(scenario);
        var share = scenario.Edges[0].BandwidthHz / scenario.DevicesInCell(0);
        Assert.Equal(3, scenario.DevicesInCell(0));
        var gain = 15.0 * Radio.NoisePowerW(scenario.Radio, share) / scenario.Radio.TxPowerW;
        var task = new TaskRequest(0, 1, 0, 0, 0, 8e6, gain, Radio.SpectralEfficiency(scenario.Radio, gain, share), Radio.UplinkRateBps(scenario.Radio, gain, share), 0.0, 2.0);
        var status = new EdgeStatus(0, 1e9, 1, 1e9, 0.0, [true, true, true]);

        var plan = PlanBuilder.Build(system, task, new OffloadDecision(0, 1), status);

        var upload = plan.Route[plan.FirstPathStage];
        Assert.Equal(ResourceRef.Wireless(0), upload.Resource);
        Assert.Equal(efficiency, upload.Efficiency, 12);
        Assert.Equal(8e6 / efficiency, upload.CapacityWork, 6);
    }
}
