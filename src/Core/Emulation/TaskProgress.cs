namespace MecActors.Core.Emulation;

/// <summary>
/// A task on its way along its route: the stage it is at, when it reached it, and the delay components
/// accumulated so far. Immutable; each resource returns an advanced copy.
/// </summary>
/// <param name="FiberRun">Where the current run of consecutive fiber hops began, while the task is on one.</param>
/// <param name="EnergyJ">The device energy spent on the task so far (when the scenario models energy).</param>
/// <param name="DropReason">Why the task left its route before the end (its deadline passed), or null.</param>
/// <param name="Trace">The stages run so far, when the run traces tasks (<see cref="TaskPlan.Traced"/>); null otherwise.</param>
/// <param name="Response">The task's timing when its response was complete, once a route that runs on after it (<see cref="TaskPlan.ResponseStages"/>) got there.</param>
public sealed record TaskProgress(
    TaskPlan Plan,
    int StageIndex,
    double Time,
    double TransmissionS,
    double QueueingS,
    double DownloadS,
    double ComputeS,
    FiberRun? FiberRun = null,
    double EnergyJ = 0.0,
    string? DropReason = null,
    StageSpan[]? Trace = null,
    ResponseTiming? Response = null)
{
    public static TaskProgress Start(TaskPlan plan) =>
        new(plan, plan.FirstPathStage, plan.Request.ReleaseTime, 0, 0, 0, 0, Trace: plan.Traced ? [] : null);

    /// <summary>This task having run one more stage, <paramref name="resource"/> from <paramref name="start"/> to <paramref name="end"/>, if it is traced.</summary>
    public TaskProgress Traced(ResourceRef resource, double start, double end) =>
        Trace is null ? this : this with { Trace = [.. Trace, new StageSpan(resource, start, end)] };

    public long TaskId => Plan.Request.TaskId;

    public int Slot => Plan.Request.Slot;

    /// <summary>Whether every stage of the route has run, or the task left it.</summary>
    public bool Finished => DropReason is not null || StageIndex >= Plan.Route.Length;

    /// <summary>The stage the task is at (a method, not a property: a finished task has none, and records print properties).</summary>
    public Stage CurrentStage() => Plan.Route[StageIndex];

    /// <summary>The resource this task goes to next.</summary>
    public ResourceRef NextResource() => CurrentStage().Resource;

    /// <summary>
    /// The same task at the same point with the same timing, whichever copy of its plan it carries (a plan that
    /// crossed the wire is another instance): how a wave's passes tell that a back link carried the same again.
    /// </summary>
    public bool SameProgress(TaskProgress other) =>
        TaskId == other.TaskId && StageIndex == other.StageIndex && Time.Equals(other.Time)
        && TransmissionS.Equals(other.TransmissionS) && QueueingS.Equals(other.QueueingS) && DownloadS.Equals(other.DownloadS)
        && ComputeS.Equals(other.ComputeS) && EnergyJ.Equals(other.EnergyJ) && DropReason == other.DropReason && Equals(FiberRun, other.FiberRun)
        && Equals(Response, other.Response);

    /// <summary>This task, its response's timing kept if the stage it has just run was its response's last.</summary>
    public TaskProgress RespondedIfDue() =>
        Response is null && Plan.ResponseStages == StageIndex
            ? this with { Response = new ResponseTiming(Time, TransmissionS, QueueingS, DownloadS, ComputeS) }
            : this;

    /// <summary>Whether two lists of tasks are the same, task by task, in the same order (<see cref="SameProgress"/>).</summary>
    public static bool SameProgress(IReadOnlyList<TaskProgress> a, IReadOnlyList<TaskProgress> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].SameProgress(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public TaskRecord ToRecord()
    {
        var request = Plan.Request;
        if (Response is { } response)
        {
            // The response was complete; what ran after it (and whether it was cut at the deadline) is not the task's.
            var responded = response.Time - request.ReleaseTime > request.DeadlineSeconds ? TaskOutcome.MissedDeadline : TaskOutcome.Completed;
            return new TaskRecord(
                request.TaskId, request.Slot, request.Device, request.LocalEdge, Plan.TargetEdge, request.ModelId, Plan.Exit, Plan.Accuracy, Plan.CacheHit,
                request.ReleaseTime, response.Time, response.TransmissionS, response.QueueingS, response.DownloadS, response.ComputeS, responded, string.Empty, EnergyJ)
            {
                Stages = Trace,
            };
        }

        if (DropReason is not null)
        {
            // It left every queue at its deadline, whenever the resource holding it noticed.
            return new TaskRecord(
                request.TaskId, request.Slot, request.Device, request.LocalEdge, Plan.TargetEdge, request.ModelId, Plan.Exit, 0.0, Plan.CacheHit,
                request.ReleaseTime, request.ReleaseTime + request.DeadlineSeconds, TransmissionS, QueueingS, DownloadS, ComputeS, TaskOutcome.Dropped, DropReason, EnergyJ)
            {
                Stages = Trace,
            };
        }

        var delay = Time - request.ReleaseTime;
        var outcome = delay > request.DeadlineSeconds ? TaskOutcome.MissedDeadline : TaskOutcome.Completed;
        return new TaskRecord(
            request.TaskId, request.Slot, request.Device, request.LocalEdge, Plan.TargetEdge, request.ModelId, Plan.Exit,
            Plan.Accuracy, Plan.CacheHit, request.ReleaseTime, Time, TransmissionS, QueueingS, DownloadS, ComputeS, outcome, string.Empty, EnergyJ)
        {
            Stages = Trace,
        };
    }
}

/// <summary>
/// Consecutive hops over fiber count as one transmission span, from entering the first hop to leaving the last,
/// less the waiting in between: the same total as hop by hop, summed the way a path's one span is.
/// </summary>
/// <param name="TransmissionBefore">The task's transmission time before the run.</param>
/// <param name="Arrival">When the task reached the run's first hop.</param>
/// <param name="Waiting">The waiting summed over the run's hops so far.</param>
public sealed record FiberRun(double TransmissionBefore, double Arrival, double Waiting);

/// <summary>A task's time and delay components when its response was complete.</summary>
public sealed record ResponseTiming(double Time, double TransmissionS, double QueueingS, double DownloadS, double ComputeS);
