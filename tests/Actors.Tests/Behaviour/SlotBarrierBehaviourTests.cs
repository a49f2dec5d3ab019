using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;
using MecActors.Policies;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>The coordinator's slot barrier, seen by the client of a real (small) emulation.</summary>
public sealed class SlotBarrierBehaviourTests : TestKit
{
    private const int Seed = 11;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(10);

    [Fact]
    public void Coordinator_closes_slots_in_order_and_completes_with_every_task_accounted_for()
    {
        const int slots = 4;
        var scenario = Tiny.Scenario(slots: slots);
        var run = Run(scenario, slots);

        AssertEveryTaskOnce(scenario, slots, run);
    }

    [Fact]
    public void Overloaded_coordinator_closes_slots_while_tasks_are_pending_and_loses_none()
    {
        const int slots = 4;
        // 0.1 GHz shared among the tasks in service: a task alone needs at least 2 s, four arrive every 1 s slot.
        var scenario = Tiny.Scenario(wireless: LinkDiscipline.Shared, compute: ComputeDiscipline.ProcessorSharing, capacityHz: 0.1e9, slots: slots);
        var run = Run(scenario, slots);

        AssertEveryTaskOnce(scenario, slots, run);
        var tau = scenario.SlotSeconds;
        // Slot 1 closed at its horizon with some of its tasks still in service.
        Assert.Contains(run.Records, r => r.Slot == 1 && r.Ran && r.End > 1 * tau);
        // Some tasks were pending at every slot's close and ended only in the final drain.
        Assert.Contains(run.Records, r => r.Ran && r.End > slots * tau);
        Assert.Contains(run.Records, r => r.Outcome == TaskOutcome.MissedDeadline);
    }

    [Theory]
    [InlineData(LinkDiscipline.Fifo)]
    [InlineData(LinkDiscipline.Shared)]
    public void Coordinator_closes_slots_while_a_model_download_outlives_its_slot(LinkDiscipline backhaul)
    {
        const int slots = 3;
        // Nothing cached and a 64 Mbit/s backhaul: the 80 Mbit model alone takes 1.25 s, past the 1 s slot (a fifo
        // backhaul finalises it before the horizon, a shared one holds it in flight across the slot's close).
        var scenario = Tiny.Scenario(backhaul: backhaul, slots: slots) with { Network = new NetworkSpec(Tiny.FiberRateBps, 64e6) };
        var system = new SystemView(scenario);
        var policies = new PolicySet("scripted", ScriptedPolicy.LocalFirstExit(), new NoCaching());
        var client = CreateTestProbe("client");
        var coordinator = Sys.ActorOf(CoordinatorActor.Props(system, policies, Seed));

        coordinator.Tell(new RunCommands.StartRun(slots, client.Ref));

        for (var t = 1; t <= slots; t++)
        {
            var slot = t;
            client.ExpectMsg<SlotEvents.SlotClosed>(c => c.Slot == slot, RunBound);
        }

        var run = client.ExpectMsg<RunEvents.RunCompleted>(RunBound).Run;
        AssertEveryTaskOnce(scenario, slots, run);
        // Some task started computing only after its slot had closed, once its model was in.
        Assert.Contains(run.Records, r => r.Ran && !r.CacheHit && r.End - r.ComputeS > r.Slot * scenario.SlotSeconds);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Failing_policy_ends_the_run_with_a_failure_naming_the_slot(int failingSlot)
    {
        const int slots = 3;
        var scenario = Tiny.Scenario(slots: slots);
        var system = new SystemView(scenario);
        var policies = new PolicySet("scripted", ScriptedPolicy.LocalFirstExit(failFromSlot: failingSlot), new NoCaching());
        var client = CreateTestProbe("client");
        var coordinator = Sys.ActorOf(CoordinatorActor.Props(system, policies, Seed));
        Watch(coordinator);

        coordinator.Tell(new RunCommands.StartRun(slots, client.Ref));

        for (var t = 1; t < failingSlot; t++)
        {
            var slot = t;
            client.ExpectMsg<SlotEvents.SlotClosed>(c => c.Slot == slot, RunBound);
        }

        var failed = client.ExpectMsg<RunEvents.RunFailed>(RunBound);
        Assert.Contains($"slot {failingSlot}", failed.Reason, StringComparison.Ordinal);
        Assert.Contains(ScriptedPolicy.Failure, failed.Reason, StringComparison.Ordinal);
        ExpectTerminated(coordinator, RunBound);
        client.ExpectNoMsg(Quiet);
    }

    private PolicyRun Run(ScenarioSpec scenario, int slots)
    {
        var system = new SystemView(scenario);
        var client = CreateTestProbe("client");
        var coordinator = Sys.ActorOf(CoordinatorActor.Props(system, PolicyCatalog.All.Create(Paper000Policies.GreedyName, system, Seed), Seed));

        coordinator.Tell(new RunCommands.StartRun(slots, client.Ref));

        for (var t = 1; t <= slots; t++)
        {
            var slot = t;
            client.ExpectMsg<SlotEvents.SlotClosed>(c => c.Slot == slot && c.Slots == slots, RunBound);
        }

        var run = client.ExpectMsg<RunEvents.RunCompleted>(RunBound).Run;
        client.ExpectNoMsg(Quiet);
        return run;
    }

    /// <summary>Every device generates a task every slot (probability 1): all of them, once each, in exactly one outcome.</summary>
    private static void AssertEveryTaskOnce(ScenarioSpec scenario, int slots, PolicyRun run)
    {
        Assert.Equal(1.0, scenario.Workload.TaskProbability);
        var generated = slots * scenario.DeviceCount;
        var completed = run.Records.Count(r => r.Outcome == TaskOutcome.Completed);
        var missed = run.Records.Count(r => r.Outcome == TaskOutcome.MissedDeadline);
        var dropped = run.Records.Count(r => r.Outcome == TaskOutcome.Dropped);
        Assert.Equal(generated, completed + missed + dropped);
        Assert.Equal(generated, run.Records.Count);

        var expected = new List<long>(generated);
        for (var t = 1; t <= slots; t++)
        {
            for (var u = 0; u < scenario.DeviceCount; u++)
            {
                expected.Add(TaskRequest.IdOf(t, u, scenario.DeviceCount));
            }
        }

        Assert.Equal(expected, run.Records.Select(r => r.TaskId).OrderBy(id => id));
        foreach (var r in run.Records)
        {
            Assert.Equal(TaskRequest.IdOf(r.Slot, r.Device, scenario.DeviceCount), r.TaskId);
            Assert.True(r.End >= r.Release, $"task {r.TaskId} ends at {r.End} before its release at {r.Release}");
        }
    }
}
