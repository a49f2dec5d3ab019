using Akka.TestKit.Xunit2;
using MecActors.Actors.Tests.Support;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Faults;
using Xunit;

namespace MecActors.Actors.Tests;

/// <summary>Under random fault plans the actors and the reference model still compute the same records, and no task is lost.</summary>
public sealed class FaultEquivalenceTests : TestKit
{
    public static IEnumerable<object[]> Scenarios() => Enumerable.Range(1, 56).Where(i => i % 2 == 1).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_task_ends_as_the_reference_model_says_and_none_is_lost(int index)
    {
        var scenario = RandomFaultPlans.WithFaults(index, RandomScenarios.Draw(index));
        var system = new SystemView(scenario);

        var expected = ReferenceModel.Run(system, EquivalenceTests.PoliciesFor(index, system), scenario.Slots, scenario.Seed);
        var actual = await EmulationRunner.RunAsync(Sys, system, EquivalenceTests.PoliciesFor(index, system), scenario.Slots, scenario.Seed);

        Assert.Equal(expected.Records.Count, actual.Records.Count);
        for (var i = 0; i < expected.Records.Count; i++)
        {
            EquivalenceTests.AssertSame(expected.Records[i], actual.Records[i]);
        }

        // The faults change how tasks end, never which tasks there are, but for those of devices away when released.
        var unfaulted = new SystemView(scenario with { Faults = FaultPlan.None });
        var nominal = ReferenceModel.Run(unfaulted, EquivalenceTests.PoliciesFor(index, unfaulted), scenario.Slots, scenario.Seed);
        Assert.Equal(
            nominal.Records.Where(r => !scenario.Faults.IsAway(r.Device, r.Release)).Select(r => r.TaskId).Order(),
            actual.Records.Select(r => r.TaskId).Order());
        Assert.Equal(actual.Records.Count, actual.Records.Select(r => r.TaskId).Distinct().Count());
        Assert.All(actual.Records, r => Assert.True(r.End >= r.Release, $"task {r.TaskId} ends at {r.End} before its release at {r.Release}"));
    }

    /// <summary>
    /// Edge 0 crashed in slots 3 and 4 (from 2 s to 4 s) restarts in slot 5 with nothing cached: every task sent there
    /// then fetches its model, where without the crash some hit the cache; from slot 6 the placements apply again. Its
    /// actor is stopped and created again by its supervisor at the end of slot 3, the first slot boundary after the
    /// crash, and only then.
    /// </summary>
    [Fact]
    public async Task A_crashed_server_restarts_with_an_empty_cache_under_every_driver()
    {
        var restarts = CreateTestProbe();
        Sys.EventStream.Subscribe(restarts, typeof(ServerRestarted));
        var nominal = JointCaching(8);
        var scenario = nominal with { Faults = EdgeCrash(0, 2.0, 4.0, FaultResponse.Retry) };
        PolicySet Greedy(SystemView system) => Policies.PolicyCatalog.All.Create(Policies.Paper000Policies.GreedyName, system, 1);

        var crashed = ReferenceModel.Run(new SystemView(scenario), Greedy(new SystemView(scenario)), 8, 1);
        var unfaulted = ReferenceModel.Run(new SystemView(nominal), Greedy(new SystemView(nominal)), 8, 1);
        var actors = await EmulationRunner.RunAsync(Sys, new SystemView(scenario), Greedy(new SystemView(scenario)), 8, 1);

        static IEnumerable<TaskRecord> AtEdge0(Core.Metrics.PolicyRun run, int slot) => run.Records.Where(r => r.Slot == slot && r.TargetEdge == 0 && r.Ran);
        Assert.NotEmpty(AtEdge0(crashed, 5));
        Assert.All(AtEdge0(crashed, 5), r => Assert.False(r.CacheHit, $"task {r.TaskId} hit the cache of a server that restarted"));
        Assert.Contains(AtEdge0(unfaulted, 5), r => r.CacheHit);
        Assert.Contains(AtEdge0(crashed, 6), r => r.CacheHit);
        Assert.Equal(crashed.Records, actors.Records);
        Assert.Equal(new ServerRestarted(ResourceRef.EdgeCompute(0), 1, 4), restarts.ExpectMsg<ServerRestarted>(TimeSpan.FromSeconds(5)));
        restarts.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    /// <summary>
    /// The realtime actor of a crashed server restarts too, and goes on with what it held: its timers, which the restart
    /// cancels, are set again, so every task still ends and none twice.
    /// </summary>
    [Fact]
    public async Task A_crashed_server_restarts_on_wall_time_and_keeps_the_work_that_came_after_the_crash()
    {
        var restarts = CreateTestProbe();
        Sys.EventStream.Subscribe(restarts, typeof(ServerRestarted));
        var scenario = JointCaching(6) with { Faults = EdgeCrash(0, 1.5, 2.5, FaultResponse.Retry) };
        var system = new SystemView(scenario);
        PolicySet Greedy() => Policies.PolicyCatalog.All.Create(Policies.Paper000Policies.GreedyName, system, 1);

        var expected = ReferenceModel.Run(system, Greedy(), 6, 1);
        var actual = await EmulationRunner.RunRealtimeAsync(Sys, system, Greedy(), 6, 1, new MecActors.Actors.Realtime.RealtimeSettings(1.0));

        Assert.Equal(new ServerRestarted(ResourceRef.EdgeCompute(0), 1, 3), restarts.ExpectMsg<ServerRestarted>(TimeSpan.FromSeconds(5)));
        Assert.Equal(expected.Records.Select(r => r.TaskId), actual.Records.Select(r => r.TaskId));
        Assert.Contains(actual.Records, r => r.Slot >= 3 && r.TargetEdge == 0 && r.Ran);
    }

    /// <summary>
    /// Edge 1 crashed from slot 3 to slot 5 under reroute: local-edge sends each task to its own edge, and the tasks of
    /// cell 1 decided in those slots run at the nearest edge that is up instead; before and after, at edge 1.
    /// </summary>
    [Fact]
    public async Task Reroute_sends_the_tasks_decided_for_a_crashed_server_to_the_nearest_one_that_is_up()
    {
        var scenario = JointCaching(7) with { Faults = EdgeCrash(1, 2.0, 5.0, FaultResponse.Reroute) };
        var system = new SystemView(scenario);
        PolicySet LocalEdge() => Policies.PolicyCatalog.All.Create(Policies.Paper000Policies.LocalEdgeName, system, 1);

        var run = ReferenceModel.Run(system, LocalEdge(), 7, 1);
        var actors = await EmulationRunner.RunAsync(Sys, system, LocalEdge(), 7, 1);

        var cell1 = run.Records.Where(r => r.LocalEdge == 1).ToList();
        Assert.All(cell1.Where(r => r.Slot is >= 3 and <= 5), r => Assert.NotEqual(1, r.TargetEdge));
        Assert.All(cell1.Where(r => r.Slot is < 3 or > 5), r => Assert.Equal(1, r.TargetEdge));
        Assert.Contains(cell1, r => r.Slot is >= 3 and <= 5);
        Assert.Equal(run.Records, actors.Records);
    }

    [Fact]
    public void The_random_plans_drop_tasks_under_every_fault_that_takes_resources_down_and_slow_others()
    {
        var reasons = new HashSet<string>();
        var slowed = 0;
        foreach (var index in Scenarios().Select(s => (int)s[0]))
        {
            var scenario = RandomFaultPlans.WithFaults(index, RandomScenarios.Draw(index));
            var system = new SystemView(scenario);
            var run = ReferenceModel.Run(system, EquivalenceTests.PoliciesFor(index, system), scenario.Slots, scenario.Seed);
            reasons.UnionWith(run.Records.Where(r => r.Outcome == TaskOutcome.Dropped).Select(r => r.DropReason));

            var unfaulted = new SystemView(scenario with { Faults = FaultPlan.None });
            var nominal = ReferenceModel.Run(unfaulted, EquivalenceTests.PoliciesFor(index, unfaulted), scenario.Slots, scenario.Seed);
            if (scenario.Faults.Faults.All(f => f.Kind is FaultKind.LinkDegrade or FaultKind.CapacityDrop) && run.Records.Sum(r => r.DelayS) > nominal.Records.Sum(r => r.DelayS))
            {
                slowed++;
            }
        }

        Assert.Contains("link-down", reasons);
        Assert.Contains("edge-crash", reasons);
        Assert.Contains("cloud-unreachable", reasons);
        Assert.Contains("link-loss", reasons);
        Assert.Contains("device-leave", reasons);
        Assert.True(slowed > 0, "no plan of degradations alone slowed its tasks");
    }

    private static Core.Scenarios.ScenarioSpec JointCaching(int slots) =>
        Core.Scenarios.ScenarioLoader.Load(
            Path.Combine(Serialization.SerializationSupport.RepoRoot, "config", "scenarios", "joint-caching.conf"), Policies.PolicyCatalog.All) with { Slots = slots };

    private static FaultPlan EdgeCrash(int edge, double start, double end, FaultResponse response) =>
        new([new FaultSpec(FaultKind.EdgeCrash, new FaultTarget("edge", edge), start, end)], response);
}
