using Akka.Actor;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Realtime;

/// <summary>
/// A task on its way through the realtime resources: its progress, the device to hand its result to, and the
/// measured instant (clock seconds) its slot began, from which every later instant of the task is read.
/// Local messages only: the realtime clock runs in one process.
/// </summary>
internal readonly record struct RealtimeTransit(TaskProgress Task, IActorRef Device, double ReleasedAt)
{
    /// <summary>The task's progress at measured instant <paramref name="now"/>: release time plus the measured wall span since release.</summary>
    public double TaskTime(double now) => Task.Plan.Request.ReleaseTime + (now - ReleasedAt);
}

internal static class RealtimeCommands
{
    /// <summary>Coordinator to itself, every tau x time scale of wall time: begin the next slot.</summary>
    public sealed record SlotTick
    {
        public static readonly SlotTick Instance = new();
    }

    /// <summary>Coordinator to itself: the run's wall-clock budget is spent.</summary>
    public sealed record RunTimedOut
    {
        public static readonly RunTimedOut Instance = new();
    }

    /// <summary>Coordinator to a radio link: slot <paramref name="Slot"/>, begun at <paramref name="ReleasedAt"/>, brings <paramref name="Uploads"/> uploads.</summary>
    public sealed record ExpectUploads(int Slot, double ReleasedAt, int Uploads);

    /// <summary>Coordinator to an edge: slot <paramref name="Slot"/> sends <paramref name="Tasks"/> tasks here (K of the equal share).</summary>
    public sealed record ExpectTasks(int Slot, int Tasks);

    /// <summary>Coordinator to a backhaul: the slot's model downloads into its edge, requested at <paramref name="ReleasedAt"/>.</summary>
    public sealed record Download(int Slot, double ReleasedAt, ModelDownload[] Downloads);

    /// <summary>Link to the next resource: a task has crossed it.</summary>
    public sealed record Arrived(RealtimeTransit Transit);

    /// <summary>Backhaul to its edge: a model download of slot <paramref name="Slot"/> has arrived.</summary>
    public sealed record ModelArrived(int ModelId, int Slot);

    /// <summary>A resource to itself: the job under timer <paramref name="Key"/> has finished its current hop or service.</summary>
    public sealed record ServiceEnded(long Key);
}
