using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;

namespace MecActors.Actors;

/// <summary>Whoever started a run, inside the actor system: passes slot progress and traced records on and completes the run's task.</summary>
internal sealed class RunClientActor : ReceiveActor
{
    public RunClientActor(TaskCompletionSource<PolicyRun> completion, Action<int, int>? onSlotClosed, Action<IReadOnlyList<TaskRecord>>? onTasksEnded = null)
    {
        Receive<SlotEvents.SlotClosed>(closed => onSlotClosed?.Invoke(closed.Slot, closed.Slots));
        Receive<SlotEvents.TasksEnded>(ended => onTasksEnded?.Invoke(ended.Records));
        Receive<RunEvents.RunCompleted>(done => completion.TrySetResult(done.Run));
        Receive<RunEvents.RunFailed>(failed => completion.TrySetException(new InvalidOperationException(failed.Reason)));
    }

    public static Props Props(TaskCompletionSource<PolicyRun> completion, Action<int, int>? onSlotClosed, Action<IReadOnlyList<TaskRecord>>? onTasksEnded = null) =>
        Akka.Actor.Props.Create(() => new RunClientActor(completion, onSlotClosed, onTasksEnded));
}
