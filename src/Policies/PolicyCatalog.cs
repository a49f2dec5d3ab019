using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;

namespace MecActors.Policies;

/// <summary>
/// The named policy sets a host can run, composed from each family's registration: a family adds its names (each with
/// a factory and whether it learns) and the scenario sections that hold its parameters. <see cref="All"/> is the one
/// catalog the hosts use; a paper's policies join it by adding their registration there. Names are listed in the order
/// they were added.
/// </summary>
public sealed class PolicyCatalog : IKnownPolicies
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, Registration> _policies = new(StringComparer.Ordinal);
    private readonly List<ParameterSection> _sections = [];

    /// <summary>Paper 000's sets, the placements for any scenario, then papers 001's, 002's, 003's and 004's.</summary>
    public static PolicyCatalog All { get; } = Of(
        Paper000Policies.Register,
        PlacementPolicies.Register,
        PreDnnOffPolicies.Register,
        Paper002Policies.Register,
        Paper003Policies.Register,
        LymdoPolicies.Register);

    public IReadOnlyList<string> Names => _names;

    public IReadOnlyCollection<string> Sections => _sections.Select(s => s.Section).ToArray();

    /// <summary>A catalog of what <paramref name="registrations"/> add, in their order.</summary>
    public static PolicyCatalog Of(params ReadOnlySpan<Action<PolicyCatalog>> registrations)
    {
        var catalog = new PolicyCatalog();
        foreach (var register in registrations)
        {
            register(catalog);
        }

        return catalog;
    }

    public bool IsKnown(string name) => name is not null && _policies.ContainsKey(name);

    /// <summary>Whether the named set's offloading learns (and so can be trained and checkpointed).</summary>
    public bool Learns(string name) => name is not null && _policies.TryGetValue(name, out var policy) && policy.Learns;

    /// <exception cref="ArgumentException">No set is registered as <paramref name="name"/>.</exception>
    public PolicySet Create(string name, SystemView system, int seed)
    {
        ArgumentNullException.ThrowIfNull(system);
        return name is not null && _policies.TryGetValue(name, out var policy)
            ? policy.Create(name, system, seed)
            : throw new ArgumentException($"unknown policy '{name}'; known policies: {string.Join(", ", _names)}", nameof(name));
    }

    /// <summary>Registers a policy set under a name no other set has.</summary>
    /// <param name="learns">Its offloading is an <see cref="Learning.ITrainablePolicy"/>.</param>
    public void Add(string name, PolicyFactory create, bool learns = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        if (!_policies.TryAdd(name, new Registration(create, learns)))
        {
            throw new ArgumentException($"policy '{name}' is registered twice", nameof(name));
        }

        _names.Add(name);
    }

    /// <summary>
    /// Registers the section of the scenario file that holds a policy's parameters, read into a
    /// <typeparamref name="T"/> at load. Families that share a policy register its section once each; a section
    /// claimed for another record is an error.
    /// </summary>
    public void AddParameters<T>(string section, Func<Config, T> read)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentNullException.ThrowIfNull(read);
        foreach (var known in _sections)
        {
            var sameSection = known.Section == section;
            var sameType = known.Type == typeof(T);
            if (sameSection && sameType)
            {
                return;
            }

            if (sameSection || sameType)
            {
                throw new ArgumentException($"section '{section}' ({typeof(T).Name}) clashes with '{known.Section}' ({known.Type.Name})", nameof(section));
            }
        }

        _sections.Add(new ParameterSection(section, typeof(T), read));
    }

    public PolicyParameters ReadParameters(Config scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var values = new object[_sections.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _sections[i].Read(scenario);
        }

        return new PolicyParameters(values);
    }

    private sealed record Registration(PolicyFactory Create, bool Learns);

    private sealed record ParameterSection(string Section, Type Type, Func<Config, object> Read);
}
