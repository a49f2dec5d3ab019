namespace MecActors.Policies.Learning.NeuralNet;

public static class ParameterListExtensions
{
    /// <summary>Clears every gradient; backward passes accumulate, so call this before each one.</summary>
    public static void ZeroGradients(this IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var parameter in parameters)
        {
            parameter.ZeroGradient();
        }
    }

    /// <summary>Total number of scalar weights.</summary>
    public static int ScalarCount(this IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Sum(p => p.Count);
    }

    /// <summary>Throws when two parameters share a name, since save/load matches parameters by name.</summary>
    public static void RequireUniqueNames(this IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            if (!seen.Add(parameter.Name))
            {
                throw new ArgumentException($"Two parameters are named '{parameter.Name}'; names must be unique.");
            }
        }
    }
}
