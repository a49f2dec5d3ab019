using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>Work that outlives its slot: free-at times and half-done transfers persist into the next wave.</summary>
public sealed class CarryOverBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private static readonly ResourceRef Radio0 = ResourceRef.Wireless(0);
    private static readonly ResourceRef Edge0 = ResourceRef.EdgeCompute(0);
    private static readonly ResourceRef Fiber01 = ResourceRef.Fiber(0, 1);

    [Fact]
    public void Fifo_radio_link_starts_next_slot_upload_when_the_carried_over_upload_ends()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Probe(Edge0);
        var link = wiring.Spawn(Radio0);
        var bandRate = BandRateBps(scenario);
        // 60 Mbit over the whole band at 4 bit/s/Hz: 1.5 s, half a slot longer than the slot.
        var slow = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 60e6, Tiny.FullBandSnr(scenario)), 0, 1, Tiny.SmallModel);
        var next = Tiny.Plan(system, Tiny.Request(scenario, 2, 2, Tiny.SmallModel, 4e6, Tiny.FullBandSnr(scenario)), 0, 1, Tiny.SmallModel);

        link.Tell(Tiny.Open(1, 1, Tiny.Role(Radio0, entries: 1, downstream: [Edge0])));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(slow)));

        // FIFO: an upload that started before the horizon is final however late it ends.
        var slowEnd = 60e6 / bandRate;
        var first = Assert.Single(ResourceWiring.ExpectBatch(edge, 1, Radio0).Tasks);
        Assert.Equal(slowEnd, first.Time, Tolerance);
        Assert.Equal(1.5, slowEnd, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Radio0).PendingTasks);

        link.Tell(Tiny.Open(2, 2, Tiny.Role(Radio0, entries: 1, downstream: [Edge0])));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(next)));

        var task = Assert.Single(ResourceWiring.ExpectBatch(edge, 2, Radio0).Tasks);
        Assert.Equal(next.Request.TaskId, task.TaskId);
        Assert.Equal(slowEnd + 4e6 / bandRate, task.Time, Tolerance);
        Assert.Equal(slowEnd - next.Request.ReleaseTime, task.QueueingS, Tolerance);
        Assert.Equal(4e6 / bandRate, task.TransmissionS, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(2, Radio0).PendingTasks);
    }

    [Fact]
    public void Shared_radio_link_reports_an_unfinished_upload_as_pending_and_delivers_it_next_wave()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Shared);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Probe(Edge0);
        var fiber = wiring.Probe(Fiber01);
        var link = wiring.Spawn(Radio0);
        var bandRate = BandRateBps(scenario);
        var slow = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 60e6, Tiny.FullBandSnr(scenario)), 0, 1, Tiny.SmallModel);
        var quick = Tiny.Plan(system, Tiny.Request(scenario, 2, 2, Tiny.SmallModel, 4e6, Tiny.FullBandSnr(scenario)), 0, 1, Tiny.SmallModel);

        link.Tell(Tiny.Open(1, 1, Tiny.Role(Radio0, entries: 1, downstream: [Edge0, Fiber01])));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(slow)));

        // 1.5 s of transfer does not end by the horizon at 1 s: nothing leaves, one task waits in the link.
        Assert.Empty(ResourceWiring.ExpectBatch(edge, 1, Radio0).Tasks);
        Assert.Empty(ResourceWiring.ExpectBatch(fiber, 1, Radio0).Tasks);
        Assert.Equal(1, wiring.ExpectHorizon(1, Radio0).PendingTasks);

        link.Tell(Tiny.Open(2, 2, Tiny.Role(Radio0, entries: 1, downstream: [Edge0, Fiber01])));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(quick)));

        // At t = 1 the slow upload has 60 - 40 = 20 Mbit left; both then share the band until the quick one's
        // 4 Mbit are through at 1 + 2 * 4 / 40 = 1.2 s; the slow one's last 16 Mbit take 0.4 s more: 1.6 s.
        var quickEnd = 1.0 + 2 * 4e6 / bandRate;
        var slowEnd = quickEnd + (60e6 - bandRate * 1.0 - 4e6) / bandRate;
        var batch = ResourceWiring.ExpectBatch(edge, 2, Radio0);
        Assert.Equal(2, batch.Tasks.Length);
        var slowDone = ResourceWiring.Find(batch, slow.Request.TaskId);
        var quickDone = ResourceWiring.Find(batch, quick.Request.TaskId);
        Assert.Equal(quickEnd, quickDone.Time, Tolerance);
        Assert.Equal(1.2, quickDone.Time, Tolerance);
        Assert.Equal(slowEnd, slowDone.Time, Tolerance);
        Assert.Equal(1.6, slowDone.Time, Tolerance);
        Assert.Equal(slowEnd, slowDone.TransmissionS, Tolerance);
        Assert.Equal(0, slowDone.Plan.Request.Device);
        Assert.Empty(ResourceWiring.ExpectBatch(fiber, 2, Radio0).Tasks);
        Assert.Equal(0, wiring.ExpectHorizon(2, Radio0).PendingTasks);
    }

    [Fact]
    public void Fifo_edge_starts_next_slot_task_when_the_carried_over_task_ends()
    {
        var scenario = Tiny.Scenario(compute: ComputeDiscipline.Fifo);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        var model = scenario.Models[Tiny.SmallModel];
        var f = scenario.Edges[0].CapacityHz;
        // Slot 1: two tasks exiting after block 2 (0.5 Gcycles, 0.5 s each on one core), both in at 0.3 s.
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var c = Tiny.Plan(system, Tiny.Request(scenario, 2, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0], computeJobs: 2)));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(b, Edge0, 0.3), Tiny.ArrivedAt(a, Edge0, 0.3)]));

        // The lower id goes first: a ends at 0.8 s, b waits for it and ends at 1.3 s, past the horizon.
        var service = model.CyclesTo(2) / f;
        var first = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        var carried = wiring.Device(2).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(0.3 + service, first.Time, Tolerance);
        Assert.Equal(0.3 + 2 * service, carried.Time, Tolerance);
        Assert.Equal(1.3, carried.Time, Tolerance);
        Assert.Equal(service, carried.QueueingS, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Edge0).PendingTasks);

        // Slot 2: its one task is in at 1.1 s, but the core is busy until 1.3 s.
        edge.Tell(Tiny.Open(2, 2, Tiny.Role(Edge0, upstream: [Radio0], computeJobs: 1)));
        edge.Tell(Tiny.Batch(2, Radio0, [Tiny.ArrivedAt(c, Edge0, 1.1)]));

        var done = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(c.Request.TaskId, done.TaskId);
        Assert.Equal(carried.Time - 1.1, done.QueueingS, Tolerance);
        Assert.Equal(model.CyclesTo(1) / f, done.ComputeS, Tolerance);
        Assert.Equal(carried.Time + done.ComputeS, done.Time, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(2, Edge0).PendingTasks);
    }

    [Fact]
    public void Equal_share_edge_runs_a_slot_batch_beside_the_previous_slot_batch_that_outlives_its_slot()
    {
        var scenario = Tiny.Scenario(compute: ComputeDiscipline.EqualSharePerSlot);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        var model = scenario.Models[Tiny.SmallModel];
        var f = scenario.Edges[0].CapacityHz;
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var c = Tiny.Plan(system, Tiny.Request(scenario, 2, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0], computeJobs: 2)));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(a, Edge0, 0.3), Tiny.ArrivedAt(b, Edge0, 0.3)]));

        // f_n(1) = f / 2: c / f_n(1) = 0.5 Gcycles / 0.5 GHz = 1 s each, from 0.3 s to 1.3 s.
        var slotOneEnd = 0.3 + model.CyclesTo(2) / (f / 2);
        Assert.Equal(1.3, slotOneEnd, Tolerance);
        Assert.Equal(slotOneEnd, wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task.Time, Tolerance);
        Assert.Equal(slotOneEnd, wiring.Device(2).ExpectMsg<TaskEvents.TaskFinished>().Task.Time, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Edge0).PendingTasks);

        // f_n(2) = f / 1 for slot 2's one task, from its arrival at 1.1 s: the paper's model, literally.
        edge.Tell(Tiny.Open(2, 2, Tiny.Role(Edge0, upstream: [Radio0], computeJobs: 1)));
        edge.Tell(Tiny.Batch(2, Radio0, [Tiny.ArrivedAt(c, Edge0, 1.1)]));

        var done = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(c.Request.TaskId, done.TaskId);
        Assert.Equal(0.0, done.QueueingS, Tolerance);
        Assert.Equal(model.CyclesTo(1) / f, done.ComputeS, Tolerance);
        Assert.Equal(1.1 + done.ComputeS, done.Time, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(2, Edge0).PendingTasks);
    }

    [Fact]
    public void Fifo_fiber_link_starts_next_slot_transfer_when_the_carried_over_transfer_ends()
    {
        // Link 0->1 stays busy past the horizon with a 120 Mbit transfer (1.2 s from 0.1 s): slot 2's waits for it.
        var scenario = Tiny.Scenario(fiber: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge1 = wiring.Probe(ResourceRef.EdgeCompute(1));
        var fiber = wiring.Spawn(Fiber01);
        var big = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 120e6), 1, 1, Tiny.SmallModel);
        var small = Tiny.Plan(system, Tiny.Request(scenario, 2, 2, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);
        var role = Tiny.Role(Fiber01, upstream: [Radio0], downstream: [ResourceRef.EdgeCompute(1)]);

        fiber.Tell(Tiny.Open(1, 1, role));
        fiber.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(big, Fiber01, 0.1)]));
        Assert.Equal(1.3, Assert.Single(ResourceWiring.ExpectBatch(edge1, 1, Fiber01).Tasks).Time, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Fiber01).PendingTasks);

        fiber.Tell(Tiny.Open(2, 2, role));
        fiber.Tell(Tiny.Batch(2, Radio0, [Tiny.ArrivedAt(small, Fiber01, 1.1)]));

        var task = Assert.Single(ResourceWiring.ExpectBatch(edge1, 2, Fiber01).Tasks);
        Assert.Equal(1.3 + 4e6 / Tiny.FiberRateBps, task.Time, Tolerance);
        Assert.Equal(1.3 - 1.1, task.QueueingS, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(2, Fiber01).PendingTasks);
    }

    /// <summary>B_n log2(1 + P g / sigma^2): one transfer holding the whole band of cell 0.</summary>
    private static double BandRateBps(ScenarioSpec scenario)
    {
        var bu = scenario.Edges[0].BandwidthHz / scenario.DevicesInCell(0);
        var gain = Tiny.GainFor(scenario, 0, Tiny.Snr);
        return scenario.Edges[0].BandwidthHz * Math.Log2(1.0 + scenario.Radio.TxPowerW * gain / Radio.NoisePowerW(scenario.Radio, bu));
    }
}
