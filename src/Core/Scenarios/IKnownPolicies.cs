using MecActors.Core.Configuration;

namespace MecActors.Core.Scenarios;

/// <summary>
/// The policies a caller can run, as a scenario file meets them: the names its <c>policies</c> may list, and the
/// readers of the sections that hold their parameters (paper 000's <c>caching</c>), so that Core knows no policy's
/// settings and the scenario carries them to every node.
/// </summary>
public interface IKnownPolicies
{
    IReadOnlyList<string> Names { get; }

    /// <summary>The top-level sections of a scenario that hold the policies' parameters; any other top-level key the loader does not read is a typo.</summary>
    IReadOnlyCollection<string> Sections { get; }

    /// <summary>Reads and validates every policy's parameters from <paramref name="scenario"/>; a problem is a <see cref="ConfigException"/> naming the key.</summary>
    PolicyParameters ReadParameters(Config scenario);
}
