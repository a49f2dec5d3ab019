using MecActors.Core.Emulation;

namespace MecActors.Core.Decisions;

/// <summary>
/// A resource's queue at the start of a slot. <paramref name="BacklogSeconds"/> is how long a job arriving now would
/// wait before the resource could start it, max(0, free-at - now): for FIFO the wait for the first free server, for
/// processor sharing the time the work in it takes at the full capacity, and 0 for a dedicated share or an equal share
/// per slot, where no job waits for another. <paramref name="Jobs"/> counts the jobs at it (tasks and model downloads)
/// that have not left by now: waiting, in service, or waiting for their model.
/// </summary>
public readonly record struct QueueState(ResourceRef Resource, double BacklogSeconds, int Jobs)
{
    /// <summary>Nothing queued and nothing in service.</summary>
    public bool Idle => BacklogSeconds <= 0.0 && Jobs == 0;
}
