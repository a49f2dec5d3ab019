using MecActors.Core.Decisions;
using MecActors.Policies.Learning;

namespace MecActors.Policies;

/// <summary>The policy sets as evaluated: a learning policy takes its trained parameters (or none) and stops learning.</summary>
public static class EvaluationPolicies
{
    /// <param name="parameters">A checkpoint of the named learning policy, or null to evaluate it untrained; ignored for the others.</param>
    /// <exception cref="InvalidDataException">The parameters are not a checkpoint of this policy's network.</exception>
    public static PolicySet Create(string name, SystemView system, int seed, byte[]? parameters)
    {
        var set = PolicyCatalog.Create(name, system, seed);
        if (set.Offloading is ITrainablePolicy trainable)
        {
            if (parameters is not null)
            {
                CheckpointBytes.Apply(trainable, parameters);
            }

            trainable.Training = false;
        }

        return set;
    }
}
