using MecActors.Core.Decisions;

namespace MecActors.Policies.Tests.EarlyExitOffloading;

/// <summary>Decides as <paramref name="inner"/> does and keeps every observation and decision.</summary>
internal sealed class RecordingPolicy(IOffloadingPolicy inner) : IOffloadingPolicy
{
    public List<(SlotObservation Observation, OffloadDecision[] Decisions)> Slots { get; } = [];

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var decisions = inner.Decide(observation);
        Slots.Add((observation, decisions));
        return decisions;
    }

    public void Learn(SlotFeedback feedback) => inner.Learn(feedback);
}
