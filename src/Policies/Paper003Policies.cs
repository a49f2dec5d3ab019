using MecActors.Core.Decisions;
using MecActors.Policies.Caching;
using MecActors.Policies.Orchestration;

namespace MecActors.Policies;

/// <summary>
/// The named policy sets of paper 003 (Sec. 6): the exact per-step optimum, the tabular and deep Q-learning agents over
/// offloading and model selection, and the offloading-only baseline [36] (the tabular agent restricted to the most
/// accurate variant). Each caches by popularity; the fixed placements are the catalog's device-only, edge-only and
/// cloud-only. Their parameters are the scenario's <c>orchestration</c> section.
/// </summary>
public static class Paper003Policies
{
    public const string BruteForceName = "brute-force";
    public const string QLearningName = "q-learning";
    public const string OffloadOnlyRlName = "offload-only-rl";
    public const string DqnName = "dqn";

    /// <summary>The names this family registers; they run on scenarios with an <c>orchestration</c> section.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        BruteForceName, QLearningName, OffloadOnlyRlName, DqnName,
    };

    public static void Register(PolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.AddParameters(PopularityCachingSettings.Section, PopularityCachingSettings.Read);
        catalog.AddParameters(OrchestrationSettings.Section, OrchestrationSettings.Read);
        catalog.Add(BruteForceName, (name, system, _) => Set(name, system, new BruteForceOrchestration(system, Space(system, false), name)));
        catalog.Add(QLearningName, (name, system, seed) => Set(name, system, new QLearningOrchestration(system, Space(system, false), name, seed)), learns: true);
        catalog.Add(OffloadOnlyRlName, (name, system, seed) => Set(name, system, new QLearningOrchestration(system, Space(system, true), name, seed)), learns: true);
        catalog.Add(DqnName, (name, system, seed) => Set(name, system, new DqnOrchestration(system, Space(system, false), name, seed)), learns: true);
    }

    private static ActionSpace Space(SystemView system, bool offloadOnly) => new(OrchestrationSettings.Of(system), offloadOnly);

    private static PolicySet Set(string name, SystemView system, IOffloadingPolicy offloading) => new(name, offloading, new PopularityCaching(system));
}
