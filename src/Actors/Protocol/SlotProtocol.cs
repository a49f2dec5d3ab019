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
    /// Coordinator to a radio link or an edge: slot <paramref name="Slot"/> brings <paramref name="Expected"/>
    /// inputs (uploads for a link, tasks for an edge); once they are in, advance to <paramref name="Horizon"/>.
    /// <paramref name="Fibers"/> names the fiber paths that take part in the wave, by the edge at their other end:
    /// for a radio link the paths leaving its cell, for an edge the paths into it. A path takes part while a task
    /// routed through it is in flight; the others are empty and sit the wave out. Null: every path takes part.
    /// </summary>
    public sealed record OpenWave(int Slot, double Horizon, int Expected, int[]? Fibers = null) : IMecMessage;

    /// <summary>Coordinator to cloud: the slot's model downloads (misses coalesced per edge and model).</summary>
    public sealed record FetchModels(int Slot, double Horizon, ModelDownload[] Downloads) : IMecMessage;

    /// <summary>Coordinator to edge: the cache Z for slot <paramref name="Slot"/>.</summary>
    public sealed record PlaceModels(int Slot, bool[] Models) : IMecMessage;
}

public static class SlotEvents
{
    /// <summary>Device to coordinator: the slot's task, or none.</summary>
    public sealed record TaskGenerated(int Slot, int Device, TaskRequest? Task) : IMecMessage;

    public sealed record EdgeStatusReported(int Slot, EdgeStatus Status) : IMecMessage;

    /// <summary>A resource has advanced to the slot's horizon; <paramref name="PendingTasks"/> tasks wait in it for a later one.</summary>
    public sealed record HorizonReached(int Slot, ResourceRef Resource, int PendingTasks) : IMecMessage;

    /// <summary>Coordinator to whoever started the run, after each closed slot.</summary>
    public sealed record SlotClosed(int Slot, int Slots) : IMecMessage;
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
