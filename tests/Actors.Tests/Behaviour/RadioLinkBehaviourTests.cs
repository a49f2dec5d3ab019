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

/// <summary>
/// A cell's radio link between its devices and the edges: queueing by discipline, routing to the next
/// resource, and the wave protocol (all expected uploads, then one batch per downstream and one HorizonReached).
/// </summary>
public sealed class RadioLinkBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    private readonly TestProbe _edge;
    private readonly TestProbe _fiber;
    private readonly TestProbe _coordinator;
    private readonly TestProbe _device0;
    private readonly TestProbe _device2;

    public RadioLinkBehaviourTests()
    {
        _edge = CreateTestProbe("edge-0");
        _fiber = CreateTestProbe("fiber-0-1");
        _coordinator = CreateTestProbe("coordinator");
        _device0 = CreateTestProbe("device-0");
        _device2 = CreateTestProbe("device-2");
    }

    [Fact]
    public void Dedicated_radio_link_ends_each_upload_at_release_plus_size_over_its_own_rate()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Dedicated);
        var system = new SystemView(scenario);
        var link = RadioLink(system);
        // Released together at the start of slot 2, with different sizes: neither delays the other.
        var a = Tiny.Plan(system, Tiny.Request(scenario, 2, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 2, 2, Tiny.SmallModel, 2e6), 0, 1, Tiny.SmallModel);

        link.Tell(new SlotCommands.OpenWave(2, 2.0, 2));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(a), _device0.Ref));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(b), _device2.Ref));

        // R_u = B_n / U_n * log2(1 + P g / sigma^2) = 5 MHz * 4 = 20 Mbit/s: 0.2 s and 0.1 s.
        var rate = DeviceRateBps(scenario);
        var batch = _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 2 && m.Tasks.Length == 2);
        var leftA = Find(batch, a.Request.TaskId);
        var leftB = Find(batch, b.Request.TaskId);
        Assert.Equal(1.0 + 4e6 / rate, leftA.Task.Time, Tolerance);
        Assert.Equal(1.0 + 2e6 / rate, leftB.Task.Time, Tolerance);
        Assert.Equal(1.2, leftA.Task.Time, Tolerance);
        Assert.Equal(4e6 / rate, leftA.Task.TransmissionS, Tolerance);
        Assert.Equal(0.0, leftA.Task.QueueingS, Tolerance);
        Assert.Equal(0.0, leftB.Task.QueueingS, Tolerance);
        Assert.Equal(_device0.Ref, leftA.Device);
        Assert.Equal(_device2.Ref, leftB.Device);
        Assert.Equal(ResourceRef.EdgeCompute(0), leftA.Task.NextResource());
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 2 && h.Resource == ResourceRef.Wireless(0) && h.PendingTasks == 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fifo_radio_link_starts_second_upload_when_first_ends(bool higherIdUploadsFirst)
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        var link = RadioLink(system);
        // Same release, so the lower task id goes first whichever Upload reaches the link first.
        var first = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var second = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 8e6), 0, 1, Tiny.SmallModel);
        Assert.True(first.Request.TaskId < second.Request.TaskId);

        link.Tell(new SlotCommands.OpenWave(1, 1.0, 2));
        if (higherIdUploadsFirst)
        {
            link.Tell(new TaskCommands.Upload(TaskProgress.Start(second), _device2.Ref));
            link.Tell(new TaskCommands.Upload(TaskProgress.Start(first), _device0.Ref));
        }
        else
        {
            link.Tell(new TaskCommands.Upload(TaskProgress.Start(first), _device0.Ref));
            link.Tell(new TaskCommands.Upload(TaskProgress.Start(second), _device2.Ref));
        }

        // One transfer at a time over the whole band B_n: s / (B_n log2(1 + P g / sigma^2)) = 0.1 s, then 0.2 s.
        var bandRate = BandRateBps(scenario);
        var firstEnd = 4e6 / bandRate;
        var batch = _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Tasks.Length == 2);
        var a = Find(batch, first.Request.TaskId).Task;
        var b = Find(batch, second.Request.TaskId).Task;
        Assert.Equal(firstEnd, a.Time, Tolerance);
        Assert.Equal(0.0, a.QueueingS, Tolerance);
        Assert.Equal(firstEnd + 8e6 / bandRate, b.Time, Tolerance);
        Assert.Equal(0.3, b.Time, Tolerance);
        Assert.Equal(firstEnd, b.QueueingS, Tolerance);
        Assert.Equal(8e6 / bandRate, b.TransmissionS, Tolerance);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.PendingTasks == 0);
    }

    [Fact]
    public void Shared_radio_link_ends_two_equal_uploads_together_at_twice_the_single_duration()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Shared);
        var system = new SystemView(scenario);
        var link = RadioLink(system);
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        link.Tell(new TaskCommands.Upload(TaskProgress.Start(a), _device0.Ref));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(b), _device2.Ref));
        link.Tell(new SlotCommands.OpenWave(1, 1.0, 2));

        // Alone, an upload would take s / (B_n log2(1 + P g / sigma^2)) = 0.1 s; sharing the band, each takes 0.2 s.
        var single = 4e6 / BandRateBps(scenario);
        var batch = _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Tasks.Length == 2);
        foreach (var transit in batch.Tasks)
        {
            Assert.Equal(2 * single, transit.Task.Time, Tolerance);
            Assert.Equal(2 * single, transit.Task.TransmissionS, Tolerance);
            Assert.Equal(0.0, transit.Task.QueueingS, Tolerance);
        }

        Assert.Equal(0.2, batch.Tasks[0].Task.Time, Tolerance);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.PendingTasks == 0);
    }

    [Fact]
    public void Radio_link_sends_each_task_to_its_next_resource_and_every_downstream_one_batch()
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var link = RadioLink(system);
        var local = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var remote = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);

        link.Tell(new SlotCommands.OpenWave(1, 1.0, 2));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(local), _device0.Ref));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(remote), _device2.Ref));

        var toEdge = _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Horizon == 1.0);
        var toFiber = _fiber.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Horizon == 1.0);
        Assert.Equal(local.Request.TaskId, Assert.Single(toEdge.Tasks).Task.TaskId);
        var crossing = Assert.Single(toFiber.Tasks);
        Assert.Equal(remote.Request.TaskId, crossing.Task.TaskId);
        Assert.Equal(ResourceRef.Fiber(0, 1), crossing.Task.NextResource());
        Assert.Equal(_device2.Ref, crossing.Device);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.Resource == ResourceRef.Wireless(0) && h.PendingTasks == 0);

        // A wave without uploads still carries the horizon to every downstream resource.
        link.Tell(new SlotCommands.OpenWave(2, 2.0, 0));
        _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 2 && m.Horizon == 2.0 && m.Tasks.Length == 0);
        _fiber.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 2 && m.Horizon == 2.0 && m.Tasks.Length == 0);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 2 && h.PendingTasks == 0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Radio_link_does_nothing_until_it_has_the_wave_and_every_expected_upload(bool waveFirst)
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var link = RadioLink(system);
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var open = new SlotCommands.OpenWave(1, 1.0, 2);

        if (waveFirst)
        {
            link.Tell(open);
        }

        link.Tell(new TaskCommands.Upload(TaskProgress.Start(a), _device0.Ref));
        if (waveFirst)
        {
            ExpectSilence();
            link.Tell(new TaskCommands.Upload(TaskProgress.Start(b), _device2.Ref));
        }
        else
        {
            link.Tell(new TaskCommands.Upload(TaskProgress.Start(b), _device2.Ref));
            ExpectSilence();
            link.Tell(open);
        }

        _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Tasks.Length == 2);
        _fiber.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Tasks.Length == 0);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.PendingTasks == 0);
        ExpectSilence();
    }

    [Fact]
    public void Fifo_fiber_path_waits_for_one_batch_and_serves_by_arrival_before_task_id()
    {
        var scenario = Tiny.Scenario(fiber: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        var edge1 = CreateTestProbe("edge-1");
        var downstream = new Dictionary<ResourceRef, IActorRef> { [ResourceRef.EdgeCompute(1)] = edge1.Ref };
        var fiber = Sys.ActorOf(LinkActor.Props(system, ResourceRef.Fiber(0, 1), downstream, _coordinator.Ref, uploadsPerWave: false));
        var low = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);
        var high = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);
        // The higher id reached the fiber first, so it is served first.
        var early = Tiny.ArrivedAt(high, ResourceRef.Fiber(0, 1), 0.10);
        var late = Tiny.ArrivedAt(low, ResourceRef.Fiber(0, 1), 0.12);

        fiber.Tell(new TaskCommands.TransitBatch(1, 1.0, [new Transit(late, _device0.Ref), new Transit(early, _device2.Ref)]));

        // s / R_i2i = 4 Mbit / 100 Mbit/s = 0.04 s each, one after the other.
        var hop = 4e6 / scenario.Network.FiberRateBps;
        var batch = edge1.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Horizon == 1.0 && m.Tasks.Length == 2);
        var first = Find(batch, high.Request.TaskId).Task;
        var second = Find(batch, low.Request.TaskId).Task;
        Assert.Equal(0.10 + hop, first.Time, Tolerance);
        Assert.Equal(0.10 + 2 * hop, second.Time, Tolerance);
        Assert.Equal(0.10 + hop - 0.12, second.QueueingS, Tolerance);
        Assert.Equal(ResourceRef.EdgeCompute(1), second.NextResource());
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.Resource == ResourceRef.Fiber(0, 1) && h.PendingTasks == 0);
    }

    [Fact]
    public void A_wave_that_names_no_fiber_path_sends_only_to_the_edge()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Dedicated);
        var system = new SystemView(scenario);
        var link = RadioLink(system);
        var local = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        link.Tell(new SlotCommands.OpenWave(1, 1.0, 1, []));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(local), _device0.Ref));

        _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Tasks.Length == 1);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.PendingTasks == 0);
        _fiber.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_wave_that_names_a_fiber_path_sends_it_its_batch_even_when_empty()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Dedicated);
        var system = new SystemView(scenario);
        var link = RadioLink(system);
        var remote = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);

        link.Tell(new SlotCommands.OpenWave(1, 1.0, 1, [1]));
        link.Tell(new TaskCommands.Upload(TaskProgress.Start(remote), _device0.Ref));

        _fiber.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Tasks.Length == 1 && m.Tasks[0].Task.TaskId == remote.Request.TaskId);
        _edge.ExpectMsg<TaskCommands.TransitBatch>(m => m.Slot == 1 && m.Tasks.Length == 0);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.PendingTasks == 0);
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

    private void ExpectSilence()
    {
        _edge.ExpectNoMsg(Quiet);
        _fiber.ExpectNoMsg(TimeSpan.Zero);
        _coordinator.ExpectNoMsg(TimeSpan.Zero);
    }

    /// <summary>log2(1 + P g / sigma^2) with sigma^2 over B_u, for the tasks built at <see cref="Tiny.Snr"/> in cell 0.</summary>
    private static double Efficiency(ScenarioSpec scenario)
    {
        var bu = scenario.Edges[0].BandwidthHz / scenario.DevicesInCell(0);
        var gain = Tiny.GainFor(scenario, 0, Tiny.Snr);
        return Math.Log2(1.0 + scenario.Radio.TxPowerW * gain / Radio.NoisePowerW(scenario.Radio, bu));
    }

    /// <summary>R_u = B_n / U_n * log2(1 + P g / sigma^2): paper 000, Sec. II-B.</summary>
    private static double DeviceRateBps(ScenarioSpec scenario) =>
        scenario.Edges[0].BandwidthHz / scenario.DevicesInCell(0) * Efficiency(scenario);

    /// <summary>The rate of one transfer holding the whole band B_n.</summary>
    private static double BandRateBps(ScenarioSpec scenario) => scenario.Edges[0].BandwidthHz * Efficiency(scenario);

    private static Transit Find(TaskCommands.TransitBatch batch, long taskId) => batch.Tasks.Single(t => t.Task.TaskId == taskId);
}
