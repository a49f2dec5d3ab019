using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>
/// A decided task: where it goes, which exit, and its route of stages. The route starts with the fetches it
/// needs (run in parallel with the path), then the task's own path of transfers and computes. A plan with a
/// <see cref="DropReason"/> is not emulated; it is recorded as dropped at decision time.
/// </summary>
public sealed record TaskPlan(TaskRequest Request, int TargetEdge, int Exit, double Accuracy, bool CacheHit, Stage[] Route, string? DropReason)
{
    /// <summary>Whether the task records each stage it runs (<see cref="TaskProgress.Trace"/>): set for runs that trace tasks.</summary>
    public bool Traced { get; init; }

    /// <summary>The run seed, under a fault plan that loses transfers: each attempt's loss is drawn from the task's own stream under it.</summary>
    public int RunSeed { get; init; }

    /// <summary>
    /// How many of the route's stages make the task's response: those after it (a report sent once the result is in)
    /// occupy their resources but are no part of the response. Null: every stage.
    /// </summary>
    public int? ResponseStages { get; init; }

    /// <summary>The model fetch of this plan, if its target does not cache the model.</summary>
    public Stage? Fetch => Route.Length > 0 && Route[0].Kind == StageKind.Fetch ? Route[0] : null;

    /// <summary>Index of the first stage on the task's own path (after any parallel fetch).</summary>
    public int FirstPathStage => Fetch is null ? 0 : 1;

    /// <summary>The resource the task enters first, from its device.</summary>
    public ResourceRef Entry => Route[FirstPathStage].Resource;

    public TaskRecord DroppedRecord() => new(
        Request.TaskId, Request.Slot, Request.Device, Request.LocalEdge, TargetEdge, Request.ModelId, Exit, 0.0, CacheHit,
        Request.ReleaseTime, Request.ReleaseTime, 0, 0, 0, 0, TaskOutcome.Dropped, DropReason ?? "unknown")
    {
        Stages = Traced ? [] : null,
    };
}
