using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>
/// An edge's processor under paper 000's computation model (f_n(t) = f_n^max / K for the K tasks of a slot) and
/// its model cache: it advances once it has the wave and a batch from every upstream its role names.
/// </summary>
public sealed class EdgeServerBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);
    private static readonly ResourceRef Edge0 = ResourceRef.EdgeCompute(0);
    private static readonly ResourceRef Radio0 = ResourceRef.Wireless(0);
    private static readonly ResourceRef Fiber10 = ResourceRef.Fiber(1, 0);
    private static readonly ResourceRef Backhaul0 = ResourceRef.Backhaul(0);

    public enum LastInput
    {
        OpenWave,
        Radio,
        Fiber,
        Backhaul,
    }

    [Theory]
    [InlineData(LastInput.OpenWave)]
    [InlineData(LastInput.Radio)]
    [InlineData(LastInput.Fiber)]
    [InlineData(LastInput.Backhaul)]
    public void Equal_share_edge_gives_each_of_K_tasks_f_over_K_once_every_upstream_batch_and_the_wave_are_in(LastInput last)
    {
        var scenario = Tiny.Scenario(compute: ComputeDiscipline.EqualSharePerSlot);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        // Three tasks at edge 0: two from its own cell at 0.1 s and 0.2 s, one over the fiber from cell 1 at 0.3 s.
        var own0 = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var own2 = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var remote1 = Tiny.Plan(system, Tiny.Request(scenario, 1, 1, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var arrivals = new Dictionary<long, double> { [own0.Request.TaskId] = 0.1, [own2.Request.TaskId] = 0.2, [remote1.Request.TaskId] = 0.3 };
        var messages = new Dictionary<LastInput, object>
        {
            [LastInput.OpenWave] = Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0, Fiber10, Backhaul0], computeJobs: 3)),
            [LastInput.Radio] = Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(own0, Edge0, 0.1), Tiny.ArrivedAt(own2, Edge0, 0.2)]),
            [LastInput.Fiber] = Tiny.Batch(1, Fiber10, [Tiny.ArrivedAt(remote1, Edge0, 0.3)]),
            [LastInput.Backhaul] = Tiny.Batch(1, Backhaul0, []),
        };

        foreach (var (input, message) in messages)
        {
            if (input != last)
            {
                edge.Tell(message);
            }
        }

        wiring.Coordinator.ExpectNoMsg(Quiet);
        for (var u = 0; u < scenario.DeviceCount; u++)
        {
            wiring.Device(u).ExpectNoMsg(TimeSpan.Zero);
        }

        edge.Tell(messages[last]);

        // c / (f / K) = 0.2 Gcycles / (1 GHz / 3) = 0.6 s for each.
        var compute = scenario.Models[Tiny.SmallModel].CyclesTo(1) / (scenario.Edges[0].CapacityHz / 3);
        Assert.Equal(0.6, compute, Tolerance);
        foreach (var device in new[] { 0, 2, 1 })
        {
            var task = wiring.Device(device).ExpectMsg<TaskEvents.TaskFinished>().Task;
            var arrival = arrivals[task.TaskId];
            Assert.Equal(device, task.Plan.Request.Device);
            Assert.Equal(compute, task.ComputeS, Tolerance);
            Assert.Equal(0.0, task.QueueingS, Tolerance);
            Assert.Equal(0.0, task.DownloadS, Tolerance);
            Assert.Equal(arrival + compute, task.Time, Tolerance);
            Assert.True(task.Finished);
        }

        Assert.Equal(0, wiring.ExpectHorizon(1, Edge0).PendingTasks);
        wiring.Device(3).ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Edge_that_caches_the_model_computes_on_input_arrival()
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        var plan = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        Assert.True(plan.CacheHit);

        edge.Tell(new SlotCommands.PlaceModels(1, Tiny.Cache(scenario, Tiny.SmallModel)));
        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0], computeJobs: 1)));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(plan, Edge0, 0.2)]));

        var task = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        var compute = scenario.Models[Tiny.SmallModel].CyclesTo(1) / scenario.Edges[0].CapacityHz;
        Assert.Equal(0.0, task.DownloadS);
        Assert.Equal(compute, task.ComputeS, Tolerance);
        Assert.Equal(0.2 + compute, task.Time, Tolerance);
        Assert.True(task.ToRecord().CacheHit);
        Assert.Equal(0, wiring.ExpectHorizon(1, Edge0).PendingTasks);
    }

    [Theory]
    [InlineData(4e6)]
    [InlineData(12e6)]
    public void Edge_that_misses_the_model_computes_once_both_input_and_download_are_in(double inputBits)
    {
        var scenario = Tiny.Scenario(backhaul: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        var backhaul = wiring.Spawn(Backhaul0);
        var request = Tiny.Request(scenario, 1, 0, Tiny.SmallModel, inputBits);
        var plan = Tiny.Plan(system, request, 0, 1);
        Assert.False(plan.CacheHit);
        Assert.Equal(Backhaul0, plan.Fetch!.Resource);

        // Input over the dedicated uplink: s / R_u (0.2 s or 0.6 s); model over the backhaul: h_m / R_i2c = 0.4 s (eq. (3)).
        var inputArrival = inputBits / request.UplinkRateBps;
        var modelArrival = scenario.Models[Tiny.SmallModel].SizeBits / scenario.Network.BackhaulRateBps;
        Assert.Equal(modelArrival, system.DownloadSeconds(Tiny.SmallModel), Tolerance);
        var download = new ModelDownload(0, Tiny.SmallModel, 1, scenario.Models[Tiny.SmallModel].SizeBits, 0.0, 1);

        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0, Backhaul0], computeJobs: 1)));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(plan, Edge0, inputArrival)]));
        wiring.Device(0).ExpectNoMsg(Quiet);
        backhaul.Tell(Tiny.Open(1, 1, Tiny.Role(Backhaul0, downstream: [Edge0], fetches: [download])));

        var task = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        var compute = scenario.Models[Tiny.SmallModel].CyclesTo(1) / scenario.Edges[0].CapacityHz;
        Assert.Equal(Math.Max(0.0, modelArrival - inputArrival), task.DownloadS, Tolerance);
        Assert.Equal(Math.Max(inputArrival, modelArrival) + compute, task.Time, Tolerance);
        Assert.Equal(compute, task.ComputeS, Tolerance);
        Assert.False(task.ToRecord().CacheHit);
        var horizons = wiring.ExpectHorizons(2);
        Assert.Equal(0, horizons[Backhaul0].PendingTasks);
        Assert.Equal(0, horizons[Edge0].PendingTasks);
        Assert.All(horizons.Values, h => Assert.Equal(1, h.Wave));
    }

    [Fact]
    public void Edge_reports_a_miss_whose_download_has_not_arrived_as_pending()
    {
        // A slower backhaul: the 80 Mbit model takes 80 / 64 = 1.25 s, so it lands after the horizon.
        var scenario = Tiny.Scenario(backhaul: LinkDiscipline.Shared) with { Network = new NetworkSpec(Tiny.FiberRateBps, 64e6) };
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        var backhaul = wiring.Spawn(Backhaul0);
        var plan = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.LargeModel, 4e6), 0, 1);
        var size = scenario.Models[Tiny.LargeModel].SizeBits;
        var download = new ModelDownload(0, Tiny.LargeModel, 1, size, 0.0, 1);
        var edgeRole = Tiny.Role(Edge0, upstream: [Radio0, Backhaul0], computeJobs: 1);

        edge.Tell(Tiny.Open(1, 1, edgeRole));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(plan, Edge0, 0.2)]));
        backhaul.Tell(Tiny.Open(1, 1, Tiny.Role(Backhaul0, downstream: [Edge0], fetches: [download])));

        var first = wiring.ExpectHorizons(2);
        Assert.Equal(1, first[Edge0].PendingTasks);
        Assert.All(first.Values, h => Assert.Equal(1, h.Wave));
        wiring.Device(0).ExpectNoMsg(TimeSpan.Zero);

        // Slot 2: the task is still in flight, so both links into the edge take part; nothing new enters.
        edge.Tell(Tiny.Open(2, 2, edgeRole with { ComputeJobs = 0 }));
        edge.Tell(Tiny.Batch(2, Radio0, []));
        backhaul.Tell(Tiny.Open(2, 2, Tiny.Role(Backhaul0, downstream: [Edge0])));

        var arrival = size / scenario.Network.BackhaulRateBps;
        Assert.Equal(1.25, arrival, Tolerance);
        var task = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(arrival - 0.2, task.DownloadS, Tolerance);
        Assert.Equal(arrival + scenario.Models[Tiny.LargeModel].CyclesTo(1) / scenario.Edges[0].CapacityHz, task.Time, Tolerance);
        var second = wiring.ExpectHorizons(2);
        Assert.Equal(0, second[Edge0].PendingTasks);
        Assert.All(second.Values, h => Assert.Equal(2, h.Wave));
    }

    [Fact]
    public void Backhaul_counts_no_task_as_pending_while_a_download_outlives_the_horizon()
    {
        // The coordinator closes a slot once reported + pending tasks = released: a download is not a task.
        var scenario = Tiny.Scenario(backhaul: LinkDiscipline.Shared) with { Network = new NetworkSpec(Tiny.FiberRateBps, 64e6) };
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Probe(Edge0);
        var backhaul = wiring.Spawn(Backhaul0);
        var download = new ModelDownload(0, Tiny.LargeModel, 1, scenario.Models[Tiny.LargeModel].SizeBits, 0.0, 1);

        backhaul.Tell(Tiny.Open(1, 1, Tiny.Role(Backhaul0, downstream: [Edge0], fetches: [download])));

        Assert.Empty(ResourceWiring.ExpectBatch(edge, 1, Backhaul0).Models);
        Assert.Equal(0, wiring.ExpectHorizon(1, Backhaul0).PendingTasks);
    }

    [Fact]
    public void Edge_waits_only_for_the_upstream_links_its_role_names()
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        var plan = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        // No fiber link into edge 0 takes part: its radio and its backhaul are all it waits for.
        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0, Backhaul0], computeJobs: 1)));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(plan, Edge0, 0.2)]));
        wiring.Coordinator.ExpectNoMsg(Quiet);
        edge.Tell(Tiny.Batch(1, Backhaul0, []));

        wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>();
        Assert.Equal(0, wiring.ExpectHorizon(1, Edge0).PendingTasks);

        // Fiber 1->0 takes part in slot 2: three batches.
        edge.Tell(Tiny.Open(2, 2, Tiny.Role(Edge0, upstream: [Radio0, Fiber10, Backhaul0])));
        edge.Tell(Tiny.Batch(2, Radio0, []));
        edge.Tell(Tiny.Batch(2, Backhaul0, []));
        wiring.Coordinator.ExpectNoMsg(Quiet);
        edge.Tell(Tiny.Batch(2, Fiber10, []));
        Assert.Equal(0, wiring.ExpectHorizon(2, Edge0).PendingTasks);
    }

    [Fact]
    public void Edge_ignores_a_batch_of_another_wave()
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);

        edge.Tell(Tiny.Open(2, 2, Tiny.Role(Edge0, upstream: [Radio0])));
        edge.Tell(Tiny.Batch(1, Radio0, []));
        wiring.Coordinator.ExpectNoMsg(Quiet);
        edge.Tell(Tiny.Batch(2, Radio0, []));

        Assert.Equal(0, wiring.ExpectHorizon(2, Edge0).PendingTasks);
    }

    [Fact]
    public void Edge_reports_its_placed_cache_and_its_processor_backlog()
    {
        var scenario = Tiny.Scenario(compute: ComputeDiscipline.Fifo);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);

        edge.Tell(new SlotCommands.PlaceModels(1, Tiny.Cache(scenario, Tiny.SmallModel)));
        edge.Tell(new SlotCommands.ReportStatus(1, 0.0));
        var idle = ExpectMsg<SlotEvents.EdgeStatusReported>(r => r.Slot == 1).Status;
        Assert.Equal(0, idle.Edge);
        Assert.Equal([true, false], idle.Cached);
        Assert.Equal(0.0, idle.BacklogSeconds, Tolerance);

        // Two 0.5 s tasks in at 0.3 s keep the one core busy until 1.3 s: 0.3 s of backlog at slot 2's start.
        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0], computeJobs: 2)));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(a, Edge0, 0.3), Tiny.ArrivedAt(b, Edge0, 0.3)]));
        wiring.ExpectHorizon(1, Edge0);
        edge.Tell(new SlotCommands.PlaceModels(2, Tiny.Cache(scenario, Tiny.LargeModel)));
        edge.Tell(new SlotCommands.ReportStatus(2, 1.0));

        var busy = ExpectMsg<SlotEvents.EdgeStatusReported>(r => r.Slot == 2).Status;
        Assert.Equal([false, true], busy.Cached);
        Assert.Equal(0.3, busy.BacklogSeconds, Tolerance);
    }
}
