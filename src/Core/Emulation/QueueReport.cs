using MecActors.Core.Decisions;

namespace MecActors.Core.Emulation;

/// <summary>
/// What a resource holds once it has advanced to a horizon, enough to give its queue state at every later slot start
/// until it advances again: when it could start a new job (<paramref name="FreeAt"/>), the jobs offered to it that are
/// not finalised yet (<paramref name="Offered"/>, those waiting for their model included), and of the jobs finalised
/// that leave after the horizon, how many are still there at the slot starts from <paramref name="FirstSlotStart"/> on
/// (<paramref name="LeavingAfter"/>, by steps: a step's jobs at every slot start up to its own, after the step before; none
/// after the last one).
/// </summary>
/// <remarks>
/// Counts per slot start rather than the leaving jobs' ends (<see cref="LeavingJobs"/>): a report stays a few integers
/// when thousands of uploads are in flight, and queue states are only asked at slot starts (the realtime clock
/// measures a node directly, <see cref="ResourceNode.QueueAt"/>).
/// </remarks>
public readonly record struct QueueReport(double FreeAt, int Offered, int FirstSlotStart, LeavingStep[] LeavingAfter)
{
    /// <summary>A resource that holds nothing past its horizon: idle at every later instant.</summary>
    public static readonly QueueReport Idle = new(0.0, 0, 0, []);

    public bool IsIdle => Offered == 0 && LeavingAfter.Length == 0 && FreeAt <= 0.0;

    /// <summary>
    /// The queue state at the start of the slot that begins at <paramref name="slotStart"/> x T (the start of slot
    /// <paramref name="slotStart"/> + 1), no earlier than the horizon of the report.
    /// </summary>
    public QueueState At(ResourceRef resource, int slotStart, double slotSeconds)
    {
        if (slotStart < FirstSlotStart && LeavingAfter.Length > 0)
        {
            throw new InvalidOperationException($"{resource}: queue state asked at slot start {slotStart}, before its report's first one ({FirstSlotStart})");
        }

        var leaving = 0;
        foreach (var step in LeavingAfter)
        {
            if (step.LastSlotStart >= slotStart)
            {
                leaving = step.Jobs;
                break;
            }
        }

        return new QueueState(resource, Math.Max(0.0, FreeAt - (slotStart * slotSeconds)), Offered + leaving);
    }
}
