using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>
/// Devices' transmitters, driven as real resource actors: each device sends its own uploads one after another, on
/// its share of the cell band (B_n = 10 MHz, devices 0 and 2 in cell 0). SNRs are chosen so every rate is round.
/// </summary>
public sealed class TransmitterBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private static readonly ResourceRef Transmitter0 = ResourceRef.Transmitter(0);
    private static readonly ResourceRef Transmitter2 = ResourceRef.Transmitter(2);
    private static readonly ResourceRef Edge0 = ResourceRef.EdgeCompute(0);

    [Fact]
    public void Two_devices_transmitters_share_an_allocated_band_each_sending_its_tasks_in_turn()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Allocated);
        var system = new SystemView(scenario);
        Assert.Contains(Transmitter0, SystemResources.Of(system));
        Assert.DoesNotContain(ResourceRef.Wireless(0), SystemResources.Of(system));

        // Device 0 takes a quarter of the band: 2.5 MHz. Its SNR over the whole band is 3.75 (7.5 over its equal half,
        // as Tiny.Request counts it), so 15 over the quarter: 4 bit/s/Hz, 10 Mbit/s.
        // Device 2 takes three quarters: 7.5 MHz at SNR 2.25 x 4 / 3 = 3: 2 bit/s/Hz, 15 Mbit/s.
        var first = Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 2e6, snr: 7.5), 0.25);
        var second = Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 1e6, snr: 7.5) with { TaskId = 100 }, 0.25);
        var other = Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 3e6, snr: 4.5), 0.75);
        Assert.Equal(Transmitter0, first.Route[0].Resource);
        Assert.Equal(Transmitter2, other.Route[0].Resource);

        var wiring = new ResourceWiring(this, system);
        var device0 = wiring.Spawn(Transmitter0);
        var device2 = wiring.Spawn(Transmitter2);
        var edge = wiring.Probe(Edge0);
        device0.Tell(Tiny.Open(1, 1, Tiny.Role(Transmitter0, entries: 2, downstream: [Edge0])));
        device2.Tell(Tiny.Open(1, 1, Tiny.Role(Transmitter2, entries: 1, downstream: [Edge0])));
        device0.Tell(new TaskCommands.Enter(TaskProgress.Start(first)));
        device0.Tell(new TaskCommands.Enter(TaskProgress.Start(second)));
        device2.Tell(new TaskCommands.Enter(TaskProgress.Start(other)));

        var batches = new[] { edge.ExpectMsg<TaskCommands.TransitBatch>(), edge.ExpectMsg<TaskCommands.TransitBatch>() };
        var fromDevice0 = batches.Single(b => b.From == Transmitter0);
        var fromDevice2 = batches.Single(b => b.From == Transmitter2);

        // Device 0: 2 Mbit / 10 Mbit/s = 0.2 s, then its second task, 1 Mbit, after it: 0.3 s, having waited 0.2 s.
        var a = ResourceWiring.Find(fromDevice0, first.Request.TaskId);
        var b = ResourceWiring.Find(fromDevice0, 100);
        Assert.Equal(0.2, a.Time, Tolerance);
        Assert.Equal(0.2, a.TransmissionS, Tolerance);
        Assert.Equal(0.3, b.Time, Tolerance);
        Assert.Equal(0.1, b.TransmissionS, Tolerance);
        Assert.Equal(0.2, b.QueueingS, Tolerance);

        // Device 2 sends at once on its own share: 3 Mbit / 15 Mbit/s = 0.2 s, untouched by device 0's queue.
        var c = ResourceWiring.Find(fromDevice2, other.Request.TaskId);
        Assert.Equal(0.2, c.Time, Tolerance);
        Assert.Equal(0.0, c.QueueingS, Tolerance);
        Assert.Equal(2, wiring.ExpectHorizons(2).Count);
    }

    [Fact]
    public void Device_fifo_radio_sends_a_devices_transfers_one_after_another_at_its_equal_share()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.DeviceFifo);
        var system = new SystemView(scenario);

        // Two devices a cell: B_u = 5 MHz at SNR 15, 4 bit/s/Hz: 20 Mbit/s.
        var first = Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 2e6), null);
        var second = Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6) with { TaskId = 100 }, null);
        var wiring = new ResourceWiring(this, system);
        var device0 = wiring.Spawn(Transmitter0);
        var edge = wiring.Probe(Edge0);
        device0.Tell(Tiny.Open(1, 1, Tiny.Role(Transmitter0, entries: 2, downstream: [Edge0])));
        device0.Tell(new TaskCommands.Enter(TaskProgress.Start(first)));
        device0.Tell(new TaskCommands.Enter(TaskProgress.Start(second)));

        // 2 Mbit / 20 Mbit/s = 0.1 s; then 4 Mbit: 0.2 s more, ending at 0.3 s (the dedicated radio would end it at 0.2 s).
        var batch = ResourceWiring.ExpectBatch(edge, 1, Transmitter0);
        Assert.Equal(0.1, ResourceWiring.Find(batch, first.Request.TaskId).Time, Tolerance);
        var behind = ResourceWiring.Find(batch, 100);
        Assert.Equal(0.3, behind.Time, Tolerance);
        Assert.Equal(0.1, behind.QueueingS, Tolerance);
        wiring.ExpectHorizon(1, Transmitter0);
    }

    private static TaskPlan Plan(SystemView system, TaskRequest task, double? bandShare) =>
        PlanBuilder.Build(system, task, new OffloadDecision(0, 1) { BandShare = bandShare }, Tiny.Status(system.Scenario, 0, Tiny.SmallModel));
}
