using MecActors.Core.Decisions;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// The exact optimum of each step (paper 003, Sec. 6.1: the true optimal configuration by brute force): every one of
/// the 10^N joint actions is priced by eq. (4) over the response times its routes take in the emulated system, from
/// the step's state, and the best one is taken (ties: the lowest joint index). A step's resources are idle at its start
/// when every request of the step before has ended, which the synchronous requests of Sec. 4.2 and a step longer than
/// any response give.
/// </summary>
public sealed class BruteForceOrchestration(SystemView system, ActionSpace space, string name) : IOffloadingPolicy
{
    private readonly OrchestrationSettings _settings = OrchestrationSettings.Of(system);

    public ActionSpace Space { get; } = space;

    /// <summary>The best joint action of the observed step and its reward.</summary>
    public (long Joint, double Reward) Best(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var evaluator = new StepEvaluator(StepTiming.Of(observation, _settings, _settings.DecisionTimeOf(name)), _settings.Threshold, system.Scenario.SlotSeconds);
        var count = Space.JointCount(observation.Tasks.Count);
        var best = (Joint: 0L, Reward: double.NegativeInfinity);
        for (var joint = 0L; joint < count; joint++)
        {
            var reward = evaluator.Reward(Space, joint);
            if (reward > best.Reward)
            {
                best = (joint, reward);
            }
        }

        return best;
    }

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var (joint, _) = Best(observation);
        return OrchestrationDecisions.Of(observation, _settings, Space, joint, _settings.DecisionTimeOf(name));
    }

    public void Learn(SlotFeedback feedback)
    {
    }
}
