using MecActors.Core.Decisions;
using MecActors.Policies.Caching;
using MecActors.Policies.Offloading;

namespace MecActors.Policies;

/// <summary>
/// The named policy sets of paper 000 (Sec. IV): the baselines and the greedy joint heuristic.
/// Every set created from the same seed decides identically; the offloading and caching halves draw
/// from separate streams (policy and caching kinds) of that seed.
/// </summary>
public static class PolicyCatalog
{
    public const string RandomDecisionsName = "random-decisions";
    public const string RandomCachingName = "random-caching";
    public const string LocalEdgeName = "local-edge";
    public const string NoEarlyExitName = "no-early-exit";
    public const string GreedyName = "greedy";

    public static IReadOnlyList<string> Names { get; } =
        [RandomDecisionsName, RandomCachingName, LocalEdgeName, NoEarlyExitName, GreedyName];

    public static bool IsKnown(string name) => name is not null && Names.Contains(name, StringComparer.Ordinal);

    public static PolicySet Create(string name, SystemView system, int seed)
    {
        ArgumentNullException.ThrowIfNull(system);
        return name switch
        {
            RandomDecisionsName => new PolicySet(name, new RandomDecisions(seed), new RandomCaching(seed)),
            RandomCachingName => new PolicySet(name, new GreedyOffloading(GreedyMode.Joint), new RandomCaching(seed)),
            LocalEdgeName => new PolicySet(name, new GreedyOffloading(GreedyMode.Exit), new PopularityCaching(system)),
            NoEarlyExitName => new PolicySet(name, new GreedyOffloading(GreedyMode.Edge), new PopularityCaching(system)),
            GreedyName => new PolicySet(name, new GreedyOffloading(GreedyMode.Joint), new PopularityCaching(system)),
            _ => throw new ArgumentException($"unknown policy '{name}'; known policies: {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
