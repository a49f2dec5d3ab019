namespace MecActors.Core.Emulation;

/// <summary>
/// A task on its way along its route: the stage it is at, when it reached it, and the delay components
/// accumulated so far. Immutable; each resource returns an advanced copy.
/// </summary>
public sealed record TaskProgress(
    TaskPlan Plan,
    int StageIndex,
    double Time,
    double TransmissionS,
    double QueueingS,
    double DownloadS,
    double ComputeS)
{
    public static TaskProgress Start(TaskPlan plan) => new(plan, plan.FirstPathStage, plan.Request.ReleaseTime, 0, 0, 0, 0);

    public long TaskId => Plan.Request.TaskId;

    public int Slot => Plan.Request.Slot;

    /// <summary>The stage the task is at (a method, not a property: a finished task has none, and records print properties).</summary>
    public Stage CurrentStage() => Plan.Route[StageIndex];

    public bool NeedsFetch => Plan.Fetch is not null;

    /// <summary>The resource this task goes to next.</summary>
    public ResourceRef NextResource() => CurrentStage().Resource;

    public TaskRecord ToRecord()
    {
        var request = Plan.Request;
        var delay = Time - request.ReleaseTime;
        var outcome = delay > request.DeadlineSeconds ? TaskOutcome.MissedDeadline : TaskOutcome.Completed;
        return new TaskRecord(
            request.TaskId, request.Slot, request.Device, request.LocalEdge, Plan.TargetEdge, request.ModelId, Plan.Exit,
            Plan.Accuracy, Plan.CacheHit, request.ReleaseTime, Time, TransmissionS, QueueingS, DownloadS, ComputeS, outcome, string.Empty);
    }
}
