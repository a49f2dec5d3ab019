using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>
/// Model downloads from the cloud: misses for one model at one edge in a slot share one download, which crosses
/// the edge's backhaul and reaches its processor as a model arrival in the backhaul's batch.
/// </summary>
public sealed class ModelDownloadBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);
    private static readonly ResourceRef Edge0 = ResourceRef.EdgeCompute(0);
    private static readonly ResourceRef Radio0 = ResourceRef.Wireless(0);
    private static readonly ResourceRef Backhaul0 = ResourceRef.Backhaul(0);

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
        var decision = new SlotDecider(system, ScriptedPolicy.AllTo(0)).Decide(1, tasks, NothingCached(scenario), ResourceQueues.None);
        Assert.All(decision.Plans, plan => Assert.NotNull(plan.Fetch));
        var download = Assert.Single(decision.Downloads);
        Assert.Equal(new ModelDownload(0, Tiny.SmallModel, 1, scenario.Models[Tiny.SmallModel].SizeBits, 0.0, 2), download);
        Assert.Equal([new ResourceCount(Edge0, 2)], decision.ComputeJobs);

        // The backhauls alone first, their edges as probes. Backhaul 1 takes part without a download of its own.
        var links = new ResourceWiring(this, system);
        var edge0 = links.Probe(Edge0);
        var edge1 = links.Probe(ResourceRef.EdgeCompute(1));
        links.Spawn(Backhaul0).Tell(Tiny.Open(1, 1, Tiny.Role(Backhaul0, downstream: [Edge0], fetches: FetchesOver(decision, Backhaul0))));
        links.Spawn(ResourceRef.Backhaul(1)).Tell(Tiny.Open(1, 1, Tiny.Role(ResourceRef.Backhaul(1), downstream: [ResourceRef.EdgeCompute(1)])));

        // One ModelArrival at edge 0, after h_m / R_i2c = 40 Mbit / 100 Mbit/s = 0.4 s (eq. (3)), for both misses;
        // edge 1 gets the promise only.
        var models = ResourceWiring.ExpectBatch(edge0, 1, Backhaul0);
        Assert.Empty(models.Tasks);
        var arrival = Assert.Single(models.Models);
        Assert.Equal(new ModelArrival(Tiny.SmallModel, 1, system.DownloadSeconds(Tiny.SmallModel), 2), arrival);
        Assert.Equal(0.4, arrival.Time, Tolerance);
        var nothing = ResourceWiring.ExpectBatch(edge1, 1, ResourceRef.Backhaul(1));
        Assert.Empty(nothing.Models);
        Assert.Empty(nothing.Tasks);
        var backhaulHorizons = links.ExpectHorizons(2);
        Assert.True(backhaulHorizons.ContainsKey(Backhaul0));
        Assert.True(backhaulHorizons.ContainsKey(ResourceRef.Backhaul(1)));
        edge0.ExpectNoMsg(Quiet);

        // Then the radio and the edge for real. Both inputs reach edge 0 over the dedicated uplink at
        // s / R_u = 0.2 s, then wait for the one download, which comes in the backhaul's batch from above.
        var cell = new ResourceWiring(this, system);
        var radio = cell.Spawn(Radio0);
        var edge = cell.Spawn(Edge0);
        cell.Probe(Backhaul0);
        radio.Tell(Tiny.Open(1, 1, Tiny.Role(Radio0, entries: 2, downstream: [Edge0])));
        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0, Backhaul0], computeJobs: 2)));
        foreach (var plan in decision.Plans)
        {
            radio.Tell(new TaskCommands.Enter(TaskProgress.Start(plan)));
        }

        edge.Tell(models);

        // Both compute from the model's arrival, sharing f: 0.4 + 0.2 Gcycles / (1 GHz / 2) = 0.8 s.
        var compute = scenario.Models[Tiny.SmallModel].CyclesTo(1) / (scenario.Edges[0].CapacityHz / 2);
        foreach (var task in tasks)
        {
            var done = cell.Device(task.Device).ExpectMsg<TaskEvents.TaskFinished>().Task;
            var inputArrival = task.ReleaseTime + task.InputBits / task.UplinkRateBps;
            Assert.Equal(0.2, inputArrival, Tolerance);
            Assert.Equal(arrival.Time - inputArrival, done.DownloadS, Tolerance);
            Assert.Equal(compute, done.ComputeS, Tolerance);
            Assert.Equal(arrival.Time + compute, done.Time, Tolerance);
            Assert.Equal(0.8, done.Time, Tolerance);
            Assert.False(done.ToRecord().CacheHit);
        }

        var waveHorizons = cell.ExpectHorizons(2);
        Assert.Equal(0, waveHorizons[Radio0].PendingTasks);
        Assert.Equal(0, waveHorizons[Edge0].PendingTasks);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Misses_wait_for_the_shared_download_whichever_batch_reaches_the_edge_first(bool modelFirst)
    {
        var scenario = Tiny.Scenario();
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Spawn(Edge0);
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0);
        // a is in before the model (at 0.4 s), b after it.
        var inputs = Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(a, Edge0, 0.2), Tiny.ArrivedAt(b, Edge0, 0.5)]);
        var model = Tiny.Batch(1, Backhaul0, [], [new ModelArrival(Tiny.SmallModel, 1, 0.4, 2)]);

        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0, Backhaul0], computeJobs: 2)));
        edge.Tell(modelFirst ? model : inputs);
        edge.Tell(modelFirst ? inputs : model);

        // 0.2 Gcycles at f / 2 = 0.4 s each, from max(input, model).
        var compute = scenario.Models[Tiny.SmallModel].CyclesTo(1) / (scenario.Edges[0].CapacityHz / 2);
        var first = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(0.4 - 0.2, first.DownloadS, Tolerance);
        Assert.Equal(0.4 + compute, first.Time, Tolerance);
        var second = wiring.Device(2).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(0.0, second.DownloadS, Tolerance);
        Assert.Equal(0.5 + compute, second.Time, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Edge0).PendingTasks);
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
        var decision = new SlotDecider(system, ScriptedPolicy.LocalFirstExit()).Decide(1, tasks, NothingCached(scenario), ResourceQueues.None);
        Assert.Equal(2, decision.Downloads.Length);

        var wiring = new ResourceWiring(this, system);
        var edges = new[] { wiring.Probe(Edge0), wiring.Probe(ResourceRef.EdgeCompute(1)) };
        for (var n = 0; n < edges.Length; n++)
        {
            var link = ResourceRef.Backhaul(n);
            wiring.Spawn(link).Tell(Tiny.Open(1, 1, Tiny.Role(link, downstream: [ResourceRef.EdgeCompute(n)], fetches: FetchesOver(decision, link))));
        }

        for (var n = 0; n < edges.Length; n++)
        {
            var arrival = Assert.Single(ResourceWiring.ExpectBatch(edges[n], 1, ResourceRef.Backhaul(n)).Models);
            Assert.Equal(new ModelArrival(Tiny.SmallModel, 1, 0.4, 2), arrival);
        }

        var horizons = wiring.ExpectHorizons(2);
        Assert.All(horizons.Values, h => Assert.Equal(0, h.PendingTasks));
    }

    [Fact]
    public void Fifo_backhaul_delivers_the_downloads_of_one_slot_one_after_the_other()
    {
        var scenario = Tiny.Scenario(backhaul: LinkDiscipline.Fifo);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var edge = wiring.Probe(Edge0);
        var backhaul = wiring.Spawn(Backhaul0);
        var small = new ModelDownload(0, Tiny.SmallModel, 1, scenario.Models[Tiny.SmallModel].SizeBits, 0.0, 1);
        var large = new ModelDownload(0, Tiny.LargeModel, 1, scenario.Models[Tiny.LargeModel].SizeBits, 0.0, 1);

        backhaul.Tell(Tiny.Open(1, 1, Tiny.Role(Backhaul0, downstream: [Edge0], fetches: [large, small])));

        // Both requested at the slot's start: one goes first at h_m / R_i2c (0.4 s or 0.8 s), the other waits for
        // it and is in when both are through, (40 + 80) Mbit / 100 Mbit/s = 1.2 s.
        var models = ResourceWiring.ExpectBatch(edge, 1, Backhaul0).Models;
        Assert.Equal(2, models.Length);
        Assert.Equal([Tiny.SmallModel, Tiny.LargeModel], models.Select(m => m.ModelId).Order());
        Assert.Equal(system.DownloadSeconds(models[0].ModelId), models[0].Time, Tolerance);
        Assert.Equal(1.2, models[1].Time, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Backhaul0).PendingTasks);
    }

    private static ModelDownload[] FetchesOver(SlotDecision decision, ResourceRef link) =>
        decision.Downloads.Where(d => d.Link == link).ToArray();

    private static EdgeStatus[] NothingCached(ScenarioSpec scenario) => [Tiny.Status(scenario, 0), Tiny.Status(scenario, 1)];
}
