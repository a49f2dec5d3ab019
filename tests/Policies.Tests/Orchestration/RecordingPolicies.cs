using MecActors.Core.Decisions;
using MecActors.Policies.Orchestration;

namespace MecActors.Policies.Tests.Orchestration;

/// <summary>Always the same joint action.</summary>
internal sealed class FixedJoint(OrchestrationSettings settings, ActionSpace space, long joint) : IOffloadingPolicy
{
    public OffloadDecision[] Decide(SlotObservation observation) => OrchestrationDecisions.Of(observation, settings, space, joint, 0);

    public void Learn(SlotFeedback feedback)
    {
    }
}

/// <summary>Passes decisions and feedback through, keeping the observations, the decisions and each step's measured reward eq. (4) with its slot.</summary>
internal sealed class RecordingRewards(SystemView system, IOffloadingPolicy inner) : IOffloadingPolicy
{
    private readonly OrchestrationSettings _settings = OrchestrationSettings.Of(system);

    public List<OffloadDecision> Decisions { get; } = [];

    public List<double> Rewards { get; } = [];

    public List<int> RewardedSlots { get; } = [];

    public List<SlotObservation> Observations { get; } = [];

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        Observations.Add(observation);
        var decisions = inner.Decide(observation);
        Decisions.AddRange(decisions);
        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
        Rewards.Add(MeasuredReward.Of(feedback.Records, _settings.Threshold, system.Scenario.SlotSeconds));
        RewardedSlots.Add(feedback.Slot);
        inner.Learn(feedback);
    }
}
