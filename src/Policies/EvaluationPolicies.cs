using MecActors.Core.Decisions;
using MecActors.Policies.Learning;

namespace MecActors.Policies;

/// <summary>The policy sets as evaluated: a learning policy takes its trained parameters (or none) and, unless told to keep learning, stops learning.</summary>
public static class EvaluationPolicies
{
    /// <param name="parameters">A checkpoint of the named learning policy, or null to evaluate it untrained; ignored for the others.</param>
    /// <param name="keepLearning">A learning policy samples its actions and learns from the run's feedback, as in training.</param>
    /// <exception cref="InvalidDataException">The parameters are not a checkpoint of this policy's network.</exception>
    public static PolicySet Create(string name, SystemView system, int seed, byte[]? parameters, bool keepLearning = false)
    {
        var set = PolicyCatalog.All.Create(name, system, seed);
        if (set.Offloading is ITrainablePolicy trainable)
        {
            if (parameters is not null)
            {
                CheckpointBytes.Apply(trainable, parameters);
            }

            trainable.Training = keepLearning;
        }

        return set;
    }
}
