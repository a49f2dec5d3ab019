namespace MecActors.Core.Scenarios;

/// <summary>
/// The parameters a scenario gives its policies: one record per kind, read from the scenario file by the policies'
/// own section readers (<see cref="IKnownPolicies.ReadParameters"/>) and looked up by type by the policy that owns it.
/// </summary>
public sealed class PolicyParameters
{
    private readonly object[] _values;

    public PolicyParameters(params IEnumerable<object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [.. values];
        var types = new HashSet<Type>();
        foreach (var value in _values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            if (!types.Add(value.GetType()))
            {
                throw new ArgumentException($"two parameter records of type {value.GetType().Name}", nameof(values));
            }
        }
    }

    /// <summary>For a scenario whose policies take no parameters.</summary>
    public static PolicyParameters None { get; } = new();

    public IReadOnlyList<object> Values => _values;

    /// <exception cref="InvalidOperationException">The scenario was built without them (its policies were not loaded with it).</exception>
    public T Get<T>()
        where T : class
    {
        foreach (var value in _values)
        {
            if (value is T parameters)
            {
                return parameters;
            }
        }

        throw new InvalidOperationException($"the scenario gives no {typeof(T).Name}; load it with the catalog of the policies that take them");
    }
}
