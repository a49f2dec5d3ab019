using Akka.Actor;
using Akka.TestKit;
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

    private readonly TestProbe _edge;
    private readonly TestProbe _fiber;
    private readonly TestProbe _coordinator;
    private readonly TestProbe _device0;
    private readonly TestProbe _device2;

    public CarryOverBehaviourTests()
    {
        _edge = CreateTestProbe("edge-0");
        _fiber = CreateTestProbe("fiber-0-1");
        _coordinator = CreateTestProbe("coordinator");
        _device0 = CreateTestProbe("device-0");
        _device2 = CreateTestProbe("device-2");
    }

    [Fact]
    public void Fifo_radio_link_starts_next_slot_upload_when_the_carried_over_upload_ends()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        var link = RadioLink(system);
        var bandRate = BandRateBps(scenario);
        // 60 Mbit over the whole band at 4 bit/s/Hz: 1.5 s, half a slot longer than the slot.
        var slow = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 60e6), 0, 1, Tiny.SmallModel);
        var next = Tiny.Plan(system, Tiny.Request(scenario, 2, 2, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        link.Tell(new SlotCommands.OpenWave(1, 1.0, 1));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(slow), _device0.Ref));

        // FIFO: an upload that started before the horizon is final however late it ends.
        var slowEnd = 60e6 / bandRate;
        var first = _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Tasks.Length == 1);
        Assert.Equal(slowEnd, first.Tasks[0].Task.Time, Tolerance);
        Assert.Equal(1.5, slowEnd, Tolerance);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.PendingTasks == 0);

        link.Tell(new SlotCommands.OpenWave(2, 2.0, 1));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(next), _device2.Ref));

        var second = _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 2 && m.Tasks.Length == 1);
        var task = second.Tasks[0].Task;
        Assert.Equal(next.Request.TaskId, task.TaskId);
        Assert.Equal(slowEnd + 4e6 / bandRate, task.Time, Tolerance);
        Assert.Equal(slowEnd - next.Request.ReleaseTime, task.QueueingS, Tolerance);
        Assert.Equal(4e6 / bandRate, task.TransmissionS, Tolerance);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 2 && h.PendingTasks == 0);
    }

    [Fact]
    public void Shared_radio_link_reports_an_unfinished_upload_as_pending_and_delivers_it_next_wave()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Shared);
        var system = new SystemView(scenario);
        var link = RadioLink(system);
        var bandRate = BandRateBps(scenario);
        var slow = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 60e6), 0, 1, Tiny.SmallModel);
        var quick = Tiny.Plan(system, Tiny.Request(scenario, 2, 2, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        link.Tell(new SlotCommands.OpenWave(1, 1.0, 1));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(slow), _device0.Ref));

        // 1.5 s of transfer does not end by the horizon at 1 s: nothing leaves, one task waits in the link.
        _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Tasks.Length == 0);
        _fiber.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Tasks.Length == 0);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.Resource == ResourceRef.Wireless(0) && h.PendingTasks == 1);

        link.Tell(new SlotCommands.OpenWave(2, 2.0, 1));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(quick), _device2.Ref));

        // At t = 1 the slow upload has 60 - 40 = 20 Mbit left; both then share the band until the quick one's
        // 4 Mbit are through at 1 + 2 * 4 / 40 = 1.2 s; the slow one's last 16 Mbit take 0.4 s more: 1.6 s.
        var quickEnd = 1.0 + 2 * 4e6 / bandRate;
        var slowEnd = quickEnd + (60e6 - bandRate * 1.0 - 4e6) / bandRate;
        var batch = _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 2 && m.Tasks.Length == 2);
        var slowDone = batch.Tasks.Single(t => t.Task.TaskId == slow.Request.TaskId);
        var quickDone = batch.Tasks.Single(t => t.Task.TaskId == quick.Request.TaskId);
        Assert.Equal(quickEnd, quickDone.Task.Time, Tolerance);
        Assert.Equal(1.2, quickDone.Task.Time, Tolerance);
        Assert.Equal(slowEnd, slowDone.Task.Time, Tolerance);
        Assert.Equal(1.6, slowDone.Task.Time, Tolerance);
        Assert.Equal(slowEnd, slowDone.Task.TransmissionS, Tolerance);
        Assert.Equal(_device0.Ref, slowDone.Device);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 2 && h.PendingTasks == 0);
    }

    [Fact]
    public void Fifo_edge_starts_next_slot_task_when_the_carried_over_task_ends()
    {
        var scenario = Tiny.Scenario(compute: ComputeDiscipline.Fifo);
        var system = new SystemView(scenario);
        var edge = Sys.ActorOf(EdgeServerActor.Props(system, 0, scenario.EdgeCount + 1, _coordinator.Ref));
        var model = scenario.Models[Tiny.SmallModel];
        var f = scenario.Edges[0].CapacityHz;
        // Slot 1: two tasks exiting after block 2 (0.5 Gcycles, 0.5 s each on one core), both in at 0.3 s.
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var c = Tiny.Plan(system, Tiny.Request(scenario, 2, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        edge.Tell(new SlotCommands.OpenWave(1, 1.0, 2));
        Upstream(edge, 1, 1.0, [new Transit(Tiny.ArrivedAt(b, ResourceRef.EdgeCompute(0), 0.3), _device2.Ref), new Transit(Tiny.ArrivedAt(a, ResourceRef.EdgeCompute(0), 0.3), _device0.Ref)]);

        // The lower id goes first: a ends at 0.8 s, b waits for it and ends at 1.3 s, past the horizon.
        var service = model.CyclesTo(2) / f;
        var first = _device0.ExpectMsg<TaskEvents.TaskFinished>().Task;
        var carried = _device2.ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(0.3 + service, first.Time, Tolerance);
        Assert.Equal(0.3 + 2 * service, carried.Time, Tolerance);
        Assert.Equal(1.3, carried.Time, Tolerance);
        Assert.Equal(service, carried.QueueingS, Tolerance);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.Resource == ResourceRef.EdgeCompute(0) && h.PendingTasks == 0);

        // Slot 2: its one task is in at 1.1 s, but the core is busy until 1.3 s.
        edge.Tell(new SlotCommands.OpenWave(2, 2.0, 1));
        Upstream(edge, 2, 2.0, [new Transit(Tiny.ArrivedAt(c, ResourceRef.EdgeCompute(0), 1.1), _device0.Ref)]);

        var done = _device0.ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(c.Request.TaskId, done.TaskId);
        Assert.Equal(carried.Time - 1.1, done.QueueingS, Tolerance);
        Assert.Equal(model.CyclesTo(1) / f, done.ComputeS, Tolerance);
        Assert.Equal(carried.Time + done.ComputeS, done.Time, Tolerance);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 2 && h.PendingTasks == 0);
    }

    [Fact]
    public void Equal_share_edge_runs_a_slot_batch_beside_the_previous_slot_batch_that_outlives_its_slot()
    {
        var scenario = Tiny.Scenario(compute: ComputeDiscipline.EqualSharePerSlot);
        var system = new SystemView(scenario);
        var edge = Sys.ActorOf(EdgeServerActor.Props(system, 0, scenario.EdgeCount + 1, _coordinator.Ref));
        var model = scenario.Models[Tiny.SmallModel];
        var f = scenario.Edges[0].CapacityHz;
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var c = Tiny.Plan(system, Tiny.Request(scenario, 2, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        edge.Tell(new SlotCommands.OpenWave(1, 1.0, 2));
        Upstream(edge, 1, 1.0, [new Transit(Tiny.ArrivedAt(a, ResourceRef.EdgeCompute(0), 0.3), _device0.Ref), new Transit(Tiny.ArrivedAt(b, ResourceRef.EdgeCompute(0), 0.3), _device2.Ref)]);

        // f_n(1) = f / 2: c / f_n(1) = 0.5 Gcycles / 0.5 GHz = 1 s each, from 0.3 s to 1.3 s.
        var slotOneEnd = 0.3 + model.CyclesTo(2) / (f / 2);
        Assert.Equal(1.3, slotOneEnd, Tolerance);
        Assert.Equal(slotOneEnd, _device0.ExpectMsg<TaskEvents.TaskFinished>().Task.Time, Tolerance);
        Assert.Equal(slotOneEnd, _device2.ExpectMsg<TaskEvents.TaskFinished>().Task.Time, Tolerance);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.PendingTasks == 0);

        // f_n(2) = f / 1 for slot 2's one task, from its arrival at 1.1 s: the paper's model, literally.
        edge.Tell(new SlotCommands.OpenWave(2, 2.0, 1));
        Upstream(edge, 2, 2.0, [new Transit(Tiny.ArrivedAt(c, ResourceRef.EdgeCompute(0), 1.1), _device0.Ref)]);

        var done = _device0.ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(c.Request.TaskId, done.TaskId);
        Assert.Equal(0.0, done.QueueingS, Tolerance);
        Assert.Equal(model.CyclesTo(1) / f, done.ComputeS, Tolerance);
        Assert.Equal(1.1 + done.ComputeS, done.Time, Tolerance);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 2 && h.PendingTasks == 0);
    }

    private IActorRef RadioLink(SystemView system)
    {
        var downstream = new Dictionary<ResourceRef, IActorRef>
        {
            [ResourceRef.EdgeCompute(0)] = _edge.Ref,
            [ResourceRef.Fiber(0, 1)] = _fiber.Ref,
        };
        return Sys.ActorOf(LinkActor.Props(system, ResourceRef.Wireless(0), downstream, _coordinator.Ref, uploadsPerWave: true));
    }

    /// <summary>One wave's upstream batches into edge 0: its radio link's, the fiber path's from edge 1 (empty), its backhaul's (empty).</summary>
    private static void Upstream(IActorRef edge, int slot, double horizon, Transit[] fromRadio)
    {
        edge.Tell(new TaskCommands.TransitBatch(slot, horizon, fromRadio));
        edge.Tell(new TaskCommands.TransitBatch(slot, horizon, []));
        edge.Tell(new ModelEvents.ModelBatch(slot, horizon, []));
    }

    /// <summary>B_n log2(1 + P g / sigma^2): one transfer holding the whole band of cell 0.</summary>
    private static double BandRateBps(ScenarioSpec scenario)
    {
        var bu = scenario.Edges[0].BandwidthHz / scenario.DevicesInCell(0);
        var gain = Tiny.GainFor(scenario, 0, Tiny.Snr);
        return scenario.Edges[0].BandwidthHz * Math.Log2(1.0 + scenario.Radio.TxPowerW * gain / Radio.NoisePowerW(scenario.Radio, bu));
    }
}
