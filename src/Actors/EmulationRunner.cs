using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Actors.Realtime;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;

namespace MecActors.Actors;

/// <summary>Runs one policy's emulation inside an actor system and returns its records.</summary>
public static class EmulationRunner
{
    /// <param name="onTasksEnded">Under a system that traces tasks, each closed slot's records with their stages.</param>
    public static async Task<PolicyRun> RunAsync(
        ActorSystem actorSystem,
        SystemView system,
        PolicySet policies,
        int slots,
        int seed,
        Action<int, int>? onSlotClosed = null,
        Action<IReadOnlyList<Core.Emulation.TaskRecord>>? onTasksEnded = null)
    {
        var completion = new TaskCompletionSource<PolicyRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = Guid.NewGuid().ToString("N");
        var client = actorSystem.ActorOf(RunClientActor.Props(completion, onSlotClosed, onTasksEnded), $"run-client-{id}");
        var coordinator = actorSystem.ActorOf(CoordinatorActor.Props(system, policies, seed), $"coordinator-{id}");
        try
        {
            coordinator.Tell(new RunCommands.StartRun(slots, client));
            return await completion.Task.ConfigureAwait(false);
        }
        finally
        {
            actorSystem.Stop(coordinator);
            actorSystem.Stop(client);
        }
    }

    /// <summary>
    /// Runs one policy under the realtime clock (see <see cref="RealtimeCoordinatorActor"/>): the same decisions and
    /// plans as the virtual clock, with every stage really held for its duration x <see cref="RealtimeSettings.TimeScale"/>
    /// of wall time and each task's delay measured with a monotonic stopwatch.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The scenario cannot be emulated at this time scale with the scheduler's tick, or uses a discipline the
    /// realtime clock does not implement (see <see cref="RealtimeSettings.Validate"/>).
    /// </exception>
    public static async Task<PolicyRun> RunRealtimeAsync(
        ActorSystem actorSystem,
        SystemView system,
        PolicySet policies,
        int slots,
        int seed,
        RealtimeSettings settings,
        Action<int, int>? onSlotClosed = null,
        Action<IReadOnlyList<Core.Emulation.TaskRecord>>? onTasksEnded = null)
    {
        settings.Validate(system.Scenario);
        var timeout = settings.TimeoutFor(system.Scenario, slots);
        var completion = new TaskCompletionSource<PolicyRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = Guid.NewGuid().ToString("N");
        var client = actorSystem.ActorOf(RunClientActor.Props(completion, onSlotClosed, onTasksEnded), $"run-client-{id}");
        using var clock = new RealtimeClock(settings.TimeScale);
        var coordinator = actorSystem.ActorOf(RealtimeCoordinatorActor.Props(system, policies, seed, clock, timeout), $"realtime-coordinator-{id}");
        try
        {
            coordinator.Tell(new RunCommands.StartRun(slots, client));

            // The coordinator fails the run with its reason when the budget is spent; this only guards against a lost message.
            return await completion.Task.WaitAsync(timeout + TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        finally
        {
            actorSystem.Stop(coordinator);
            actorSystem.Stop(client);
        }
    }
}
