using Akka.Actor;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Protocol;

/// <summary>A task in transit, with the device to hand its result to.</summary>
public readonly record struct Transit(TaskProgress Task, IActorRef Device);

public static class TaskCommands
{
    /// <summary>Coordinator to device: the plan for its task.</summary>
    public sealed record Execute(TaskPlan Plan) : IMecMessage;

    /// <summary>Device to its cell's radio link.</summary>
    public sealed record Upload(TaskProgress Task, IActorRef Device) : IMecMessage;

    /// <summary>
    /// Resource to the next resource: every task leaving towards it in this wave, and the promise that
    /// nothing else arriving before <paramref name="Horizon"/> will come from the sender.
    /// </summary>
    public sealed record TransitBatch(int Slot, double Horizon, Transit[] Tasks) : IMecMessage;
}

public static class TaskEvents
{
    /// <summary>Edge to device: the task has run, with its timing.</summary>
    public sealed record TaskFinished(TaskProgress Task) : IMecMessage;

    /// <summary>Device to coordinator: how the task ended.</summary>
    public sealed record TaskReported(TaskRecord Record) : IMecMessage;
}
