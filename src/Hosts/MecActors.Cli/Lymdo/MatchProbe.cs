using System.Diagnostics;
using MecActors.Core.Decisions;
using MecActors.Policies.Lymdo;

namespace MecActors.Cli.Lymdo;

/// <summary>
/// Runs a trained LyMDO agent greedily and, in every slot with frames, asks the exhaustive search what it would choose in
/// the same state (the agent's own virtual queues and backlogs): the share of such slots whose points are the same for
/// every UE with frames, and the wall times of the agent's whole decision, of the exhaustive search and of one convex
/// step (the allocation given the agent's points).
/// </summary>
internal sealed class MatchProbe(LymdoAgent agent) : IOffloadingPolicy
{
    public int Slots { get; private set; }

    public int Matches { get; private set; }

    public List<double> DecisionMs { get; } = [];

    public List<double> ExhaustiveMs { get; } = [];

    public List<double> ConvexMs { get; } = [];

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var slot = agent.Slot.SlotOf(observation);
        var start = Stopwatch.GetTimestamp();
        var expected = slot.Exhaustive();
        var exhaustiveMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        start = Stopwatch.GetTimestamp();
        var decisions = agent.Decide(observation);
        var decisionMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (slot.Active.Count == 0)
        {
            return decisions;
        }

        var chosen = agent.Slot.LastPoints.ToArray();
        start = Stopwatch.GetTimestamp();
        slot.Objective(chosen);
        ConvexMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        ExhaustiveMs.Add(exhaustiveMs);
        DecisionMs.Add(decisionMs);
        Slots++;
        Matches += slot.SameForActive(chosen, expected) ? 1 : 0;
        return decisions;
    }

    public void Learn(SlotFeedback feedback) => agent.Learn(feedback);
}
