using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Realtime;

/// <summary>Local messages only: the realtime clock runs in one process.</summary>
internal static class RealtimeCommands
{
    /// <summary>The clock to the coordinator, every tau x time scale of wall time from the first: begin the next slot.</summary>
    public sealed record SlotTick
    {
        public static readonly SlotTick Instance = new();
    }

    /// <summary>Coordinator to itself: the run's wall-clock budget is spent.</summary>
    public sealed record RunTimedOut
    {
        public static readonly RunTimedOut Instance = new();
    }

    /// <summary>
    /// Coordinator to a resource: slot <paramref name="Slot"/>, begun at measured instant <paramref name="ReleasedAt"/>,
    /// sends <paramref name="Entries"/> tasks into it from their devices, brings <paramref name="ComputeJobs"/> compute
    /// stages (the K of an equal share) and the downloads it carries.
    /// </summary>
    public sealed record SlotRole(int Slot, double ReleasedAt, int Entries, int ComputeJobs, ModelDownload[] Fetches);

    /// <summary>
    /// Resource to the next resource of a task's route: the task has crossed the sender; its clock started at
    /// <paramref name="ReleasedAt"/> (its slot's measured release + its arrival offset).
    /// </summary>
    public sealed record Arrived(TaskProgress Task, double ReleasedAt);

    /// <summary>
    /// The clock to a resource: a task with an arrival offset is due at its first stage, at clock instant <paramref name="At"/>
    /// (its slot's measured release + the offset).
    /// </summary>
    public sealed record Due(TaskProgress Task, double At);

    /// <summary>Coordinator to every resource at the start of slot <paramref name="Slot"/>: measure your queue now.</summary>
    public sealed record MeasureQueue(int Slot);

    /// <summary>A resource to the coordinator: its queue state measured at the start of slot <paramref name="Slot"/>.</summary>
    public sealed record QueueMeasured(int Slot, QueueState State);

    /// <summary>Link to the processor waiting for it: a model download has arrived.</summary>
    public sealed record ModelArrived(ModelArrival Arrival);

    /// <summary>The clock to a resource: the job held under <paramref name="Key"/> has reached its end.</summary>
    public sealed record ServiceEnded(long Key);

    /// <summary>The clock to a resource: a job in service may be due to leave at clock instant <paramref name="At"/>.</summary>
    public sealed record Wake(double At);
}
