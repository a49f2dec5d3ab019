using MecActors.Core.Decisions;

namespace MecActors.Policies.Orchestration;

/// <summary>The reward eq. (4) a joint action of a step earns by the nominal response times of <see cref="ResponseModel"/>.</summary>
public sealed class StepEvaluator
{
    private readonly StepTiming _timing;
    private readonly double _threshold;
    private readonly double _maxResponse;
    private readonly OrchestrationAction[] _actions;
    private readonly double[] _responses;
    private readonly double[] _accuracies;

    public StepEvaluator(StepTiming timing, double threshold, double maxResponseSeconds)
    {
        _timing = timing;
        _threshold = threshold;
        _maxResponse = maxResponseSeconds;
        _actions = new OrchestrationAction[timing.Tasks];
        _responses = new double[timing.Tasks];
        _accuracies = new double[timing.Tasks];
    }

    /// <summary>The reward of joint action <paramref name="joint"/> of <paramref name="space"/>.</summary>
    public double Reward(ActionSpace space, long joint)
    {
        space.Decode(joint, _actions);
        return Reward(_actions);
    }

    public double Reward(ReadOnlySpan<OrchestrationAction> actions)
    {
        ResponseModel.Predict(_timing, actions, orchestrated: true, _responses);
        for (var i = 0; i < actions.Length; i++)
        {
            _accuracies[i] = actions[i].Variant.Accuracy;
        }

        return OrchestrationReward.Of(_responses, _accuracies, _threshold, _maxResponse);
    }
}
