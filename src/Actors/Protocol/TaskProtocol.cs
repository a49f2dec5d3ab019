using MecActors.Core.Emulation;

namespace MecActors.Actors.Protocol;

public static class TaskCommands
{
    /// <summary>Coordinator to device: the plan for its task.</summary>
    public sealed record Execute(TaskPlan Plan) : IMecMessage;

    /// <summary>Device to the first resource of its task's route.</summary>
    public sealed record Enter(TaskProgress Task) : IMecMessage;

    /// <summary>
    /// Resource to resource: every task (and model download) leaving <paramref name="From"/> towards the receiver in
    /// pass <paramref name="Pass"/> of wave <paramref name="Wave"/>, and the promise that nothing else arriving before
    /// the wave's horizon will come from it in that pass.
    /// </summary>
    public sealed record TransitBatch(long Wave, int Pass, ResourceRef From, TaskProgress[] Tasks, ModelArrival[] Models) : IMecMessage;
}

public static class TaskEvents
{
    /// <summary>The last resource of a route to the task's device: the task has run, with its timing.</summary>
    public sealed record TaskFinished(TaskProgress Task) : IMecMessage;

    /// <summary>Device to coordinator: how the task ended.</summary>
    public sealed record TaskReported(TaskRecord Record) : IMecMessage;
}
