using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>
/// An edge server under paper 000's computation model (f_n(t) = f_n^max / K for the K tasks of a slot) and its
/// model cache: it advances once it has the wave and a batch from each of its N + 1 upstream resources.
/// </summary>
public sealed class EdgeServerBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    private readonly TestProbe _coordinator;
    private readonly TestProbe[] _devices;

    public EdgeServerBehaviourTests()
    {
        _coordinator = CreateTestProbe("coordinator");
        _devices = [CreateTestProbe("device-0"), CreateTestProbe("device-1"), CreateTestProbe("device-2"), CreateTestProbe("device-3")];
    }

    public enum Upstream
    {
        OpenWave,
        Radio,
        Fiber,
        Backhaul,
    }

    [Theory]
    [InlineData(Upstream.OpenWave)]
    [InlineData(Upstream.Radio)]
    [InlineData(Upstream.Fiber)]
    [InlineData(Upstream.Backhaul)]
    public void Equal_share_edge_gives_each_of_K_tasks_f_over_K_once_every_upstream_batch_and_the_wave_are_in(Upstream last)
    {
        var scenario = Tiny.Scenario(compute: ComputeDiscipline.EqualSharePerSlot);
        var system = new SystemView(scenario);
        var edge = Sys.ActorOf(EdgeServerActor.Props(system, 0, scenario.EdgeCount + 1, _coordinator.Ref));
        // Three tasks at edge 0: two from its own cell at 0.1 s and 0.2 s, one over the fiber from cell 1 at 0.3 s.
        var own0 = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var own2 = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var remote1 = Tiny.Plan(system, Tiny.Request(scenario, 1, 1, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        var arrivals = new Dictionary<long, double> { [own0.Request.TaskId] = 0.1, [own2.Request.TaskId] = 0.2, [remote1.Request.TaskId] = 0.3 };
        var messages = new Dictionary<Upstream, object>
        {
            [Upstream.OpenWave] = new SlotCommands.OpenWave(1, 1.0, 3),
            [Upstream.Radio] = new TaskCommands.TransitBatch(1, 1.0,
            [
                new Transit(Tiny.ArrivedAt(own0, ResourceRef.EdgeCompute(0), 0.1), _devices[0].Ref),
                new Transit(Tiny.ArrivedAt(own2, ResourceRef.EdgeCompute(0), 0.2), _devices[2].Ref),
            ]),
            [Upstream.Fiber] = new TaskCommands.TransitBatch(1, 1.0, [new Transit(Tiny.ArrivedAt(remote1, ResourceRef.EdgeCompute(0), 0.3), _devices[1].Ref)]),
            [Upstream.Backhaul] = new ModelEvents.ModelBatch(1, 1.0, []),
        };

        foreach (var (kind, message) in messages)
        {
            if (kind != last)
            {
                edge.Tell(message);
            }
        }

        _coordinator.ExpectNoMsg(Quiet);
        foreach (var device in _devices)
        {
            device.ExpectNoMsg(TimeSpan.Zero);
        }

        edge.Tell(messages[last]);

        // c / (f / K) = 0.2 Gcycles / (1 GHz / 3) = 0.6 s for each.
        var compute = scenario.Models[Tiny.SmallModel].CyclesTo(1) / (scenario.Edges[0].CapacityHz / 3);
        Assert.Equal(0.6, compute, Tolerance);
        foreach (var device in new[] { 0, 2, 1 })
        {
            var task = _devices[device].ExpectMsg<TaskEvents.TaskFinished>().Task;
            var arrival = arrivals[task.TaskId];
            Assert.Equal(compute, task.ComputeS, Tolerance);
            Assert.Equal(0.0, task.QueueingS, Tolerance);
            Assert.Equal(0.0, task.DownloadS, Tolerance);
            Assert.Equal(arrival + compute, task.Time, Tolerance);
            Assert.Equal(task.Plan.Route.Length, task.StageIndex);
        }

        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.Resource == ResourceRef.EdgeCompute(0) && h.PendingTasks == 0);
        _devices[3].ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Edge_that_caches_the_model_computes_on_input_arrival()
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var edge = Sys.ActorOf(EdgeServerActor.Props(system, 0, scenario.EdgeCount + 1, _coordinator.Ref));
        var plan = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        Assert.True(plan.CacheHit);

        edge.Tell(new SlotCommands.PlaceModels(1, Tiny.Cache(scenario, Tiny.SmallModel)));
        edge.Tell(new SlotCommands.OpenWave(1, 1.0, 1));
        edge.Tell(new TaskCommands.TransitBatch(1, 1.0, [new Transit(Tiny.ArrivedAt(plan, ResourceRef.EdgeCompute(0), 0.2), _devices[0].Ref)]));
        edge.Tell(new TaskCommands.TransitBatch(1, 1.0, []));
        edge.Tell(new ModelEvents.ModelBatch(1, 1.0, []));

        var task = _devices[0].ExpectMsg<TaskEvents.TaskFinished>().Task;
        var compute = scenario.Models[Tiny.SmallModel].CyclesTo(1) / scenario.Edges[0].CapacityHz;
        Assert.Equal(0.0, task.DownloadS);
        Assert.Equal(compute, task.ComputeS, Tolerance);
        Assert.Equal(0.2 + compute, task.Time, Tolerance);
        Assert.True(task.ToRecord().CacheHit);
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.PendingTasks == 0);
    }

    [Theory]
    [InlineData(4e6)]
    [InlineData(12e6)]
    public void Edge_that_misses_the_model_computes_once_both_input_and_download_are_in(double inputBits)
    {
        var scenario = Tiny.Scenario(backhaul: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        var edge = Sys.ActorOf(EdgeServerActor.Props(system, 0, scenario.EdgeCount + 1, _coordinator.Ref));
        var backhaul = Sys.ActorOf(BackhaulActor.Props(system, 0, edge, _coordinator.Ref));
        var request = Tiny.Request(scenario, 1, 0, Tiny.SmallModel, inputBits);
        var plan = Tiny.Plan(system, request, 0, 1);
        Assert.False(plan.CacheHit);
        Assert.NotNull(plan.Fetch);

        // Input over the dedicated uplink: s / R_u (0.2 s or 0.6 s); model over the backhaul: h_m / R_i2c = 0.4 s (eq. (3)).
        var inputArrival = inputBits / request.UplinkRateBps;
        var modelArrival = scenario.Models[Tiny.SmallModel].SizeBits / scenario.Network.BackhaulRateBps;
        Assert.Equal(modelArrival, system.DownloadSeconds(Tiny.SmallModel), Tolerance);

        edge.Tell(new SlotCommands.OpenWave(1, 1.0, 1));
        edge.Tell(new TaskCommands.TransitBatch(1, 1.0, [new Transit(Tiny.ArrivedAt(plan, ResourceRef.EdgeCompute(0), inputArrival), _devices[0].Ref)]));
        edge.Tell(new TaskCommands.TransitBatch(1, 1.0, []));
        _devices[0].ExpectNoMsg(Quiet);
        backhaul.Tell(new ModelCommands.DownloadBatch(1, 1.0, [new ModelDownload(0, Tiny.SmallModel, 1, scenario.Models[Tiny.SmallModel].SizeBits, 0.0)]));

        var task = _devices[0].ExpectMsg<TaskEvents.TaskFinished>().Task;
        var compute = scenario.Models[Tiny.SmallModel].CyclesTo(1) / scenario.Edges[0].CapacityHz;
        Assert.Equal(Math.Max(0.0, modelArrival - inputArrival), task.DownloadS, Tolerance);
        Assert.Equal(Math.Max(inputArrival, modelArrival) + compute, task.Time, Tolerance);
        Assert.Equal(compute, task.ComputeS, Tolerance);
        Assert.False(task.ToRecord().CacheHit);
        var horizons = ExpectHorizons(2);
        Assert.Equal(0, horizons[ResourceRef.Backhaul(0)].PendingTasks);
        Assert.Equal(0, horizons[ResourceRef.EdgeCompute(0)].PendingTasks);
        Assert.All(horizons.Values, h => Assert.Equal(1, h.Slot));
    }

    [Fact]
    public void Edge_reports_a_miss_whose_download_has_not_arrived_as_pending()
    {
        // A slower backhaul: the 80 Mbit model takes 80 / 64 = 1.25 s, so it lands after the horizon.
        var scenario = Tiny.Scenario(backhaul: LinkDiscipline.Shared) with { Network = new NetworkSpec(Tiny.FiberRateBps, 64e6) };
        var system = new SystemView(scenario);
        var edge = Sys.ActorOf(EdgeServerActor.Props(system, 0, scenario.EdgeCount + 1, _coordinator.Ref));
        var backhaul = Sys.ActorOf(BackhaulActor.Props(system, 0, edge, _coordinator.Ref));
        var plan = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.LargeModel, 4e6), 0, 1);
        var size = scenario.Models[Tiny.LargeModel].SizeBits;
        var download = new ModelDownload(0, Tiny.LargeModel, 1, size, 0.0);

        edge.Tell(new SlotCommands.OpenWave(1, 1.0, 1));
        edge.Tell(new TaskCommands.TransitBatch(1, 1.0, [new Transit(Tiny.ArrivedAt(plan, ResourceRef.EdgeCompute(0), 0.2), _devices[0].Ref)]));
        edge.Tell(new TaskCommands.TransitBatch(1, 1.0, []));
        backhaul.Tell(new ModelCommands.DownloadBatch(1, 1.0, [download]));

        var first = ExpectHorizons(2);
        Assert.Equal(1, first[ResourceRef.EdgeCompute(0)].PendingTasks);
        Assert.All(first.Values, h => Assert.Equal(1, h.Slot));
        _devices[0].ExpectNoMsg(TimeSpan.Zero);

        edge.Tell(new SlotCommands.OpenWave(2, 2.0, 0));
        edge.Tell(new TaskCommands.TransitBatch(2, 2.0, []));
        edge.Tell(new TaskCommands.TransitBatch(2, 2.0, []));
        backhaul.Tell(new ModelCommands.DownloadBatch(2, 2.0, []));

        var arrival = size / scenario.Network.BackhaulRateBps;
        Assert.Equal(1.25, arrival, Tolerance);
        var task = _devices[0].ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(arrival - 0.2, task.DownloadS, Tolerance);
        Assert.Equal(arrival + scenario.Models[Tiny.LargeModel].CyclesTo(1) / scenario.Edges[0].CapacityHz, task.Time, Tolerance);
        var second = ExpectHorizons(2);
        Assert.Equal(0, second[ResourceRef.EdgeCompute(0)].PendingTasks);
        Assert.All(second.Values, h => Assert.Equal(2, h.Slot));
    }

    [Fact]
    public void Edge_waits_only_for_the_fiber_paths_the_wave_names()
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var edge = Sys.ActorOf(EdgeServerActor.Props(system, 0, scenario.EdgeCount + 1, _coordinator.Ref));
        var plan = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);
        edge.Tell(new SlotCommands.PlaceModels(1, Tiny.Cache(scenario, Tiny.SmallModel)));

        // No fiber path into edge 0 takes part: its radio link and its backhaul are all it waits for.
        edge.Tell(new SlotCommands.OpenWave(1, 1.0, 1, []));
        edge.Tell(new TaskCommands.TransitBatch(1, 1.0, [new Transit(Tiny.ArrivedAt(plan, ResourceRef.EdgeCompute(0), 0.2), _devices[0].Ref)]));
        _coordinator.ExpectNoMsg(Quiet);
        edge.Tell(new ModelEvents.ModelBatch(1, 1.0, []));

        _devices[0].ExpectMsg<TaskEvents.TaskFinished>();
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 1 && h.PendingTasks == 0);

        // One path takes part in slot 2: three batches.
        edge.Tell(new SlotCommands.OpenWave(2, 2.0, 0, [1]));
        edge.Tell(new TaskCommands.TransitBatch(2, 2.0, []));
        edge.Tell(new ModelEvents.ModelBatch(2, 2.0, []));
        _coordinator.ExpectNoMsg(Quiet);
        edge.Tell(new TaskCommands.TransitBatch(2, 2.0, []));
        _coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Slot == 2 && h.PendingTasks == 0);
    }

    /// <summary>The backhaul and the edge it feeds both report; which report comes first is not fixed.</summary>
    private Dictionary<ResourceRef, SlotEvents.HorizonReached> ExpectHorizons(int count)
    {
        var horizons = new Dictionary<ResourceRef, SlotEvents.HorizonReached>();
        for (var i = 0; i < count; i++)
        {
            var h = _coordinator.ExpectMsg<SlotEvents.HorizonReached>();
            horizons.Add(h.Resource, h);
        }

        return horizons;
    }
}
