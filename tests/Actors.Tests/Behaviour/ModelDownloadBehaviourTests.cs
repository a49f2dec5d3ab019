using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>Model downloads from the cloud: misses for one model at one edge in a slot share one download.</summary>
public sealed class ModelDownloadBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    private readonly TestProbe _coordinator;
    private readonly TestProbe _edge0;
    private readonly TestProbe _edge1;
    private readonly IActorRef _cloud;

    public ModelDownloadBehaviourTests()
    {
        _coordinator = CreateTestProbe("coordinator");
        _edge0 = CreateTestProbe("edge-0");
        _edge1 = CreateTestProbe("edge-1");
        var system = new SystemView(Tiny.Scenario(backhaul: LinkDiscipline.Fifo));
        var backhauls = new[]
        {
            Sys.ActorOf(BackhaulActor.Props(system, 0, _edge0.Ref, _coordinator.Ref), "backhaul-0"),
            Sys.ActorOf(BackhaulActor.Props(system, 1, _edge1.Ref, _coordinator.Ref), "backhaul-1"),
        };
        _cloud = Sys.ActorOf(CloudActor.Props(backhauls), "cloud");
    }

    [Fact]
    public void Two_misses_of_one_model_at_one_edge_share_one_download_and_both_compute_with_it()
    {
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Dedicated, backhaul: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        TaskRequest[] tasks =
        [
            Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6),
            Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6),
        ];
        EdgeStatus[] nothingCached = [Tiny.Status(scenario, 0), Tiny.Status(scenario, 1)];
        var decision = new SlotDecider(system, ScriptedPolicy.AllTo(0)).Decide(1, tasks, nothingCached);
        Assert.All(decision.Plans, plan => Assert.NotNull(plan.Fetch));
        Assert.Equal(2, decision.TasksPerEdge[0]);

        _cloud.Tell(new SlotCommands.FetchModels(1, 1.0, decision.Downloads));

        // One ModelArrival at edge 0, after h_m / R_i2c = 40 Mbit / 100 Mbit/s = 0.4 s (eq. (3)); edge 1 gets the horizon only.
        var models = _edge0.ExpectMsg<ModelEvents.ModelBatch>(m => m.Slot == 1 && m.Horizon == 1.0);
        var arrival = Assert.Single(models.Arrivals);
        Assert.Equal(new ModelArrival(Tiny.SmallModel, 1, system.DownloadSeconds(Tiny.SmallModel)), arrival);
        Assert.Equal(0.4, arrival.Time, Tolerance);
        _edge1.ExpectMsg<ModelEvents.ModelBatch>(m => m.Slot == 1 && m.Arrivals.Length == 0);
        var backhaulHorizons = ExpectHorizons(2);
        Assert.True(backhaulHorizons.ContainsKey(ResourceRef.Backhaul(0)));
        Assert.True(backhaulHorizons.ContainsKey(ResourceRef.Backhaul(1)));
        _edge0.ExpectNoMsg(Quiet);

        // Both inputs reach edge 0 over the dedicated uplink at s / R_u = 0.2 s, then wait for the one download.
        var devices = new Dictionary<int, TestProbe> { [0] = CreateTestProbe("device-0"), [2] = CreateTestProbe("device-2") };
        var edge = Sys.ActorOf(EdgeServerActor.Props(system, 0, scenario.EdgeCount + 1, _coordinator.Ref));
        var fiber = CreateTestProbe("fiber-0-1");
        var downstream = new Dictionary<ResourceRef, IActorRef> { [ResourceRef.EdgeCompute(0)] = edge, [ResourceRef.Fiber(0, 1)] = fiber.Ref };
        var radio = Sys.ActorOf(LinkActor.Props(system, ResourceRef.Wireless(0), downstream, _coordinator.Ref, uploadsPerWave: true));
        radio.Tell(new SlotCommands.OpenWave(1, 1.0, decision.UploadsPerCell[0]));
        edge.Tell(new SlotCommands.OpenWave(1, 1.0, decision.TasksPerEdge[0]));
        foreach (var plan in decision.Plans)
        {
            radio.Tell(new TaskCommands.Upload(TaskProgress.Start(plan), devices[plan.Request.Device].Ref));
        }

        edge.Tell(new TaskCommands.TransitBatch(1, 1.0, []));
        edge.Tell(models);

        // Both compute from the model's arrival, sharing f: 0.4 + 0.2 Gcycles / (1 GHz / 2) = 0.8 s.
        var compute = scenario.Models[Tiny.SmallModel].CyclesTo(1) / (scenario.Edges[0].CapacityHz / 2);
        foreach (var task in tasks)
        {
            var done = devices[task.Device].ExpectMsg<TaskEvents.TaskFinished>().Task;
            var inputArrival = task.ReleaseTime + task.InputBits / task.UplinkRateBps;
            Assert.Equal(0.2, inputArrival, Tolerance);
            Assert.Equal(arrival.Time - inputArrival, done.DownloadS, Tolerance);
            Assert.Equal(compute, done.ComputeS, Tolerance);
            Assert.Equal(arrival.Time + compute, done.Time, Tolerance);
            Assert.False(done.ToRecord().CacheHit);
        }

        var waveHorizons = ExpectHorizons(2);
        Assert.Equal(0, waveHorizons[ResourceRef.Wireless(0)].PendingTasks);
        Assert.Equal(0, waveHorizons[ResourceRef.EdgeCompute(0)].PendingTasks);
    }

    [Fact]
    public void Misses_of_one_model_at_two_edges_download_it_once_into_each()
    {
        var scenario = Tiny.Scenario(backhaul: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        TaskRequest[] tasks =
        [
            Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6),
            Tiny.Request(scenario, 1, 1, Tiny.SmallModel, 4e6),
            Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6),
            Tiny.Request(scenario, 1, 3, Tiny.SmallModel, 4e6),
        ];
        EdgeStatus[] nothingCached = [Tiny.Status(scenario, 0), Tiny.Status(scenario, 1)];
        var decision = new SlotDecider(system, ScriptedPolicy.LocalFirstExit()).Decide(1, tasks, nothingCached);

        _cloud.Tell(new SlotCommands.FetchModels(1, 1.0, decision.Downloads));

        foreach (var edge in new[] { _edge0, _edge1 })
        {
            var models = edge.ExpectMsg<ModelEvents.ModelBatch>(m => m.Slot == 1);
            Assert.Equal(Tiny.SmallModel, Assert.Single(models.Arrivals).ModelId);
        }

        ExpectHorizons(2);
    }

    /// <summary>Reports from resources that run in parallel, in whatever order they come.</summary>
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
