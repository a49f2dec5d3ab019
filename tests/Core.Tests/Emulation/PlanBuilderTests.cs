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

    /// <summary>
    /// routes.conf: pieces device -> edge -> device, the edge not caching the model. The input goes up, the edge's
    /// output comes down, the last piece's output of 0 bits stays on the device; the edge fetches the model and joins
    /// the fetch at its compute. A time on a node is that time times its core's capacity: 0.1 s at the edge (12 GHz
    /// over 2 cores) is 0.6 Gcycles.
    /// </summary>
    [Fact]
    public void Pieces_run_as_stated_with_the_data_moved_between_their_nodes()
    {
        var scenario = ScenarioFiles.Load(MecActors.Core.Configuration.HoconParser.ParseFile(ScenarioFiles.Routes));
        var system = new SystemView(scenario);
        Assert.Equal(6e9, system.CoreHz(NodeKind.Edge, 1), 3);
        Assert.Equal(1.5e9, system.CoreHz(NodeKind.Device, 0), 3);
        Assert.Equal(5e9, system.CoreHz(NodeKind.Cloud, 0), 3);
        var task = new TaskRequest(7, 2, 3, 1, 0, 4e6, 1e-10, 4.0, 4e6, 0.0, 1.5);
        var status = new EdgeStatus(1, 12e9, 2, 1e9, 0.0, [false, true]);
        var decision = new OffloadDecision(1, 3)
        {
            Pieces = [new Piece(NodeKind.Device, 0.3e9, 1e5), new Piece(NodeKind.Edge, 0.1 * system.CoreHz(NodeKind.Edge, 1), 4e4), new Piece(NodeKind.Device, 0.1e9, 0)],
        };

        var plan = PlanBuilder.Build(system, task, decision, status);

        Assert.Null(plan.DropReason);
        Assert.False(plan.CacheHit);
        Assert.Equal(scenario.Models[0].AccuracyAt(3), plan.Accuracy);
        Assert.Equal(
            [
                (StageKind.Fetch, ResourceRef.Backhaul(1), scenario.Models[0].SizeBits),
                (StageKind.Compute, ResourceRef.DeviceCompute(3), 0.3e9),
                (StageKind.Transfer, ResourceRef.Wireless(1), 1e5),
                (StageKind.Compute, ResourceRef.EdgeCompute(1), 0.6e9),
                (StageKind.Transfer, ResourceRef.Downlink(1), 4e4),
                (StageKind.Compute, ResourceRef.DeviceCompute(3), 0.1e9),
            ],
            plan.Route.Select(s => (s.Kind, s.Resource, Math.Round(s.Work, 3))));
        Assert.True(plan.Route[3].JoinsFetch);
        Assert.True(decision.ComputesAtEdge);
        Assert.False((decision with { Pieces = [new Piece(NodeKind.Cloud, 1e9, 10)] }).ComputesAtEdge);
    }

    [Fact]
    public void A_decision_keeps_its_allocations_apart_from_its_copies()
    {
        var plain = new OffloadDecision(0, 2);
        var shared = plain with { BandShare = 0.4 };
        var both = shared with { EdgeShare = 0.5 };

        Assert.Null(plain.BandShare);
        Assert.Null(shared.EdgeShare);
        Assert.Equal((0.4, 0.5), (both.BandShare, both.EdgeShare));
        Assert.Equal(shared, new OffloadDecision(0, 2) { BandShare = 0.4 });
        Assert.NotEqual(shared, both);
    }
}
