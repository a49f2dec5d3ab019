using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Cluster;
using MecActors.Actors.Tests.Serialization;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;
using MecActors.Policies;
using Xunit;
using Xunit.Abstractions;

namespace MecActors.Actors.Tests.Cluster;

/// <summary>
/// A run on three worker nodes (several actor systems in this process, loopback ports, every message serialized)
/// gives the records of the same run in one process, task for task.
/// </summary>
public sealed class ClusterRunTests : TestKit, IAsyncLifetime
{
    private LoopbackCluster _cluster = null!;

    public ClusterRunTests(ITestOutputHelper output)
        : base(LoopbackCluster.MemberConfig(MecCluster.SubmitterRole, []), MecClusterConfig.SystemName, output)
    {
    }

    public async Task InitializeAsync()
    {
        _cluster = await LoopbackCluster.StartAsync(3);
        Akka.Cluster.Cluster.Get(Sys).Join(_cluster.SeedAddress);
        await MecCluster.WhenUp(Sys, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await Akka.Cluster.Cluster.Get(Sys).LeaveAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await _cluster.DisposeAsync();
    }

    [Theory]
    [InlineData("tiny.conf", Paper000Policies.GreedyName, 12)]
    [InlineData("joint-caching.conf", Paper000Policies.JointA2CName, 6)]
    [InlineData("joint-caching.conf", Paper000Policies.RandomDecisionsName, 6)]
    [InlineData("routes.conf", PlacementPolicies.RandomPlacementName, 8)]
    [InlineData("routes.conf", PlacementPolicies.CloudOnlyName, 8)]
    [InlineData("dynamics.conf", PlacementPolicies.RandomPlacementName, 8)]
    public async Task A_run_on_three_nodes_matches_the_run_in_one_process(string file, string policy, int slots)
    {
        var scenario = Scenario(file);
        var expected = await InOneProcess(scenario, policy, slots);

        var run = await ClusterRunner.RunAsync(
            Sys, MecCluster.LearnerProxy(Sys), scenario, policy, null, slots, scenario.Seed, TimeSpan.FromSeconds(60));

        Assert.Equal(policy, run.Name);
        Assert.NotEmpty(run.Records);
        Assert.Equal(expected, run.Records);

        // The cells really were spread: more than one node hosts shards of them.
        var hosting = 0;
        foreach (var worker in _cluster.Workers)
        {
            hosting += (await ShardsOf(worker)).Count > 0 ? 1 : 0;
        }

        Assert.True(hosting >= 2, $"cells of {scenario.EdgeCount} edges on {hosting} of 3 nodes");
    }

    [Theory]
    [InlineData("routes.conf", PlacementPolicies.RandomPlacementName, "drop")]
    [InlineData("joint-caching.conf", Paper000Policies.GreedyName, "retry")]
    public async Task A_fault_plan_runs_on_three_nodes_as_in_one_process(string file, string policy, string onFault)
    {
        const int Slots = 10;
        var plan = $$"""
            { on-fault = {{onFault}}, plan = [
              { kind = link-down, target = "fiber:0-1", start-slot = 2, end-slot = 5 },
              { kind = edge-crash, target = "edge:1", start-slot = 4, end-slot = 7 },
              { kind = link-degrade, target = radio, factor = 0.4, start-slot = 3 } ] }
            """;
        var path = Path.Combine(SerializationSupport.RepoRoot, "config", "scenarios", file);
        var scenario = ScenarioLoader.FromConfig(Core.Configuration.HoconParser.ParseFile(path).WithOverride("faults", plan), PolicyCatalog.All);
        var expected = await InOneProcess(scenario, policy, Slots);
        var restarts = _cluster.Workers.Select(worker =>
        {
            var probe = CreateTestProbe(worker);
            worker.EventStream.Subscribe(probe, typeof(ServerRestarted));
            return probe;
        }).ToList();

        var run = await ClusterRunner.RunAsync(
            Sys, MecCluster.LearnerProxy(Sys), scenario, policy, null, Slots, scenario.Seed, TimeSpan.FromSeconds(60));

        Assert.Equal(expected, run.Records);

        // The crashed server's actor restarted once, in its cell, wherever the cell lives: at the end of slot 4.
        var heard = restarts.SelectMany(probe => probe.ReceiveWhile(TimeSpan.FromMilliseconds(500), m => (ServerRestarted)m)).ToList();
        Assert.Equal([new ServerRestarted(Core.Emulation.ResourceRef.EdgeCompute(1), 1, 5)], heard);

        // The plan did something: the same run without it ends otherwise.
        Assert.NotEqual(await InOneProcess(scenario with { Faults = Core.Faults.FaultPlan.None }, policy, Slots), expected);
    }

    /// <summary>
    /// The agent learns online through the run (it updates every few slots, from feedback released in slot order), so
    /// its later decisions depend on the order of its experience: the same records mean the same order.
    /// </summary>
    [Fact]
    public async Task A_learning_policy_learns_the_same_on_three_nodes_as_in_one_process()
    {
        const int slots = 40;
        var scenario = Scenario("joint-caching.conf");
        var expected = await InOneProcess(scenario, Paper000Policies.JointA2CName, slots, keepLearning: true);
        var frozen = await InOneProcess(scenario, Paper000Policies.JointA2CName, slots);

        var run = await ClusterRunner.RunAsync(
            Sys, MecCluster.LearnerProxy(Sys), scenario, Paper000Policies.JointA2CName, null, slots, scenario.Seed, TimeSpan.FromSeconds(90), keepLearning: true);

        Assert.NotEqual(frozen, expected);
        Assert.Equal(expected, run.Records);
    }

    [Fact]
    public async Task A_node_leaving_mid_run_hands_its_cells_over_and_every_task_is_accounted_for()
    {
        const int slots = 30;
        const int leaveAfter = 8;
        var scenario = Scenario("joint-caching.conf");
        var expected = await InOneProcess(scenario, Paper000Policies.GreedyName, slots);

        // Checkpointed, as the CLI does by default: moving the cells ends the checkpoints, not the run.
        var running = await RunPastSlot(scenario, Paper000Policies.GreedyName, slots, leaveAfter, checkpointEvery: 5);

        var leaver = await WorkerWithCellsBesidesTheOldest();
        var leaverShards = await ShardsOf(leaver);
        await Akka.Cluster.Cluster.Get(leaver).LeaveAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var run = await running;
        await leaver.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));

        // Every task of the undisturbed run is there once, and ended one way or the other.
        Assert.Equal(expected.Select(r => r.TaskId), run.Records.Select(r => r.TaskId));
        Assert.All(run.Records, r => Assert.True(r.Outcome is TaskOutcome.Completed or TaskOutcome.MissedDeadline or TaskOutcome.Dropped));

        // Before the leave nothing differed.
        Assert.Equal(expected.Where(r => r.Slot <= leaveAfter), run.Records.Where(r => r.Slot <= leaveAfter));

        // The departed node's shards live on the others now.
        var remaining = new HashSet<string>();
        foreach (var worker in _cluster.Workers.Where(w => w != leaver))
        {
            remaining.UnionWith(await ShardsOf(worker));
        }

        Assert.Superset(leaverShards.ToHashSet(), remaining);
    }

    [Fact]
    public async Task A_node_killed_mid_run_costs_only_its_tasks_in_flight_and_the_run_goes_on()
    {
        const int slots = 30;
        const int killAfter = 8;
        var scenario = Scenario("joint-caching.conf");
        var expected = await InOneProcess(scenario, Paper000Policies.GreedyName, slots);

        var running = await RunPastSlot(scenario, Paper000Policies.GreedyName, slots, killAfter, checkpointEvery: 5);
        var victim = await WorkerWithCellsBesidesTheOldest();
        await victim.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        var run = await running;

        // Every task of the undisturbed run is there once; those in flight when the node died (none, if it died
        // between a slot's close and the next decision) are dropped with the reason.
        Assert.Equal(expected.Select(r => r.TaskId), run.Records.Select(r => r.TaskId));
        var lost = run.Records.Where(r => r.DropReason == DropReasons.NodeLost).ToList();
        Assert.All(lost, r => Assert.Equal(TaskOutcome.Dropped, r.Outcome));
        Assert.All(lost, r => Assert.True(r.Slot >= killAfter - 1, $"task {r.TaskId} of slot {r.Slot} dropped"));

        // Slots that closed before the crash kept their outcomes, and slots after it ran on the other nodes.
        Assert.Equal(
            expected.Where(r => r.Slot < killAfter - 1),
            run.Records.Where(r => r.Slot < killAfter - 1));
        Assert.Contains(run.Records, r => r.Slot == slots && r.Outcome != TaskOutcome.Dropped);
        Assert.True(victim.WhenTerminated.IsCompleted);
    }

    /// <summary>
    /// The oldest worker hosts the learning coordinator and cells of the run. Killed, it takes the run's coordinator
    /// with it; without checkpoints the next singleton replays the run from its first slot, so the records are the
    /// undisturbed run's. The run goes on for about five seconds after the kill's slot, so that on a loaded machine it
    /// cannot end before the kill lands (with 30 slots it once did, and no hand-over happened).
    /// </summary>
    [Fact]
    public async Task The_learners_node_killed_mid_run_hands_the_run_over_and_it_replays_to_the_same_records()
    {
        const int slots = 120;
        const int killAfter = 8;
        var scenario = Scenario("joint-caching.conf");
        var expected = await InOneProcess(scenario, Paper000Policies.GreedyName, slots);
        var handOvers = new List<LearnerHandOver>();

        var running = await GreedyRunPastSlot(scenario, slots, killAfter, handOver =>
        {
            lock (handOvers)
            {
                handOvers.Add(handOver);
            }
        });
        var learnersNode = _cluster.Workers[0];
        Assert.NotEmpty(await ShardsOf(learnersNode));
        await learnersNode.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        var run = await running;

        Assert.Equal(expected, run.Records);
        var handOver = Assert.Single(handOvers);
        Assert.InRange(handOver.LostAfterSlot, killAfter, slots);
        Assert.NotEqual(Akka.Cluster.Cluster.Get(learnersNode).SelfAddress.ToString(), handOver.NewNode);
        Assert.True(handOver.HandOverTime > TimeSpan.Zero);
        Assert.Equal(0, handOver.CheckpointSlot);
        Assert.Equal($"1-{handOver.LostAfterSlot}", handOver.ReplayedSlots);
        Assert.Equal([handOver], run.HandOvers);
    }

    /// <summary>
    /// A learning agent checkpointed every 5 slots loses its learner after slot 12: the next singleton emulates the
    /// slots of the last checkpoint again with their logged decisions, puts the agent's state back and decides the rest
    /// live. The agent learns throughout, so only its exact state at the checkpoint gives the undisturbed run's records.
    /// </summary>
    [Fact]
    public async Task The_learners_node_killed_after_a_checkpoint_resumes_the_run_from_it_to_the_same_records()
    {
        const int slots = 30;
        const int every = 5;
        const int killAfter = 12;
        var scenario = Scenario("joint-caching.conf");
        var expected = await InOneProcess(scenario, Paper000Policies.JointA2CName, slots, keepLearning: true);
        var root = Directory.CreateTempSubdirectory("mec-learner-checkpoints-").FullName;
        try
        {
            var running = await RunPastSlot(scenario, Paper000Policies.JointA2CName, slots, killAfter, keepLearning: true, checkpointEvery: every, checkpointRoot: root);
            var runDirectory = Assert.Single(Directory.GetDirectories(root));
            Assert.True(File.Exists(Path.Combine(runDirectory, LearnerCheckpoints.FileName)));
            await _cluster.Workers[0].Terminate().WaitAsync(TimeSpan.FromSeconds(30));
            var run = await running;

            Assert.Equal(expected, run.Records);
            var handOver = Assert.Single(run.HandOvers!);
            Assert.Null(handOver.NoCheckpoint);
            Assert.InRange(handOver.CheckpointSlot, 10, slots - 1);
            Assert.Equal(0, handOver.CheckpointSlot % every);
            Assert.Equal($"1-{handOver.CheckpointSlot}", handOver.ReemulatedSlots);
            Assert.Equal(handOver.LostAfterSlot > handOver.CheckpointSlot ? $"{handOver.CheckpointSlot + 1}-{handOver.LostAfterSlot}" : null, handOver.ReplayedSlots);

            // The summary says so, and the run's checkpoints went with its end.
            var summary = System.Text.Encoding.UTF8.GetString(ResultsWriter.SummaryJson(scenario.Name, scenario.Seed, slots, ResultsWriter.VirtualClock, [PolicySummary.From(run, scenario)]));
            Assert.Contains($"\"reemulatedSlots\": \"1-{handOver.CheckpointSlot}\"", summary);
            Assert.Empty(Directory.EnumerateFileSystemEntries(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A policy that cannot capture its state is never checkpointed: its lost learner's run is replayed from slot 1, and the hand-over says why.</summary>
    [Fact]
    public async Task A_run_whose_policy_cannot_capture_its_state_is_replayed_from_the_first_slot_after_its_learner_is_lost()
    {
        const int slots = 30;
        const int killAfter = 8;
        var scenario = Scenario("joint-caching.conf");
        var expected = await InOneProcess(scenario, Paper000Policies.SlotSearchName, slots);

        var running = await RunPastSlot(scenario, Paper000Policies.SlotSearchName, slots, killAfter, checkpointEvery: 5);
        await _cluster.Workers[0].Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        var run = await running;

        Assert.Equal(expected, run.Records);
        var handOver = Assert.Single(run.HandOvers!);
        Assert.Equal(0, handOver.CheckpointSlot);
        Assert.Equal("SlotSearchOffloading cannot capture its state", handOver.NoCheckpoint);
        Assert.Equal($"1-{handOver.LostAfterSlot}", handOver.ReplayedSlots);
    }

    /// <summary>Starts a greedy run on the cluster and returns it, still running, once slot <paramref name="slot"/> has closed.</summary>
    private Task<Task<PolicyRun>> GreedyRunPastSlot(ScenarioSpec scenario, int slots, int slot, Action<LearnerHandOver>? onHandOver = null) =>
        RunPastSlot(scenario, Paper000Policies.GreedyName, slots, slot, onHandOver: onHandOver);

    /// <summary>Starts a run on the cluster and returns it, still running, once slot <paramref name="slot"/> has closed.</summary>
    private async Task<Task<PolicyRun>> RunPastSlot(
        ScenarioSpec scenario,
        string policy,
        int slots,
        int slot,
        bool keepLearning = false,
        Action<LearnerHandOver>? onHandOver = null,
        int checkpointEvery = 0,
        string? checkpointRoot = null)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = ClusterRunner.RunAsync(
            Sys,
            MecCluster.LearnerProxy(Sys),
            scenario,
            policy,
            null,
            slots,
            scenario.Seed,
            TimeSpan.FromSeconds(120),
            (closed, _) =>
            {
                if (closed == slot)
                {
                    reached.TrySetResult();
                }
            },
            keepLearning,
            onHandOver,
            checkpointEvery,
            checkpointRoot);
        // As long as the run itself may take: slot-search's slots are slow on a loaded machine.
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return running;
    }

    /// <summary>A worker other than the oldest (which holds the learning coordinator) that hosts cells of the run.</summary>
    private async Task<ActorSystem> WorkerWithCellsBesidesTheOldest()
    {
        foreach (var worker in _cluster.Workers.Skip(1))
        {
            if ((await ShardsOf(worker)).Count > 0)
            {
                return worker;
            }
        }

        throw new InvalidOperationException("no worker besides the oldest hosts cells");
    }

    private static ScenarioSpec Scenario(string file) =>
        ScenarioLoader.Load(Path.Combine(SerializationSupport.RepoRoot, "config", "scenarios", file), PolicyCatalog.All);

    /// <summary>The records of the same run in a plain single-process actor system.</summary>
    private static async Task<IReadOnlyList<TaskRecord>> InOneProcess(ScenarioSpec scenario, string policy, int slots, bool keepLearning = false)
    {
        var system = new SystemView(scenario);
        var local = ActorSystem.Create("local", SerializationSupport.Bound);
        try
        {
            var policies = EvaluationPolicies.Create(policy, system, scenario.Seed, null, keepLearning);
            return (await EmulationRunner.RunAsync(local, system, policies, slots, scenario.Seed)).Records;
        }
        finally
        {
            await local.Terminate();
        }
    }

    private static async Task<IReadOnlyList<string>> ShardsOf(ActorSystem worker)
    {
        var region = ClusterSharding.Get(worker).ShardRegion(CellSharding.TypeName);
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        return state.Shards.Select(s => s.ShardId).ToList();
    }
}
