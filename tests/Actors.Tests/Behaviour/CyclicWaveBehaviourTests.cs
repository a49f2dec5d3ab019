using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>
/// A cyclic wave, on a ring of five cells where two-hop routes chain the clockwise fiber links into a cycle
/// (4->0 feeds 0->1, which comes first in the wave's order: 4->0 to 0->1 is a back link). Each pass starts every
/// resource from its state at the wave's start; a back link's batch is the previous pass's; finished tasks wait
/// for the commit.
/// </summary>
public sealed class CyclicWaveBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private const double Hop = 4e6 / Tiny.FiberRateBps;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);
    private static readonly ResourceRef Fiber01 = ResourceRef.Fiber(0, 1);
    private static readonly ResourceRef Fiber12 = ResourceRef.Fiber(1, 2);
    private static readonly ResourceRef Fiber34 = ResourceRef.Fiber(3, 4);
    private static readonly ResourceRef Fiber40 = ResourceRef.Fiber(4, 0);
    private static readonly ResourceRef Edge0 = ResourceRef.EdgeCompute(0);
    private static readonly ResourceRef Edge1 = ResourceRef.EdgeCompute(1);

    private readonly ScenarioSpec _scenario = Tiny.Scenario(fiber: LinkDiscipline.Fifo, cells: 5, devices: 5, topology: TopologyKind.Ring);
    private readonly SystemView _system;

    /// <summary>Device 4 to edge 1: radio 4, fiber 4->0, fiber 0->1, edge 1.</summary>
    private readonly TaskPlan _fourToOne;

    /// <summary>Device 0 to edge 2: radio 0, fiber 0->1, fiber 1->2, edge 2.</summary>
    private readonly TaskPlan _zeroToTwo;

    /// <summary>Device 3 to edge 0: radio 3, fiber 3->4, fiber 4->0, edge 0.</summary>
    private readonly TaskPlan _threeToZero;

    public CyclicWaveBehaviourTests()
    {
        _system = new SystemView(_scenario);
        _fourToOne = Tiny.Plan(_system, Tiny.Request(_scenario, 1, 4, Tiny.SmallModel, 4e6), 1, 1, Tiny.SmallModel);
        _zeroToTwo = Tiny.Plan(_system, Tiny.Request(_scenario, 1, 0, Tiny.SmallModel, 4e6), 2, 1, Tiny.SmallModel);
        _threeToZero = Tiny.Plan(_system, Tiny.Request(_scenario, 1, 3, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
    }

    [Fact]
    public void Ring_routes_cross_the_links_this_fixture_assumes()
    {
        Assert.Equal([ResourceRef.Wireless(4), Fiber40, Fiber01, Edge1], _fourToOne.Route.Select(s => s.Resource));
        Assert.Equal([ResourceRef.Wireless(0), Fiber01, Fiber12, ResourceRef.EdgeCompute(2)], _zeroToTwo.Route.Select(s => s.Resource));
        Assert.Equal([ResourceRef.Wireless(3), Fiber34, Fiber40, Edge0], _threeToZero.Route.Select(s => s.Resource));
    }

    [Fact]
    public void Cyclic_link_waits_in_pass_two_for_the_back_batch_of_pass_one_and_restarts_from_the_wave_start()
    {
        var wiring = new ResourceWiring(this, _system);
        var edge1 = wiring.Probe(Edge1);
        var fiber12 = wiring.Probe(Fiber12);
        var link = wiring.Spawn(Fiber01);
        var radio0 = ResourceRef.Wireless(0);
        var fromRadio = new[] { Tiny.ArrivedAt(_zeroToTwo, Fiber01, 0.20) };

        link.Tell(Tiny.Open(1, 1, Tiny.Role(Fiber01, upstream: [radio0], backUpstream: [Fiber40], downstream: [Edge1, Fiber12]), cyclic: true));
        link.Tell(Tiny.Batch(1, radio0, fromRadio));

        // Pass 1 has no back batch to wait for: the radio's task alone, 0.20 s to 0.24 s.
        Assert.Equal(0.20 + Hop, Assert.Single(ResourceWiring.ExpectBatch(fiber12, 1, Fiber01).Tasks).Time, Tolerance);
        Assert.Empty(ResourceWiring.ExpectBatch(edge1, 1, Fiber01).Tasks);
        var first = wiring.ExpectHorizon(1, Fiber01);
        Assert.False(first.BackLinksChanged);

        link.Tell(new SlotCommands.NextPass(1, 2));
        link.Tell(Tiny.Batch(1, radio0, fromRadio, pass: 2));
        wiring.Coordinator.ExpectNoMsg(Quiet);

        // A back batch of pass 2 feeds pass 3, not this one.
        link.Tell(Tiny.Batch(1, Fiber40, [Tiny.ArrivedAt(_fourToOne, Fiber01, 0.30)], pass: 2));
        wiring.Coordinator.ExpectNoMsg(Quiet);
        fiber12.ExpectNoMsg(TimeSpan.Zero);

        link.Tell(Tiny.Batch(1, Fiber40, [Tiny.ArrivedAt(_fourToOne, Fiber01, 0.22)], pass: 1));

        // From the wave's start again, not behind pass 1's transfer: the radio's task 0.20 s to 0.24 s, the one
        // over the back link in at 0.22 s waits for it and leaves at 0.28 s.
        Assert.Equal(0.20 + Hop, Assert.Single(ResourceWiring.ExpectBatch(fiber12, 1, Fiber01, pass: 2).Tasks).Time, Tolerance);
        var onward = Assert.Single(ResourceWiring.ExpectBatch(edge1, 1, Fiber01, pass: 2).Tasks);
        Assert.Equal(_fourToOne.Request.TaskId, onward.TaskId);
        Assert.Equal(0.20 + 2 * Hop, onward.Time, Tolerance);
        Assert.Equal(0.20 + Hop - 0.22, onward.QueueingS, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Fiber01, pass: 2).PendingTasks);
    }

    [Fact]
    public void Cyclic_link_reports_its_back_link_changed_until_its_batch_repeats_the_previous_pass()
    {
        var wiring = new ResourceWiring(this, _system);
        var edge0 = wiring.Probe(Edge0);
        var fiber01 = wiring.Probe(Fiber01);
        var link = wiring.Spawn(Fiber40);
        var radio4 = ResourceRef.Wireless(4);
        var fromRadio = new[] { Tiny.ArrivedAt(_fourToOne, Fiber40, 0.20) };
        // The task from cell 3 reaches link 4->0 only from pass 2 on (the cycle brings it to link 3->4).
        var fromFiber34 = new[] { Tiny.ArrivedAt(_threeToZero, Fiber40, 0.18) };

        link.Tell(Tiny.Open(1, 1, Tiny.Role(Fiber40, upstream: [radio4, Fiber34], downstream: [Edge0], backDownstream: [Fiber01]), cyclic: true));
        link.Tell(Tiny.Batch(1, radio4, fromRadio));
        link.Tell(Tiny.Batch(1, Fiber34, []));

        // Pass 1: the back link carries something where there was nothing.
        Assert.Equal(0.20 + Hop, Assert.Single(ResourceWiring.ExpectBatch(fiber01, 1, Fiber40).Tasks).Time, Tolerance);
        Assert.Empty(ResourceWiring.ExpectBatch(edge0, 1, Fiber40).Tasks);
        Assert.True(wiring.ExpectHorizon(1, Fiber40).BackLinksChanged);

        // Pass 2: the task from cell 3 holds the link 0.18 s to 0.22 s, so the back link's task leaves later.
        link.Tell(new SlotCommands.NextPass(1, 2));
        link.Tell(Tiny.Batch(1, radio4, fromRadio, pass: 2));
        link.Tell(Tiny.Batch(1, Fiber34, fromFiber34, pass: 2));
        var delayed = Assert.Single(ResourceWiring.ExpectBatch(fiber01, 1, Fiber40, pass: 2).Tasks);
        Assert.Equal(0.18 + 2 * Hop, delayed.Time, Tolerance);
        Assert.Equal(0.18 + Hop - 0.20, delayed.QueueingS, Tolerance);
        Assert.Equal(0.18 + Hop, Assert.Single(ResourceWiring.ExpectBatch(edge0, 1, Fiber40, pass: 2).Tasks).Time, Tolerance);
        Assert.True(wiring.ExpectHorizon(1, Fiber40, pass: 2).BackLinksChanged);

        // Pass 3: the same inputs give the same back batch: the fixpoint.
        link.Tell(new SlotCommands.NextPass(1, 3));
        link.Tell(Tiny.Batch(1, radio4, fromRadio, pass: 3));
        link.Tell(Tiny.Batch(1, Fiber34, fromFiber34, pass: 3));
        Assert.Equal(delayed, Assert.Single(ResourceWiring.ExpectBatch(fiber01, 1, Fiber40, pass: 3).Tasks));
        Assert.Single(ResourceWiring.ExpectBatch(edge0, 1, Fiber40, pass: 3).Tasks);
        Assert.False(wiring.ExpectHorizon(1, Fiber40, pass: 3).BackLinksChanged);
    }

    [Fact]
    public void Cyclic_link_whose_back_link_stays_empty_reports_no_change()
    {
        var wiring = new ResourceWiring(this, _system);
        var edge0 = wiring.Probe(Edge0);
        var fiber01 = wiring.Probe(Fiber01);
        var link = wiring.Spawn(Fiber40);

        link.Tell(Tiny.Open(1, 1, Tiny.Role(Fiber40, upstream: [Fiber34], downstream: [Edge0], backDownstream: [Fiber01]), cyclic: true));
        link.Tell(Tiny.Batch(1, Fiber34, [Tiny.ArrivedAt(_threeToZero, Fiber40, 0.18)]));

        Assert.Empty(ResourceWiring.ExpectBatch(fiber01, 1, Fiber40).Tasks);
        Assert.Single(ResourceWiring.ExpectBatch(edge0, 1, Fiber40).Tasks);
        Assert.False(wiring.ExpectHorizon(1, Fiber40).BackLinksChanged);
    }

    [Fact]
    public void Cyclic_processor_hands_its_last_pass_finished_tasks_to_their_devices_only_at_the_commit()
    {
        var wiring = new ResourceWiring(this, _system);
        var edge = wiring.Spawn(Edge1);
        var fiber01 = wiring.Probe(Fiber01);
        var device = wiring.Device(4);

        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge1, upstream: [Fiber01], computeJobs: 1), cyclic: true));
        edge.Tell(Tiny.Batch(1, Fiber01, [Tiny.ArrivedAt(_fourToOne, Edge1, 0.24)]));
        Assert.Equal(0, wiring.ExpectHorizon(1, Edge1).PendingTasks);
        device.ExpectNoMsg(Quiet);

        // Pass 2 brings the task later (the cycle upstream delayed it); still nothing for the device.
        edge.Tell(new SlotCommands.NextPass(1, 2));
        edge.Tell(Tiny.Batch(1, Fiber01, [Tiny.ArrivedAt(_fourToOne, Edge1, 0.28)], pass: 2));
        Assert.Equal(0, wiring.ExpectHorizon(1, Edge1, pass: 2).PendingTasks);
        device.ExpectNoMsg(Quiet);

        // Only the commit of this wave releases it, once, with pass 2's timing: 0.2 Gcycles at 1 GHz from 0.28 s.
        edge.Tell(new SlotCommands.CommitWave(2));
        device.ExpectNoMsg(Quiet);
        edge.Tell(new SlotCommands.CommitWave(1));
        var done = device.ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(_fourToOne.Request.TaskId, done.TaskId);
        Assert.Equal(0.28 + _scenario.Models[Tiny.SmallModel].CyclesTo(1) / _scenario.Edges[1].CapacityHz, done.Time, Tolerance);
        Assert.True(done.Finished);
        device.ExpectNoMsg(Quiet);
        fiber01.ExpectNoMsg(TimeSpan.Zero);
        wiring.Coordinator.ExpectNoMsg(TimeSpan.Zero);
    }
}
