using Akka.TestKit.Xunit2;
using MecActors.Actors.Tests.Support;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;
using MecActors.Policies;
using Xunit;

namespace MecActors.Actors.Tests;

/// <summary>The actors and the sequential reference model compute the same system, task by task.</summary>
public sealed class EquivalenceTests : TestKit
{
    private const double Tolerance = 1e-9;

    public static IEnumerable<object[]> Scenarios() => Enumerable.Range(1, 56).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_task_delay_component_and_every_queue_state_matches_the_reference_model(int index)
    {
        var scenario = RandomScenarios.Draw(index);
        var system = new SystemView(scenario);
        var (referencePolicies, referenceQueues) = QueueRecorder.Wrap(PoliciesFor(index, system));
        var (actorPolicies, actorQueues) = QueueRecorder.Wrap(PoliciesFor(index, system));

        var expected = ReferenceModel.Run(system, referencePolicies, scenario.Slots, scenario.Seed);
        var actual = await EmulationRunner.RunAsync(Sys, system, actorPolicies, scenario.Slots, scenario.Seed);

        Assert.Equal(expected.Records.Count, actual.Records.Count);
        for (var i = 0; i < expected.Records.Count; i++)
        {
            AssertSame(expected.Records[i], actual.Records[i]);
        }

        Assert.Equal(referenceQueues.Observed.Count, actorQueues.Observed.Count);
        for (var i = 0; i < referenceQueues.Observed.Count; i++)
        {
            AssertSame(referenceQueues.Observed[i], actorQueues.Observed[i]);
        }
    }

    [Theory]
    [InlineData(Paper003Policies.BruteForceName)]
    [InlineData(Paper003Policies.QLearningName)]
    public async Task Paper_003s_dynamics_and_updates_run_in_the_actors_as_in_the_reference_model(string policy)
    {
        var path = Path.Combine(Serialization.SerializationSupport.RepoRoot, "config", "scenarios", "orchestration-dynamics.conf");
        var config = Core.Configuration.HoconParser.ParseFile(path).WithOverride("orchestration.charge-update", "on");
        var loaded = ScenarioLoader.FromConfig(config, PolicyCatalog.All);
        var scenario = loaded with { Devices = loaded.Devices.WithCount(3), Slots = 30 };
        var system = new SystemView(scenario);

        var expected = ReferenceModel.Run(system, PolicyCatalog.All.Create(policy, system, 1), scenario.Slots, scenario.Seed);
        var actual = await EmulationRunner.RunAsync(Sys, system, PolicyCatalog.All.Create(policy, system, 1), scenario.Slots, scenario.Seed);

        Assert.Contains(expected.Records.GroupBy(r => r.Slot), step => step.Count() < 3);
        Assert.Equal(expected.Records.Count, actual.Records.Count);
        for (var i = 0; i < expected.Records.Count; i++)
        {
            AssertSame(expected.Records[i], actual.Records[i]);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(48)]
    public async Task Traced_stages_match_the_reference_model_stage_by_stage(int index)
    {
        var scenario = RandomScenarios.Draw(index);
        var system = new SystemView(scenario) { TracesTasks = true };

        var expected = ReferenceModel.Run(system, PoliciesFor(index, system), scenario.Slots, scenario.Seed);
        var streamed = new List<TaskRecord>();
        var actual = await EmulationRunner.RunAsync(Sys, system, PoliciesFor(index, system), scenario.Slots, scenario.Seed, onTasksEnded: streamed.AddRange);

        // The run's own records keep no stages; the streamed ones carry them, one span per stage run.
        Assert.All(actual.Records, r => Assert.Null(r.Stages));
        var byId = streamed.ToDictionary(r => r.TaskId);
        Assert.Equal(expected.Records.Count, byId.Count);
        foreach (var e in expected.Records)
        {
            var a = byId[e.TaskId];
            AssertSame(e, a);
            Assert.Equal(e.Stages!.Length, a.Stages!.Length);
            for (var i = 0; i < e.Stages.Length; i++)
            {
                Assert.Equal(e.Stages[i].Resource, a.Stages[i].Resource);
                Assert.Equal(e.Stages[i].Start, a.Stages[i].Start, Tolerance);
                Assert.Equal(e.Stages[i].End, a.Stages[i].End, Tolerance);
            }
        }

        Assert.Contains(expected.Records, r => r.Stages!.Length >= 2);
    }

    public static IEnumerable<object[]> MultiEdgeScenarios() =>
        Enumerable.Range(1, 24).Where(i => RandomScenarios.Draw(i).EdgeCount >= 3).Take(2).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(MultiEdgeScenarios))]
    public async Task Only_resources_on_links_of_routes_in_flight_take_part_in_a_wave(int index)
    {
        var scenario = RandomScenarios.Draw(index);
        var system = new SystemView(scenario);
        var waves = scenario.Slots + 1;

        var local = await EmulationRunner.RunAsync(Sys, system, PolicyCatalog.All.Create(Paper000Policies.LocalEdgeGreedyName, system, scenario.Seed), scenario.Slots, scenario.Seed);
        var spread = await EmulationRunner.RunAsync(Sys, system, PolicyCatalog.All.Create(Paper000Policies.RandomDecisionsName, system, scenario.Seed), scenario.Slots, scenario.Seed);

        // Nothing leaves its cell: per wave at most every radio and edge (and a backhaul per download), each with one link.
        var localWaves = local.Waves!;
        Assert.Equal(localWaves.OpenWaves, localWaves.Horizons);
        Assert.InRange(localWaves.Batches, 1, 2L * scenario.EdgeCount * waves);
        Assert.Equal(0, localWaves.NextPasses);

        // Remote tasks add their fiber links: more links take part than when everything stays local.
        Assert.True(spread.Records.Any(r => r.Ran && r.TargetEdge != r.LocalEdge), "random decisions offloaded nothing");
        Assert.True(spread.Waves!.Batches > localWaves.Batches, $"{spread.Waves.Batches} batches with remote tasks, {localWaves.Batches} without");
    }

    /// <summary>Queue states seen at slot starts are worth comparing: queues build up in every kind of station.</summary>
    [Fact]
    public void The_random_scenarios_observe_backlogs_and_jobs_at_every_discipline()
    {
        var backlogs = new HashSet<string>();
        var jobs = new HashSet<string>();
        foreach (var row in Scenarios())
        {
            var index = (int)row[0];
            var scenario = RandomScenarios.Draw(index);
            var system = new SystemView(scenario);
            var (policies, recorder) = QueueRecorder.Wrap(PoliciesFor(index, system));
            ReferenceModel.Run(system, policies, scenario.Slots, scenario.Seed);
            foreach (var state in recorder.Observed.SelectMany(o => o.Queues.Busy))
            {
                var discipline = DisciplineOf(scenario, state.Resource.Kind);
                if (state.BacklogSeconds > 0)
                {
                    backlogs.Add(discipline);
                }

                if (state.Jobs > 0)
                {
                    jobs.Add(discipline);
                }
            }
        }

        // A dedicated share, an equal share and an allocated one never make a job wait, so only fifo (a device's
        // transmitter too) and sharing show a backlog.
        Assert.Equal(["fifo", "shared", "transmitter allocated", "transmitter device-fifo"], backlogs.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["allocated", "dedicated", "equal-share-per-slot", "fifo", "shared", "transmitter allocated", "transmitter device-fifo"],
            jobs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_random_scenarios_cover_carry_over_drops_every_discipline_and_every_arrival_kind()
    {
        var carried = 0;
        var dropped = 0;
        var several = 0;
        var offset = 0;
        var conditioned = 0;
        var arrivals = new HashSet<ArrivalKind>();
        var links = new HashSet<LinkDiscipline>();
        var computes = new HashSet<ComputeDiscipline>();
        foreach (var row in Scenarios())
        {
            var index = (int)row[0];
            var scenario = RandomScenarios.Draw(index);
            var system = new SystemView(scenario);
            var run = ReferenceModel.Run(system, PoliciesFor(index, system), scenario.Slots, scenario.Seed);
            carried += run.Records.Count(r => r.Ran && r.End > r.Slot * scenario.SlotSeconds);
            several += run.Records.GroupBy(r => (r.Slot, r.Device)).Where(g => g.Count() > 1).Sum(g => g.Count());
            offset += run.Records.Count(r => r.Release > (r.Slot - 1) * scenario.SlotSeconds);
            arrivals.Add(scenario.Workload.Arrivals);
            dropped += run.Records.Count(r => r.Outcome == TaskOutcome.Dropped);
            conditioned += index >= RandomScenarios.FirstWithConditions ? run.Records.Count(r => r.Ran) : 0;
            links.Add(scenario.Disciplines.Wireless);
            links.Add(scenario.Disciplines.Fiber);
            computes.Add(scenario.Disciplines.Edge);
        }

        Assert.True(carried > 50, $"only {carried} tasks outlived their slot");
        Assert.True(several > 100, $"only {several} tasks shared their device's slot with another");
        Assert.True(offset > 100, $"only {offset} tasks arrived after their slot's start");
        Assert.Equal(Enum.GetValues<ArrivalKind>().Length, arrivals.Count);
        Assert.True(dropped > 0, "no task was dropped");
        Assert.True(conditioned > 500, $"only {conditioned} tasks ran under transmitters, allocations and varying conditions");
        Assert.Contains(Scenarios(), row => RandomScenarios.Draw((int)row[0]).Radio.DrawsRates);
        Assert.Equal(Enum.GetValues<LinkDiscipline>().Length, links.Count);
        Assert.Equal(Enum.GetValues<ComputeDiscipline>().Length, computes.Count);
    }

    [Fact]
    public void The_random_scenarios_cover_every_stage_kind_route_shape_and_resource()
    {
        var resources = new HashSet<ResourceKind>();
        var stages = new HashSet<StageKind>();
        var shapes = new HashSet<string>();
        var cyclic = 0;
        foreach (var row in Scenarios())
        {
            var index = (int)row[0];
            var scenario = RandomScenarios.Draw(index);
            var system = new SystemView(scenario);
            var policies = PoliciesFor(index, system);
            var cycle = new SlotCycle(system, policies, scenario.Seed);
            var devices = Enumerable.Range(0, scenario.DeviceCount).Select(u => new Core.Workload.DeviceWorkload(scenario, u, scenario.Seed)).ToArray();
            var activity = new RouteActivity();
            for (var slot = 1; slot <= 3; slot++)
            {
                cycle.Gather();
                foreach (var device in devices)
                {
                    cycle.TaskGenerated(device.Device, device.Generate(slot, cycle.PopularityOf(device.LocalEdge)));
                }

                for (var n = 0; n < scenario.EdgeCount; n++)
                {
                    cycle.EdgeReported(Behaviour.Tiny.Status(scenario, n));
                }

                var decision = cycle.Decide(slot);
                foreach (var plan in decision.Plans.Where(p => p.DropReason is null))
                {
                    activity.Released(plan);
                    stages.UnionWith(plan.Route.Select(s => s.Kind));
                    resources.UnionWith(plan.Route.Select(s => s.Resource.Kind));
                    shapes.Add(string.Join(">", plan.Route.Where(s => s.Kind == StageKind.Compute).Select(s => s.Resource.Kind)));
                }

                cyclic += activity.Layout(slot, slot * scenario.SlotSeconds, decision).Cyclic ? 1 : 0;
            }
        }

        Assert.Equal(Enum.GetValues<StageKind>().Length, stages.Count);
        Assert.Equal(Enum.GetValues<ResourceKind>(), resources.Order());
        Assert.Contains("DeviceCompute", shapes);
        Assert.Contains("EdgeCompute", shapes);
        Assert.Contains("CloudCompute", shapes);
        Assert.Contains("DeviceCompute>EdgeCompute", shapes);
        Assert.Contains(shapes, s => s.Split('>').Length >= 3 && s.Split('>')[0] == s.Split('>')[2]);
        Assert.True(cyclic > 0, "no wave was cyclic");
        Assert.Contains(Scenarios(), row => RandomScenarios.Draw((int)row[0]).OnDeadline == DeadlineMode.Drop);
        var deadlineDrops = Scenarios().Select(row => (int)row[0]).Where(i => RandomScenarios.Draw(i).OnDeadline == DeadlineMode.Drop).Sum(i =>
        {
            var scenario = RandomScenarios.Draw(i);
            var system = new SystemView(scenario);
            var run = ReferenceModel.Run(system, PoliciesFor(i, system), scenario.Slots, scenario.Seed);
            Assert.DoesNotContain(run.Records, r => r.Outcome == TaskOutcome.MissedDeadline);
            return run.Records.Count(r => r.DropReason == DropReasons.Deadline);
        });
        Assert.True(deadlineDrops > 10, $"only {deadlineDrops} tasks left at their deadline");
    }

    internal static PolicySet PoliciesFor(int index, SystemView system)
    {
        if (index >= RandomScenarios.FirstWithConditions)
        {
            var placements = PolicyCatalog.All.Create(PlacementPolicies.RandomPlacementName, system, index);
            return placements with { Offloading = new RandomAllocations(placements.Offloading, index) };
        }

        if (index >= RandomScenarios.FirstWithSplits)
        {
            return PolicyCatalog.All.Create(PlacementPolicies.RandomPlacementName, system, index);
        }

        return PolicyCatalog.All.Create(RandomScenarios.Policies[index % RandomScenarios.Policies.Length], system, system.Scenario.Seed);
    }

    private static string DisciplineOf(ScenarioSpec scenario, ResourceKind kind)
    {
        var d = scenario.Disciplines;
        var name = kind switch
        {
            ResourceKind.Wireless => DisciplineNames.Of(d.Wireless),
            ResourceKind.Transmitter => "transmitter " + DisciplineNames.Of(d.Wireless),
            ResourceKind.Downlink => DisciplineNames.Of(d.Downlink),
            ResourceKind.Fiber => DisciplineNames.Of(d.Fiber),
            ResourceKind.Backhaul => DisciplineNames.Of(d.Backhaul),
            ResourceKind.CloudUplink => DisciplineNames.Of(d.CloudUplink),
            ResourceKind.EdgeCompute => DisciplineNames.Of(d.Edge),
            ResourceKind.DeviceCompute => DisciplineNames.Of(d.Device),
            ResourceKind.CloudCompute => DisciplineNames.Of(d.Cloud),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        // Processor sharing on a processor and on a link are one discipline.
        return name == "processor-sharing" ? "shared" : name;
    }

    /// <summary>The same queue states at a slot's start, and an edge's reported backlog is its processor's.</summary>
    private static void AssertSame((int Slot, double[] EdgeBacklogs, ResourceQueues Queues) expected, (int Slot, double[] EdgeBacklogs, ResourceQueues Queues) actual)
    {
        Assert.Equal(expected.Slot, actual.Slot);
        Assert.Equal(expected.EdgeBacklogs, actual.EdgeBacklogs);
        Assert.Equal(expected.Queues.Busy.Select(q => q.Resource), actual.Queues.Busy.Select(q => q.Resource));
        for (var i = 0; i < expected.Queues.Busy.Count; i++)
        {
            Assert.Equal(expected.Queues.Busy[i].Jobs, actual.Queues.Busy[i].Jobs);
            Assert.Equal(expected.Queues.Busy[i].BacklogSeconds, actual.Queues.Busy[i].BacklogSeconds, Tolerance);
        }

        for (var n = 0; n < actual.EdgeBacklogs.Length; n++)
        {
            Assert.Equal(actual.EdgeBacklogs[n], actual.Queues.Of(ResourceRef.EdgeCompute(n)).BacklogSeconds);
        }
    }

    internal static void AssertSame(TaskRecord expected, TaskRecord actual)
    {
        Assert.Equal(expected.TaskId, actual.TaskId);
        Assert.Equal(expected.TargetEdge, actual.TargetEdge);
        Assert.Equal(expected.Exit, actual.Exit);
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.Equal(expected.DropReason, actual.DropReason);
        Assert.Equal(expected.CacheHit, actual.CacheHit);
        Assert.Equal(expected.End, actual.End, Tolerance);
        Assert.Equal(expected.TransmissionS, actual.TransmissionS, Tolerance);
        Assert.Equal(expected.QueueingS, actual.QueueingS, Tolerance);
        Assert.Equal(expected.DownloadS, actual.DownloadS, Tolerance);
        Assert.Equal(expected.ComputeS, actual.ComputeS, Tolerance);
        Assert.Equal(expected.EnergyJ, actual.EnergyJ, Tolerance);
    }
}
