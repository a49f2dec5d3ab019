using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using MecActors.Core.Tests.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Core.Tests.Decisions;

/// <summary>
/// <see cref="SystemView"/>'s estimates follow each resource's discipline and queue state, hand-computed on tiny.conf:
/// two edges of 10 GHz over 2 cores one fiber hop apart (1 Gbit/s), a 5 Gbit/s backhaul, 10 MHz per cell; the small
/// model is 300 MB (a download of 2.4 Gbit, 0.48 s alone) and its exit 2 is 0.5 Gcycles. The task uploads 8 Mbit at a
/// dedicated rate of 20 Mbit/s (0.4 s), and its gain gives SNR 15 over the whole band, 40 Mbit/s there (0.2 s).
/// </summary>
public class SystemViewEstimateTests
{
    private const double Tolerance = 1e-12;
    private const int Small = 0;
    private const int Exit = 2;

    [Fact]
    public void Paper_000_estimates_are_eqs_1_to_3_and_f_over_K_exactly_whatever_the_queues()
    {
        var scenario = ScenarioFiles.Load(HoconParser.ParseFile(ScenarioFiles.JointCaching));
        var system = new SystemView(scenario);
        var busy = ResourceQueues.Of(SystemResources.Of(system).Select((r, i) => new QueueState(r, 0.01 * (i + 1), i % 3)));
        var network = scenario.Network;
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var local = random.Next(scenario.EdgeCount);
            var task = new TaskRequest(i, 1, 0, local, random.Next(scenario.Models.Count), random.NextDouble() * 1e7, 1e-10, 3.0, 1e6 + random.NextDouble() * 1e8, 0.0, 1.0);
            var target = random.Next(scenario.EdgeCount);
            var model = scenario.Models[task.ModelId];
            var exit = 1 + random.Next(model.ExitCount);
            var tasks = 1 + random.Next(8);
            var cached = random.Next(2) == 0;

            // The formulas as paper 000 states them, in the same order of operations.
            var transfer = task.InputBits / task.UplinkRateBps + task.InputBits / network.FiberRateBps * system.Topology.Hops(local, target);
            var ready = Math.Max(cached ? transfer : Math.Max(transfer, model.SizeBits / network.BackhaulRateBps), 0.0);
            var compute = model.CyclesTo(exit) / (scenario.Edges[target].CapacityHz / Math.Max(1, tasks));

            Assert.Equal(ready, system.ReadySeconds(task, target, cached, busy));
            Assert.Equal(compute, system.ComputeSeconds(task.ModelId, exit, target, tasks, busy));
            Assert.Equal(ready + compute, system.EstimateDelaySeconds(task, target, exit, cached, tasks, busy));
        }
    }

    [Fact]
    public void Equal_share_edge_gives_f_over_K_and_never_waits()
    {
        var system = Tiny(ComputeDiscipline.EqualSharePerSlot);
        var queues = Queues(new QueueState(ResourceRef.EdgeCompute(1), 0.9, 3));

        // Remote: 0.4 s up, 8 ms over the fiber; on a miss the 0.48 s download is later. K = 4: 0.5 G / 2.5 GHz = 0.2 s.
        Assert.Equal(0.408, system.ReadySeconds(Task(system), 1, cached: true, queues), Tolerance);
        Assert.Equal(0.48, system.ReadySeconds(Task(system), 1, cached: false, queues), Tolerance);
        Assert.Equal(0.2, system.ComputeSeconds(Small, Exit, 1, 4, queues), Tolerance);
        Assert.Equal(0.68, system.EstimateDelaySeconds(Task(system), 1, Exit, false, 4, queues), Tolerance);
    }

    [Fact]
    public void Fifo_edge_computes_on_one_core_after_its_backlog()
    {
        var system = Tiny(ComputeDiscipline.Fifo);

        // One core is 5 GHz whatever the slot brings: 0.1 s.
        Assert.Equal(0.1, system.ComputeSeconds(Small, Exit, 0, 4, ResourceQueues.None), Tolerance);

        // The input is in at 0.4 s; a core is free at 0.3 s (no wait) or 0.7 s (a wait).
        Assert.Equal(0.4, system.ReadySeconds(Task(system), 0, true, Queues(new QueueState(ResourceRef.EdgeCompute(0), 0.3, 2))), Tolerance);
        Assert.Equal(0.7, system.ReadySeconds(Task(system), 0, true, Queues(new QueueState(ResourceRef.EdgeCompute(0), 0.7, 2))), Tolerance);
        Assert.Equal(0.8, system.EstimateDelaySeconds(Task(system), 0, Exit, true, 1, Queues(new QueueState(ResourceRef.EdgeCompute(0), 0.7, 2))), Tolerance);

        // Released 0.2 s into the slot, the task finds 0.5 s of that backlog left, after its own 0.4 s upload: 0.5 s.
        var late = Task(system) with { ArrivalOffset = 0.2, ReleaseTime = 0.2 };
        Assert.Equal(0.5, system.ReadySeconds(late, 0, true, Queues(new QueueState(ResourceRef.EdgeCompute(0), 0.7, 2))), Tolerance);
    }

    [Fact]
    public void Processor_sharing_edge_shares_f_among_the_jobs_there_and_the_slots_tasks_over_its_cores()
    {
        var system = Tiny(ComputeDiscipline.ProcessorSharing);
        var queues = Queues(new QueueState(ResourceRef.EdgeCompute(0), 0.9, 3));

        // 3 jobs there + 2 of the slot: 10 GHz / 5 = 2 GHz, 0.25 s; alone, one core's 5 GHz: 0.1 s.
        Assert.Equal(0.25, system.ComputeSeconds(Small, Exit, 0, 2, queues), Tolerance);
        Assert.Equal(0.1, system.ComputeSeconds(Small, Exit, 0, 1, ResourceQueues.None), Tolerance);

        // Sharing starts at once: the backlog does not delay the start.
        Assert.Equal(0.4, system.ReadySeconds(Task(system), 0, true, queues), Tolerance);
    }

    [Fact]
    public void Fifo_radio_uploads_over_the_whole_band_after_its_backlog()
    {
        var system = Tiny(ComputeDiscipline.Fifo, wireless: LinkDiscipline.Fifo);

        Assert.Equal(0.2, system.UplinkSeconds(Task(system), ResourceQueues.None), Tolerance);
        Assert.Equal(0.5, system.UplinkSeconds(Task(system), Queues(new QueueState(ResourceRef.Wireless(0), 0.3, 1))), Tolerance);

        // Another cell's radio does not delay it.
        Assert.Equal(0.2, system.UplinkSeconds(Task(system), Queues(new QueueState(ResourceRef.Wireless(1), 0.3, 1))), Tolerance);
    }

    [Fact]
    public void Shared_radio_stretches_the_upload_by_the_uploads_under_way()
    {
        var system = Tiny(ComputeDiscipline.Fifo, wireless: LinkDiscipline.Shared);

        // Two uploads under way and this one: a third of 40 Mbit/s, 0.6 s.
        Assert.Equal(0.6, system.UplinkSeconds(Task(system), Queues(new QueueState(ResourceRef.Wireless(0), 0.1, 2))), Tolerance);
    }

    [Theory]
    [InlineData(LinkDiscipline.Dedicated, 0.408)]
    [InlineData(LinkDiscipline.Fifo, 0.508)]
    [InlineData(LinkDiscipline.Shared, 0.416)]
    public void Fiber_hops_follow_their_discipline(LinkDiscipline fiber, double expected)
    {
        var system = Tiny(ComputeDiscipline.Fifo, fiber: fiber);

        // The hop 0 -> 1 has 0.5 s of backlog and one transfer under way; the upload reaches it at 0.4 s; 8 ms alone.
        var queues = Queues(new QueueState(ResourceRef.Fiber(0, 1), 0.5, 1));
        Assert.Equal(expected, system.TransferSeconds(Task(system), 1, queues), Tolerance);
    }

    [Theory]
    [InlineData(LinkDiscipline.Dedicated, 0.48)]
    [InlineData(LinkDiscipline.Fifo, 0.58)]
    [InlineData(LinkDiscipline.Shared, 0.96)]
    public void Downloads_follow_the_backhauls_discipline(LinkDiscipline backhaul, double expected)
    {
        var system = Tiny(ComputeDiscipline.Fifo, backhaul: backhaul);

        // The backhaul of edge 0 has 0.1 s of backlog and one download under way.
        var queues = Queues(new QueueState(ResourceRef.Backhaul(0), 0.1, 1));
        Assert.Equal(expected, system.DownloadSeconds(Small, 0, queues), Tolerance);
        Assert.Equal(expected, system.ReadySeconds(Task(system), 0, cached: false, queues), Tolerance);
    }

    [Theory]
    [InlineData(LinkDiscipline.DeviceFifo)]
    [InlineData(LinkDiscipline.Allocated)]
    public void A_devices_transmitter_uploads_at_its_rate_after_its_own_backlog_only(LinkDiscipline wireless)
    {
        var system = Tiny(ComputeDiscipline.Fifo, wireless);
        var queues = Queues(new QueueState(ResourceRef.Transmitter(0), 0.3, 1), new QueueState(ResourceRef.Transmitter(2), 5.0, 4));

        // Device 0 waits 0.3 s for its own earlier upload, then 8 Mbit at 20 Mbit/s; device 2's queue is not its.
        Assert.Equal(0.7, system.UplinkSeconds(Task(system), queues), Tolerance);
        Assert.Equal(0.4, system.UplinkSeconds(Task(system), ResourceQueues.None), Tolerance);
    }

    [Fact]
    public void Allocated_edge_estimates_its_default_equal_split()
    {
        var system = Tiny(ComputeDiscipline.Allocated);

        // Four tasks at edge 1: 10 GHz / 4 each, 0.5 G in 0.2 s, whatever the queue.
        Assert.Equal(0.2, system.ComputeSeconds(Small, Exit, 1, 4, Queues(new QueueState(ResourceRef.EdgeCompute(1), 0.9, 3))), Tolerance);
    }

    private static SystemView Tiny(
        ComputeDiscipline edge,
        LinkDiscipline wireless = LinkDiscipline.Dedicated,
        LinkDiscipline fiber = LinkDiscipline.Dedicated,
        LinkDiscipline backhaul = LinkDiscipline.Dedicated)
    {
        var scenario = ScenarioFiles.Load(HoconParser.ParseFile(ScenarioFiles.Tiny));
        return new SystemView(scenario with { Disciplines = new DisciplineSpec(wireless, fiber, backhaul, edge) });
    }

    /// <summary>Device 0's task in cell 0: 8 Mbit, 20 Mbit/s on its dedicated share, SNR 15 over the whole band.</summary>
    private static TaskRequest Task(SystemView system)
    {
        var scenario = system.Scenario;
        var gain = 15.0 * Radio.NoisePowerW(scenario.Radio, scenario.Edges[0].BandwidthHz) / scenario.Radio.TxPowerW;
        return new TaskRequest(0, 1, 0, 0, Small, 8e6, gain, 2.0, 20e6, 0.0, 1.0);
    }

    private static ResourceQueues Queues(params QueueState[] states) => ResourceQueues.Of(states);
}
