using Akka.Actor;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Workload;

namespace MecActors.Actors.Protocol;

/// <summary>The slot barrier: the coordinator opens a slot, gathers tasks and edge states, opens the horizon wave, and closes the slot.</summary>
public static class SlotCommands
{
    /// <summary>Coordinator to device: generate this slot's task from the cell's current popularity.</summary>
    public sealed record BeginSlot(int Slot, double[] Popularity) : IMecMessage;

    /// <summary>Coordinator to edge: report state as of the slot's start.</summary>
    public sealed record ReportStatus(int Slot, double Now) : IMecMessage;

    /// <summary>
    /// Coordinator to a resource taking part in wave <paramref name="Wave"/> of slot <paramref name="Slot"/>: its role
    /// (entries, links in and out, downloads, K); once its inputs are in, advance to <paramref name="Horizon"/>. A
    /// <paramref name="Cyclic"/> wave runs in passes (see <see cref="WaveLayout"/>).
    /// </summary>
    public sealed record OpenWave(long Wave, int Slot, double Horizon, WaveRole Role, bool Cyclic) : IMecMessage;

    /// <summary>Coordinator to every resource of a cyclic wave: a back link changed, run pass <paramref name="Pass"/>.</summary>
    public sealed record NextPass(long Wave, int Pass) : IMecMessage;

    /// <summary>Coordinator to every resource of a cyclic wave: its last pass stands; hand finished tasks to their devices.</summary>
    public sealed record CommitWave(long Wave) : IMecMessage;

    /// <summary>Coordinator to edge: the cache Z for slot <paramref name="Slot"/>.</summary>
    public sealed record PlaceModels(int Slot, bool[] Models) : IMecMessage;
}

public static class SlotEvents
{
    /// <summary>Device to coordinator: the slot's tasks in arrival order (k = 0, 1, ...), possibly none.</summary>
    public sealed record TaskGenerated(int Slot, int Device, TaskRequest[] Tasks) : IMecMessage;

    public sealed record EdgeStatusReported(int Slot, EdgeStatus Status) : IMecMessage;

    /// <summary>
    /// A resource has advanced to the wave's horizon in pass <paramref name="Pass"/>; <paramref name="PendingTasks"/> tasks
    /// wait in it for a later wave, <paramref name="BackLinksChanged"/> says whether a back link carried something new, and
    /// <paramref name="Queue"/> is what it holds past the horizon (the next slot's queue state comes from the last pass's).
    /// </summary>
    public sealed record HorizonReached(long Wave, ResourceRef Resource, int Pass, int PendingTasks, bool BackLinksChanged, QueueReport Queue) : IMecMessage;

    /// <summary>Coordinator to whoever started the run, after each closed slot.</summary>
    public sealed record SlotClosed(int Slot, int Slots) : IMecMessage;

    /// <summary>Coordinator to whoever started a traced run: the records, stages included, of a slot's tasks once all have ended.</summary>
    public sealed record TasksEnded(int Slot, IReadOnlyList<TaskRecord> Records) : IMecMessage;
}

public static class RunCommands
{
    /// <summary>Starts a run of <paramref name="Slots"/> slots; progress and the result go to <paramref name="ReplyTo"/>.</summary>
    public sealed record StartRun(int Slots, IActorRef ReplyTo) : IMecMessage;
}

public static class RunEvents
{
    public sealed record RunCompleted(PolicyRun Run) : IMecMessage;

    public sealed record RunFailed(string Reason) : IMecMessage;
}
