using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Cluster;
using MecActors.Actors.Protocol;
using MecActors.Actors.Tests.Behaviour;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Workload;
using MecActors.Policies;
using Xunit;

namespace MecActors.Actors.Tests.Cluster;

/// <summary>
/// The cluster coordinator against probes standing in for the shard region and two cells: a cell that stops in the
/// middle of a wave costs exactly the tasks in flight, each dropped as node-lost, and the run goes on with a new
/// generation of cells from the next slot; a cell that stays but never answers fails the run within the watchdog's
/// bound, named.
/// </summary>
public sealed class CellLossBehaviourTests : TestKit
{
    private const int Seed = 5;

    /// <summary>The run's failure must come within the bound and a check; this leaves room for a loaded machine.</summary>
    private static readonly TimeSpan FailureBound = TimeSpan.FromSeconds(15);

    public CellLossBehaviourTests()
        : base($"{BarrierWatchdog.ConfigKey} = 2s")
    {
    }

    [Fact]
    public void A_cell_that_never_answers_a_pass_fails_the_run_naming_it_and_its_resources()
    {
        var scenario = Tiny.Scenario(slots: 3);
        var system = new SystemView(scenario);
        var region = CreateTestProbe("region");
        var client = CreateTestProbe("client");
        var cells = new[] { CreateTestProbe("cell-0"), CreateTestProbe("cell-1") };
        var coordinator = Sys.ActorOf(ClusterCoordinatorActor.Props(
            system, PolicyCatalog.All.Create(Paper000Policies.GreedyName, system, Seed), Seed, "run", region.Ref, CreateTestProbe("metrics").Ref));
        Watch(coordinator);

        coordinator.Tell(new RunCommands.StartRun(3, client.Ref));
        client.ExpectMsg<ClusterRunEvents.RunAccepted>();
        BuildGeneration(coordinator, region, cells, generation: 0, firstSlot: 1);
        Gather(coordinator, scenario, system, cells);
        var wave = cells.Select(cell => cell.ExpectMsg<CellCommands.OpenWave>()).First().Wave;

        // Cell 0 answers the pass; cell 1's answer is lost.
        coordinator.Tell(new CellEvents.WaveDone(wave, 0, 1, 0, false, [], []), cells[0].Ref);

        var failed = client.ExpectMsg<RunEvents.RunFailed>(FailureBound);
        Assert.Contains("slot 1: the slot barrier made no progress for 2 s", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("waits for cell 1 (its resources in the pass: ", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("edge-1", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("edge-0", failed.Reason, StringComparison.Ordinal);
        ExpectTerminated(coordinator, FailureBound);
    }

    [Fact]
    public void A_cell_lost_mid_wave_drops_the_tasks_in_flight_and_the_next_generation_resumes_at_the_next_slot()
    {
        var scenario = Tiny.Scenario(slots: 3);
        var system = new SystemView(scenario);
        var region = CreateTestProbe("region");
        var metrics = CreateTestProbe("metrics");
        var client = CreateTestProbe("client");
        var cells = new[] { CreateTestProbe("cell-0"), CreateTestProbe("cell-1") };
        var coordinator = Sys.ActorOf(ClusterCoordinatorActor.Props(
            system, PolicyCatalog.All.Create(Paper000Policies.GreedyName, system, Seed), Seed, "run", region.Ref, metrics.Ref));

        coordinator.Tell(new RunCommands.StartRun(3, client.Ref));
        client.ExpectMsg<ClusterRunEvents.RunAccepted>(accepted => accepted.RunId == "run");
        BuildGeneration(coordinator, region, cells, generation: 0, firstSlot: 1);

        // Slot 1: each cell gathers its devices' tasks and its edge's state; the coordinator decides and opens the wave.
        Gather(coordinator, scenario, system, cells);
        var released = new List<TaskPlan>();
        long wave = 0;
        foreach (var cell in cells)
        {
            var open = cell.ExpectMsg<CellCommands.OpenWave>();
            released.AddRange(open.Plans);
            wave = open.Wave;
        }

        Assert.Equal(scenario.DeviceCount, released.Count);

        // Cell 0 finishes its part with one record; cell 1's node dies before it answers.
        var finished = released[0];
        var record = (finished with { DropReason = "test" }).DroppedRecord() with { Outcome = TaskOutcome.Completed, DropReason = "", End = 0.5 };
        coordinator.Tell(new CellEvents.WaveDone(wave, 0, 1, 0, false, [record], []), cells[0].Ref);
        Sys.Stop(cells[1].Ref);

        cells[0].ExpectMsg<CellCommands.Retire>();
        var recorded = metrics.ExpectMsg<MetricsCommands.RecordSlot>();
        Assert.Equal(1, recorded.Slot);
        Assert.Equal(released.Select(p => p.Request.TaskId).Order(), recorded.Records.Select(r => r.TaskId).Order());
        Assert.Equal(record, recorded.Records.Single(r => r.TaskId == record.TaskId));
        Assert.All(recorded.Records.Where(r => r.TaskId != record.TaskId), r =>
        {
            Assert.Equal(TaskOutcome.Dropped, r.Outcome);
            Assert.Equal(DropReasons.NodeLost, r.DropReason);
        });
        Assert.Equal(1, client.ExpectMsg<SlotEvents.SlotClosed>().Slot);

        // A new generation is built through the region; its devices begin at slot 2.
        var next = new[] { CreateTestProbe("cell-0b"), CreateTestProbe("cell-1b") };
        BuildGeneration(coordinator, region, next, generation: 1, firstSlot: 2);
        Assert.All(next, cell => Assert.Equal(2, cell.ExpectMsg<CellCommands.BeginSlot>().Slot));
    }

    /// <summary>Slot 1's BeginSlot to every cell, answered with its devices' tasks and its edge's state, as the cells would.</summary>
    private static void Gather(IActorRef coordinator, Core.Scenarios.ScenarioSpec scenario, SystemView system, TestProbe[] cells)
    {
        var demand = new CellDemand(scenario, Seed);
        for (var n = 0; n < cells.Length; n++)
        {
            var begin = cells[n].ExpectMsg<CellCommands.BeginSlot>();
            Assert.Equal(1, begin.Slot);
            var tasks = Enumerable.Range(0, scenario.DeviceCount)
                .Where(u => scenario.LocalEdgeOf(u) == n)
                .Select(u => new SlotEvents.TaskGenerated(1, u, new DeviceWorkload(scenario, u, Seed).Generate(1, demand.PopularityOf(n))))
                .ToArray();
            coordinator.Tell(new CellEvents.Gathered(1, tasks, new ModelCache(system, n).Status(0.0, 0.0)), cells[n].Ref);
        }
    }

    /// <summary>Answers the coordinator's Build and Connect for every cell of a generation, as the cells would.</summary>
    private void BuildGeneration(IActorRef coordinator, TestProbe region, TestProbe[] cells, int generation, int firstSlot)
    {
        var built = new HashSet<int>();
        for (var n = 0; n < cells.Length; n++)
        {
            // Build is repeated every 2 s until answered; a slow machine may see a repeat, never a new edge twice.
            var envelope = region.FishForMessage<CellCommands.Envelope>(e => e.Generation == generation && !built.Contains(e.Edge));
            built.Add(envelope.Edge);
            var build = Assert.IsType<CellCommands.Build>(envelope.Message);
            Assert.Equal(firstSlot, build.FirstSlot);
            coordinator.Tell(new CellEvents.Built(envelope.Edge), cells[envelope.Edge].Ref);
        }

        foreach (var cell in cells)
        {
            cell.ExpectMsg<CellCommands.Connect>();
            coordinator.Tell(new CellEvents.Connected(Array.IndexOf(cells, cell)), cell.Ref);
        }
    }
}
