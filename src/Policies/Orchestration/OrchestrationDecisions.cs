using MecActors.Core.Decisions;

namespace MecActors.Policies.Orchestration;

/// <summary>A joint action of the step's devices as the engine's decisions, one per task in the observation's order.</summary>
public static class OrchestrationDecisions
{
    public static OffloadDecision[] Of(SlotObservation observation, OrchestrationSettings settings, ActionSpace space, long joint, double decisionSeconds)
    {
        var timing = StepTiming.Of(observation, settings, decisionSeconds);
        var actions = new OrchestrationAction[observation.Tasks.Count];
        space.Decode(joint, actions);
        var decisions = new OffloadDecision[actions.Length];
        for (var i = 0; i < actions.Length; i++)
        {
            decisions[i] = OrchestrationRoutes.Decide(observation.System, settings, observation.Tasks[i], actions[i], timing);
        }

        return decisions;
    }
}
