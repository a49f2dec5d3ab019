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
/// A cell's radio link and the fiber links behind it, as resources: queueing by discipline, routing each task to
/// the resource of its next stage, and the wave protocol (every expected entry or upstream batch, then one batch
/// to every downstream of the role and one HorizonReached).
/// </summary>
public sealed class RadioLinkBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);
    private static readonly ResourceRef Radio0 = ResourceRef.Wireless(0);
    private static readonly ResourceRef Edge0 = ResourceRef.EdgeCompute(0);
    private static readonly ResourceRef Fiber01 = ResourceRef.Fiber(0, 1);

    [Fact]
    public void Dedicated_radio_link_ends_each_upload_at_release_plus_size_over_its_own_rate()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Dedicated);
        var system = new SystemView(scenario);
        var (wiring, link, edge, _) = RadioLink(system);
        // Released together at the start of slot 2, with different sizes: neither delays the other.
        var a = Tiny.Plan(system, Tiny.Request(scenario, 2, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 2, 2, Tiny.SmallModel, 2e6), 0, 1, Tiny.SmallModel);

        link.Tell(Tiny.Open(1, 2, Tiny.Role(Radio0, entries: 2, downstream: [Edge0])));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(a)));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(b)));

        // R_u = B_n / U_n * log2(1 + P g / sigma^2) = 5 MHz * 4 = 20 Mbit/s: 0.2 s and 0.1 s.
        var rate = DeviceRateBps(scenario);
        var batch = ResourceWiring.ExpectBatch(edge, 1, Radio0);
        Assert.Equal(2, batch.Tasks.Length);
        var leftA = ResourceWiring.Find(batch, a.Request.TaskId);
        var leftB = ResourceWiring.Find(batch, b.Request.TaskId);
        Assert.Equal(1.0 + 4e6 / rate, leftA.Time, Tolerance);
        Assert.Equal(1.0 + 2e6 / rate, leftB.Time, Tolerance);
        Assert.Equal(1.2, leftA.Time, Tolerance);
        Assert.Equal(4e6 / rate, leftA.TransmissionS, Tolerance);
        Assert.Equal(0.0, leftA.QueueingS, Tolerance);
        Assert.Equal(0.0, leftB.QueueingS, Tolerance);
        Assert.Equal(0, leftA.Plan.Request.Device);
        Assert.Equal(2, leftB.Plan.Request.Device);
        Assert.Equal(Edge0, leftA.NextResource());
        var reached = wiring.ExpectHorizon(1, Radio0);
        Assert.Equal(0, reached.PendingTasks);
        Assert.False(reached.BackLinksChanged);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fifo_radio_link_starts_second_upload_when_first_ends(bool higherIdEntersFirst)
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        var (wiring, link, edge, _) = RadioLink(system);
        // Same release, so the lower task id goes first whichever Enter reaches the link first.
        var first = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6, Tiny.FullBandSnr(scenario)), 0, 1, Tiny.SmallModel);
        var second = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 8e6, Tiny.FullBandSnr(scenario)), 0, 1, Tiny.SmallModel);
        Assert.True(first.Request.TaskId < second.Request.TaskId);

        link.Tell(Tiny.Open(1, 1, Tiny.Role(Radio0, entries: 2, downstream: [Edge0])));
        var order = higherIdEntersFirst ? new[] { second, first } : [first, second];
        foreach (var plan in order)
        {
            link.Tell(new TaskCommands.Enter(TaskProgress.Start(plan)));
        }

        // One transfer at a time over the whole band B_n: s / (B_n log2(1 + P g / sigma^2)) = 0.1 s, then 0.2 s.
        var bandRate = BandRateBps(scenario);
        var firstEnd = 4e6 / bandRate;
        var batch = ResourceWiring.ExpectBatch(edge, 1, Radio0);
        var a = ResourceWiring.Find(batch, first.Request.TaskId);
        var b = ResourceWiring.Find(batch, second.Request.TaskId);
        Assert.Equal(firstEnd, a.Time, Tolerance);
        Assert.Equal(0.0, a.QueueingS, Tolerance);
        Assert.Equal(firstEnd + 8e6 / bandRate, b.Time, Tolerance);
        Assert.Equal(0.3, b.Time, Tolerance);
        Assert.Equal(firstEnd, b.QueueingS, Tolerance);
        Assert.Equal(8e6 / bandRate, b.TransmissionS, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Radio0).PendingTasks);
    }

    [Fact]
    public void Shared_radio_link_ends_two_equal_uploads_together_at_twice_the_single_duration()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Shared);
        var system = new SystemView(scenario);
        var (wiring, link, edge, _) = RadioLink(system);
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6, Tiny.FullBandSnr(scenario)), 0, 1, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6, Tiny.FullBandSnr(scenario)), 0, 1, Tiny.SmallModel);

        // The tasks may enter before the wave opens.
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(a)));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(b)));
        link.Tell(Tiny.Open(1, 1, Tiny.Role(Radio0, entries: 2, downstream: [Edge0])));

        // Alone, an upload would take s / (B_n log2(1 + P g / sigma^2)) = 0.1 s; sharing the band, each takes 0.2 s.
        var single = 4e6 / BandRateBps(scenario);
        var batch = ResourceWiring.ExpectBatch(edge, 1, Radio0);
        Assert.Equal(2, batch.Tasks.Length);
        foreach (var task in batch.Tasks)
        {
            Assert.Equal(2 * single, task.Time, Tolerance);
            Assert.Equal(2 * single, task.TransmissionS, Tolerance);
            Assert.Equal(0.0, task.QueueingS, Tolerance);
        }

        Assert.Equal(0.2, batch.Tasks[0].Time, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Radio0).PendingTasks);
    }

    [Fact]
    public void Radio_link_sends_each_task_to_its_next_resource_and_every_downstream_one_batch()
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var (wiring, link, edge, fiber) = RadioLink(system);
        var local = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var remote = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);
        var role = Tiny.Role(Radio0, entries: 2, downstream: [Edge0, Fiber01]);

        link.Tell(Tiny.Open(1, 1, role));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(local)));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(remote)));

        var toEdge = ResourceWiring.ExpectBatch(edge, 1, Radio0);
        var toFiber = ResourceWiring.ExpectBatch(fiber, 1, Radio0);
        Assert.Equal(local.Request.TaskId, Assert.Single(toEdge.Tasks).TaskId);
        var crossing = Assert.Single(toFiber.Tasks);
        Assert.Equal(remote.Request.TaskId, crossing.TaskId);
        Assert.Equal(Fiber01, crossing.NextResource());
        Assert.Equal(2, crossing.Plan.Request.Device);
        Assert.Equal(0, wiring.ExpectHorizon(1, Radio0).PendingTasks);

        // Both links stay active while their tasks are in flight: a wave without entries still carries its
        // promise to every downstream resource.
        link.Tell(Tiny.Open(2, 2, role with { Entries = 0 }));
        Assert.Empty(ResourceWiring.ExpectBatch(edge, 2, Radio0).Tasks);
        Assert.Empty(ResourceWiring.ExpectBatch(fiber, 2, Radio0).Tasks);
        Assert.Equal(0, wiring.ExpectHorizon(2, Radio0).PendingTasks);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Radio_link_does_nothing_until_it_has_the_wave_and_every_expected_entry(bool waveFirst)
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var (wiring, link, edge, fiber) = RadioLink(system);
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var open = Tiny.Open(1, 1, Tiny.Role(Radio0, entries: 2, downstream: [Edge0, Fiber01]));

        if (waveFirst)
        {
            link.Tell(open);
        }

        link.Tell(new TaskCommands.Enter(TaskProgress.Start(a)));
        if (waveFirst)
        {
            ExpectSilence(wiring, edge, fiber);
            link.Tell(new TaskCommands.Enter(TaskProgress.Start(b)));
        }
        else
        {
            link.Tell(new TaskCommands.Enter(TaskProgress.Start(b)));
            ExpectSilence(wiring, edge, fiber);
            link.Tell(open);
        }

        Assert.Equal(2, ResourceWiring.ExpectBatch(edge, 1, Radio0).Tasks.Length);
        Assert.Empty(ResourceWiring.ExpectBatch(fiber, 1, Radio0).Tasks);
        Assert.Equal(0, wiring.ExpectHorizon(1, Radio0).PendingTasks);
        ExpectSilence(wiring, edge, fiber);
    }

    [Fact]
    public void Fifo_fiber_link_waits_for_its_upstream_batch_and_serves_by_arrival_before_task_id()
    {
        var scenario = Tiny.Scenario(fiber: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge1 = wiring.Probe(ResourceRef.EdgeCompute(1));
        var fiber = wiring.Spawn(Fiber01);
        var low = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);
        var high = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);
        // The higher id reached the fiber first, so it is served first.
        var early = Tiny.ArrivedAt(high, Fiber01, 0.10);
        var late = Tiny.ArrivedAt(low, Fiber01, 0.12);

        fiber.Tell(Tiny.Open(1, 1, Tiny.Role(Fiber01, upstream: [Radio0], downstream: [ResourceRef.EdgeCompute(1)])));
        wiring.Coordinator.ExpectNoMsg(Quiet);
        fiber.Tell(Tiny.Batch(1, Radio0, [late, early]));

        // s / R_i2i = 4 Mbit / 100 Mbit/s = 0.04 s each, one after the other.
        var hop = 4e6 / scenario.Network.FiberRateBps;
        var batch = ResourceWiring.ExpectBatch(edge1, 1, Fiber01);
        var first = ResourceWiring.Find(batch, high.Request.TaskId);
        var second = ResourceWiring.Find(batch, low.Request.TaskId);
        Assert.Equal(0.10 + hop, first.Time, Tolerance);
        Assert.Equal(0.10 + 2 * hop, second.Time, Tolerance);
        Assert.Equal(0.10 + hop - 0.12, second.QueueingS, Tolerance);
        Assert.Equal(hop, second.TransmissionS, Tolerance);
        Assert.Equal(ResourceRef.EdgeCompute(1), second.NextResource());
        Assert.Equal(0, wiring.ExpectHorizon(1, Fiber01).PendingTasks);
    }

    [Fact]
    public void Fiber_link_carries_a_task_across_two_physical_links_hop_by_hop()
    {
        // A line 0-1-2: a task from cell 0 to edge 2 crosses fiber 0->1, then fiber 1->2, each its own stage.
        var scenario = Tiny.Scenario(fiber: LinkDiscipline.Fifo, cells: 3, devices: 3, topology: TopologyKind.Line);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge2 = wiring.Probe(ResourceRef.EdgeCompute(2));
        var fiber01 = wiring.Spawn(Fiber01);
        var fiber12 = wiring.Spawn(ResourceRef.Fiber(1, 2));
        var plan = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 2, 1, Tiny.SmallModel);
        Assert.Equal([Radio0, Fiber01, ResourceRef.Fiber(1, 2), ResourceRef.EdgeCompute(2)], plan.Route.Select(s => s.Resource));

        fiber12.Tell(Tiny.Open(1, 1, Tiny.Role(ResourceRef.Fiber(1, 2), upstream: [Fiber01], downstream: [ResourceRef.EdgeCompute(2)])));
        fiber01.Tell(Tiny.Open(1, 1, Tiny.Role(Fiber01, upstream: [Radio0], downstream: [ResourceRef.Fiber(1, 2)])));
        fiber01.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(plan, Fiber01, 0.2)]));

        // 0.04 s per hop, store and forward: in at edge 2 at 0.28 s, all of it transmission.
        var hop = 4e6 / scenario.Network.FiberRateBps;
        var task = Assert.Single(ResourceWiring.ExpectBatch(edge2, 1, ResourceRef.Fiber(1, 2)).Tasks);
        Assert.Equal(0.2 + 2 * hop, task.Time, Tolerance);
        Assert.Equal(2 * hop, task.TransmissionS, Tolerance);
        Assert.Equal(0.0, task.QueueingS, Tolerance);
        Assert.Equal(ResourceRef.EdgeCompute(2), task.NextResource());
        var horizons = wiring.ExpectHorizons(2);
        Assert.Equal(0, horizons[Fiber01].PendingTasks);
        Assert.Equal(0, horizons[ResourceRef.Fiber(1, 2)].PendingTasks);
    }

    [Fact]
    public void Fifo_fiber_link_shared_by_two_routes_starts_the_second_transfer_when_the_first_ends()
    {
        // A line 0-1-2: tasks from cell 0 and from cell 1 to edge 2 both cross the physical link 1->2.
        var (wiring, a, b, edge2) = LineToEdge2();
        var hop = 4e6 / Tiny.FiberRateBps;

        // a reaches link 1->2 at 0.2 + 0.04 = 0.24 s and holds it until 0.28 s; b, in at 0.25 s, waits for it.
        var arrived = ResourceWiring.ExpectBatch(edge2, 1, ResourceRef.Fiber(1, 2));
        var first = ResourceWiring.Find(arrived, a.Request.TaskId);
        var second = ResourceWiring.Find(arrived, b.Request.TaskId);
        Assert.Equal(0.2 + 2 * hop, first.Time, Tolerance);
        Assert.Equal(0.0, first.QueueingS, Tolerance);
        Assert.Equal(0.2 + 3 * hop, second.Time, Tolerance);
        Assert.Equal(0.2 + 2 * hop - 0.25, second.QueueingS, Tolerance);
        Assert.Equal(hop, second.TransmissionS, Tolerance);
        var horizons = wiring.ExpectHorizons(2);
        Assert.All(horizons.Values, h => Assert.Equal(0, h.PendingTasks));
    }

    [Fact]
    public void Fifo_fiber_link_shared_by_two_routes_holds_a_task_between_its_hops_as_queueing()
    {
        // b now reaches link 1->2 at 0.22 s, before a (at 0.24 s): a waits there until b is through at 0.26 s.
        var (wiring, a, b, edge2) = LineToEdge2(secondArrival: 0.22);
        var hop = 4e6 / Tiny.FiberRateBps;

        var arrived = ResourceWiring.ExpectBatch(edge2, 1, ResourceRef.Fiber(1, 2));
        var first = ResourceWiring.Find(arrived, b.Request.TaskId);
        var second = ResourceWiring.Find(arrived, a.Request.TaskId);
        Assert.Equal(0.22 + hop, first.Time, Tolerance);
        Assert.Equal(0.0, first.QueueingS, Tolerance);
        Assert.Equal(0.22 + 2 * hop, second.Time, Tolerance);
        // The wait between the hops is queueing; the two hops' service is the transmission.
        Assert.Equal(0.22 + hop - (0.2 + hop), second.QueueingS, Tolerance);
        Assert.Equal(2 * hop, second.TransmissionS, Tolerance);
        wiring.ExpectHorizons(2);
    }

    [Fact]
    public void A_wave_that_names_no_fiber_link_sends_only_to_the_edge()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Dedicated);
        var system = new SystemView(scenario);
        var (wiring, link, edge, fiber) = RadioLink(system);
        var local = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        link.Tell(Tiny.Open(1, 1, Tiny.Role(Radio0, entries: 1, downstream: [Edge0])));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(local)));

        Assert.Single(ResourceWiring.ExpectBatch(edge, 1, Radio0).Tasks);
        Assert.Equal(0, wiring.ExpectHorizon(1, Radio0).PendingTasks);
        fiber.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_wave_that_names_a_fiber_link_sends_it_its_batch_even_when_empty()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Dedicated);
        var system = new SystemView(scenario);
        var (wiring, link, edge, fiber) = RadioLink(system);
        var remote = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);

        link.Tell(Tiny.Open(1, 1, Tiny.Role(Radio0, entries: 1, downstream: [Edge0, Fiber01])));
        link.Tell(new TaskCommands.Enter(TaskProgress.Start(remote)));

        Assert.Equal(remote.Request.TaskId, Assert.Single(ResourceWiring.ExpectBatch(fiber, 1, Radio0).Tasks).TaskId);
        Assert.Empty(ResourceWiring.ExpectBatch(edge, 1, Radio0).Tasks);
        Assert.Equal(0, wiring.ExpectHorizon(1, Radio0).PendingTasks);
    }

    [Fact]
    public void Fiber_link_with_nothing_in_flight_passes_its_upstream_promise_on()
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge1 = wiring.Probe(ResourceRef.EdgeCompute(1));
        var fiber = wiring.Spawn(Fiber01);

        fiber.Tell(Tiny.Open(1, 1, Tiny.Role(Fiber01, upstream: [Radio0], downstream: [ResourceRef.EdgeCompute(1)])));
        fiber.Tell(Tiny.Batch(1, Radio0, []));

        Assert.Empty(ResourceWiring.ExpectBatch(edge1, 1, Fiber01).Tasks);
        Assert.Equal(0, wiring.ExpectHorizon(1, Fiber01).PendingTasks);
    }

    [Fact]
    public void Radio_link_refuses_a_task_bound_for_a_link_that_takes_no_part_in_the_wave()
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var (wiring, link, edge, fiber) = RadioLink(system);
        var remote = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);

        // A link carries a job only while it is on an active link: fiber 0->1 is missing from this role.
        EventFilter.Exception<InvalidOperationException>(contains: Fiber01.ToString()).ExpectOne(() =>
        {
            link.Tell(Tiny.Open(1, 1, Tiny.Role(Radio0, entries: 1, downstream: [Edge0])));
            link.Tell(new TaskCommands.Enter(TaskProgress.Start(remote)));
        });

        edge.ExpectNoMsg(TimeSpan.Zero);
        fiber.ExpectNoMsg(TimeSpan.Zero);
        wiring.Coordinator.ExpectNoMsg(Quiet);
    }

    /// <summary>Cell 0's radio for real; edge 0 and fiber 0->1 are probes.</summary>
    private (ResourceWiring Wiring, IActorRef Link, TestProbe Edge, TestProbe Fiber) RadioLink(SystemView system)
    {
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Probe(Edge0);
        var fiber = wiring.Probe(Fiber01);
        return (wiring, wiring.Spawn(Radio0), edge, fiber);
    }

    /// <summary>
    /// A line 0-1-2 with fifo fiber, both fiber links into edge 2 real: task a from cell 0 enters link 0->1 at 0.2 s;
    /// task b from cell 1 enters link 1->2 at <paramref name="secondArrival"/>. Both 4 Mbit (0.04 s a hop).
    /// </summary>
    private (ResourceWiring Wiring, TaskPlan A, TaskPlan B, TestProbe Edge2) LineToEdge2(double secondArrival = 0.25)
    {
        var scenario = Tiny.Scenario(fiber: LinkDiscipline.Fifo, cells: 3, devices: 3, topology: TopologyKind.Line);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var fiber12 = ResourceRef.Fiber(1, 2);
        var edge2 = wiring.Probe(ResourceRef.EdgeCompute(2));
        var link01 = wiring.Spawn(Fiber01);
        var link12 = wiring.Spawn(fiber12);
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 2, 1, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 1, Tiny.SmallModel, 4e6), 2, 1, Tiny.SmallModel);
        Assert.Equal([ResourceRef.Wireless(1), fiber12, ResourceRef.EdgeCompute(2)], b.Route.Select(s => s.Resource));

        link12.Tell(Tiny.Open(1, 1, Tiny.Role(fiber12, upstream: [ResourceRef.Wireless(1), Fiber01], downstream: [ResourceRef.EdgeCompute(2)])));
        link01.Tell(Tiny.Open(1, 1, Tiny.Role(Fiber01, upstream: [Radio0], downstream: [fiber12])));
        link12.Tell(Tiny.Batch(1, ResourceRef.Wireless(1), [Tiny.ArrivedAt(b, fiber12, secondArrival)]));
        link01.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(a, Fiber01, 0.2)]));
        return (wiring, a, b, edge2);
    }

    private static void ExpectSilence(ResourceWiring wiring, TestProbe edge, TestProbe fiber)
    {
        edge.ExpectNoMsg(Quiet);
        fiber.ExpectNoMsg(TimeSpan.Zero);
        wiring.Coordinator.ExpectNoMsg(TimeSpan.Zero);
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
}
