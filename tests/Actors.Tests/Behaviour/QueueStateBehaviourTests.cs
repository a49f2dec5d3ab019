using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Actors.Realtime;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>
/// A resource reports, with its horizon, what it holds past it; the next slot's queue state (backlog and jobs) comes
/// from that report. Hand-computed on the tiny system: exit 2 of the small model is 0.5 Gcycles, 0.5 s on one 1 GHz core.
/// </summary>
public sealed class QueueStateBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private static readonly ResourceRef Edge0 = ResourceRef.EdgeCompute(0);
    private static readonly ResourceRef Radio0 = ResourceRef.Wireless(0);

    [Fact]
    public void Fifo_edge_with_two_queued_tasks_reports_their_backlog_and_both_jobs_at_the_next_slot()
    {
        var (wiring, reached) = TwoTasksAtEdge(ComputeDiscipline.Fifo);

        // In at 0.6 s on one core: the first runs 0.6-1.1 s, the second waits and runs 1.1-1.6 s.
        var queue = reached.Queue;
        Assert.Equal(1.6, queue.FreeAt, Tolerance);
        Assert.Equal(0, queue.Offered);
        Assert.Equal(1, queue.FirstSlotStart);
        Assert.Equal([2], queue.LeavingAfter.Select(s => s.Jobs));
        AssertState(queue.At(Edge0, 1, 1.0), backlog: 0.6, jobs: 2);
        AssertState(queue.At(Edge0, 2, 1.0), backlog: 0.0, jobs: 0);

        var tracker = new QueueTracker();
        tracker.Reported(Edge0, queue);
        AssertState(tracker.At(1, 1.0).Of(Edge0), backlog: 0.6, jobs: 2);
        Assert.Single(tracker.At(1, 1.0).Busy);
        AssertState(tracker.At(2, 1.0).Of(Edge0), backlog: 0.0, jobs: 0);
        Assert.Empty(tracker.At(2, 1.0).Busy);

        // The edge's own status reports the same backlog.
        wiring.Coordinator.Send(wiring.Directory[Edge0], new SlotCommands.ReportStatus(2, 1.0));
        Assert.Equal(0.6, wiring.Coordinator.ExpectMsg<SlotEvents.EdgeStatusReported>().Status.BacklogSeconds, Tolerance);
    }

    [Fact]
    public void Processor_sharing_edge_holds_both_tasks_and_reports_the_work_left_at_full_capacity()
    {
        var (_, reached) = TwoTasksAtEdge(ComputeDiscipline.ProcessorSharing);

        // From 0.6 s each runs at 0.5 GHz: by 1.0 s each has 0.3 Gcycles left, 0.6 s of work at 1 GHz.
        Assert.Equal(2, reached.PendingTasks);
        Assert.Equal(2, reached.Queue.Offered);
        Assert.Empty(reached.Queue.LeavingAfter);
        AssertState(reached.Queue.At(Edge0, 1, 1.0), backlog: 0.6, jobs: 2);
    }

    [Fact]
    public void Equal_share_edge_has_no_backlog_but_counts_the_tasks_still_computing()
    {
        var (_, reached) = TwoTasksAtEdge(ComputeDiscipline.EqualSharePerSlot);

        // K = 2: each runs at 0.5 GHz from 0.6 s and ends at 1.6 s; no task waits for another.
        Assert.Equal([2], reached.Queue.LeavingAfter.Select(s => s.Jobs));
        AssertState(reached.Queue.At(Edge0, 1, 1.0), backlog: 0.0, jobs: 2);
    }

    [Fact]
    public void A_resource_that_holds_nothing_past_the_horizon_reports_idle()
    {
        var scenario = Tiny.Scenario(compute: ComputeDiscipline.Fifo);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        var plan = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        wiring.Device(0).IgnoreMessages(_ => true);

        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0], computeJobs: 1)));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(plan, Edge0, 0.2)]));

        // 0.2-0.7 s: done before the horizon.
        Assert.Equal(QueueReport.Idle, wiring.ExpectHorizon(1, Edge0).Queue);
    }

    [Fact]
    public void Realtime_fifo_radio_measures_two_queued_uploads_as_backlog_and_jobs()
    {
        var scenario = Tiny.Scenario(LinkDiscipline.Fifo, slots: 1);
        var system = new SystemView(scenario);
        using var clock = new RealtimeClock(1.0);
        var directory = new LocalDirectory(scenario.DeviceCount);
        directory.Add(Edge0, CreateTestProbe().Ref);
        var radio = Sys.ActorOf(RealtimeResourceActor.Props(system, clock, Radio0, directory));
        directory.Add(Radio0, radio);

        // Over the whole band at 4 bit/s/Hz, 40 Mbit/s: two uploads of 40 Mbit keep the radio busy for 2 s.
        var snr = Tiny.FullBandSnr(scenario);
        var first = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 40e6, snr), 0, 1, Tiny.SmallModel);
        var second = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 40e6, snr), 0, 1, Tiny.SmallModel);
        var releasedAt = clock.Now;
        radio.Tell(new RealtimeCommands.SlotRole(1, releasedAt, 2, 0, []));
        radio.Tell(new TaskCommands.Enter(TaskProgress.Start(first)));
        radio.Tell(new TaskCommands.Enter(TaskProgress.Start(second)));
        radio.Tell(new RealtimeCommands.MeasureQueue(1));

        var measured = ExpectMsg<RealtimeCommands.QueueMeasured>();
        var elapsed = clock.Now - releasedAt;
        Assert.Equal(1, measured.Slot);
        Assert.Equal(Radio0, measured.State.Resource);
        Assert.Equal(2, measured.State.Jobs);
        Assert.InRange(measured.State.BacklogSeconds, 2.0 - elapsed - Tolerance, 2.0 + Tolerance);
    }

    /// <summary>Two tasks (exit 2, 0.5 s alone) reach edge 0 over the radio at 0.6 s in wave 1, whose horizon is 1.0 s.</summary>
    private (ResourceWiring Wiring, SlotEvents.HorizonReached Reached) TwoTasksAtEdge(ComputeDiscipline discipline)
    {
        var scenario = Tiny.Scenario(compute: discipline);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        wiring.Device(0).IgnoreMessages(_ => true);
        wiring.Device(2).IgnoreMessages(_ => true);

        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0], computeJobs: 2)));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(a, Edge0, 0.6), Tiny.ArrivedAt(b, Edge0, 0.6)]));
        return (wiring, wiring.ExpectHorizon(1, Edge0));
    }

    private static void AssertState(QueueState state, double backlog, int jobs)
    {
        Assert.Equal(Edge0, state.Resource);
        Assert.Equal(backlog, state.BacklogSeconds, Tolerance);
        Assert.Equal(jobs, state.Jobs);
    }
}
