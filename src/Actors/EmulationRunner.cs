using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;

namespace MecActors.Actors;

/// <summary>Runs one policy's emulation inside an actor system and returns its records.</summary>
public static class EmulationRunner
{
    public static async Task<PolicyRun> RunAsync(
        ActorSystem actorSystem, SystemView system, PolicySet policies, int slots, int seed, Action<int, int>? onSlotClosed = null)
    {
        var completion = new TaskCompletionSource<PolicyRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = Guid.NewGuid().ToString("N");
        var client = actorSystem.ActorOf(RunClientActor.Props(completion, onSlotClosed), $"run-client-{id}");
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

    private sealed class RunClientActor : ReceiveActor
    {
        public RunClientActor(TaskCompletionSource<PolicyRun> completion, Action<int, int>? onSlotClosed)
        {
            Receive<SlotEvents.SlotClosed>(closed => onSlotClosed?.Invoke(closed.Slot, closed.Slots));
            Receive<RunEvents.RunCompleted>(done => completion.TrySetResult(done.Run));
            Receive<RunEvents.RunFailed>(failed => completion.TrySetException(new InvalidOperationException(failed.Reason)));
        }

        public static Props Props(TaskCompletionSource<PolicyRun> completion, Action<int, int>? onSlotClosed) =>
            Akka.Actor.Props.Create(() => new RunClientActor(completion, onSlotClosed));
    }
}
