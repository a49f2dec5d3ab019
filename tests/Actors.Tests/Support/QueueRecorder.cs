using MecActors.Core.Decisions;

namespace MecActors.Actors.Tests.Support;

/// <summary>An offloading policy that decides as the one it wraps and keeps the queue states of every slot it observed.</summary>
internal sealed class QueueRecorder(IOffloadingPolicy inner) : IOffloadingPolicy
{
    /// <summary>Per slot decided, the edges' reported backlogs and the observation's queue states.</summary>
    public List<(int Slot, double[] EdgeBacklogs, ResourceQueues Queues)> Observed { get; } = new();

    public static (PolicySet Set, QueueRecorder Recorder) Wrap(PolicySet set)
    {
        var recorder = new QueueRecorder(set.Offloading);
        return (set with { Offloading = recorder }, recorder);
    }

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        Observed.Add((observation.Slot, observation.Edges.Select(e => e.BacklogSeconds).ToArray(), observation.Queues));
        return inner.Decide(observation);
    }

    public void Learn(SlotFeedback feedback) => inner.Learn(feedback);
}
