using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Policies;
using Xunit;
using Xunit.Abstractions;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>
/// The watchdog of the virtual-time barrier: a resource or a device that never reports (its actor is gone, so every
/// message to it is lost) fails the run within the bound, naming it, instead of hanging; a run whose actors all report
/// is left alone.
/// </summary>
public sealed class BarrierWatchdogBehaviourTests : TestKit
{
    private readonly ITestOutputHelper _output;

    private const int Seed = 11;
    private const int Slots = 3;

    /// <summary>The run's failure must come within the bound and a check; this leaves room for a loaded machine.</summary>
    private static readonly TimeSpan FailureBound = TimeSpan.FromSeconds(10);

    public BarrierWatchdogBehaviourTests(ITestOutputHelper output)
        : base($"{BarrierWatchdog.ConfigKey} = 1s", output)
    {
        _output = output;
    }

    [Fact]
    public async Task A_resource_that_never_reaches_the_horizon_fails_the_run_naming_it()
    {
        var (coordinator, client) = await StartWithout(ResourceRef.Wireless(0).ToString());

        var failed = client.ExpectMsg<RunEvents.RunFailed>(FailureBound);
        _output.WriteLine(failed.Reason);

        Assert.Contains("slot 1:", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("no progress for 1 s", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("waits for radio-0", failed.Reason, StringComparison.Ordinal);
        // Cell 1's radio has no upstream, so it reached the horizon: only the ones that did not are named.
        Assert.DoesNotContain("radio-1", failed.Reason, StringComparison.Ordinal);
        ExpectTerminated(coordinator, FailureBound);
    }

    [Fact]
    public async Task An_edge_that_never_reports_its_state_fails_the_run_naming_it()
    {
        var (coordinator, client) = await StartWithout(ResourceRef.EdgeCompute(1).ToString());

        var failed = client.ExpectMsg<RunEvents.RunFailed>(FailureBound);
        _output.WriteLine(failed.Reason);

        Assert.Contains("no report of slot 1 from edge-1", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("device-", failed.Reason, StringComparison.Ordinal);
        ExpectTerminated(coordinator, FailureBound);
    }

    [Fact]
    public async Task A_device_that_never_gives_its_tasks_fails_the_run_naming_it()
    {
        var (coordinator, client) = await StartWithout(DeviceActor.NameOf(2));

        var failed = client.ExpectMsg<RunEvents.RunFailed>(FailureBound);
        _output.WriteLine(failed.Reason);

        Assert.Contains("no report of slot 1 from device-2", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("edge-", failed.Reason, StringComparison.Ordinal);
        ExpectTerminated(coordinator, FailureBound);
    }

    [Fact]
    public void A_run_whose_resources_all_report_completes_under_a_short_bound()
    {
        var scenario = Tiny.Scenario(slots: Slots);
        var system = new SystemView(scenario);
        var client = CreateTestProbe("client");
        var coordinator = Sys.ActorOf(CoordinatorActor.Props(system, PolicyCatalog.All.Create(Paper000Policies.GreedyName, system, Seed), Seed));

        coordinator.Tell(new RunCommands.StartRun(Slots, client.Ref));

        for (var t = 1; t <= Slots; t++)
        {
            var slot = t;
            client.ExpectMsg<SlotEvents.SlotClosed>(c => c.Slot == slot, FailureBound);
        }

        var run = client.ExpectMsg<RunEvents.RunCompleted>(FailureBound).Run;
        Assert.Equal(Slots * scenario.DeviceCount, run.Records.Count);

        // Completed, the run's watchdog is off: a bound and more later nothing more comes.
        client.ExpectNoMsg(TimeSpan.FromSeconds(1.5));
    }

    /// <summary>A coordinator of Tiny's system, started once its child <paramref name="lost"/> (a resource or a device) has been stopped.</summary>
    private async Task<(IActorRef Coordinator, Akka.TestKit.TestProbe Client)> StartWithout(string lost)
    {
        var system = new SystemView(Tiny.Scenario(slots: Slots));
        var policies = new PolicySet("scripted", ScriptedPolicy.LocalFirstExit(), new NoCaching());
        var client = CreateTestProbe("client");
        var coordinator = Sys.ActorOf(CoordinatorActor.Props(system, policies, Seed));
        Watch(coordinator);

        // The coordinator answers only once it has started, so its resources exist by then.
        await coordinator.Ask<ActorIdentity>(new Identify(null), FailureBound);
        var child = await Sys.ActorSelection(coordinator.Path / lost).ResolveOne(FailureBound);
        Watch(child);
        Sys.Stop(child);
        ExpectTerminated(child, FailureBound);

        coordinator.Tell(new RunCommands.StartRun(Slots, client.Ref));
        return (coordinator, client);
    }
}
