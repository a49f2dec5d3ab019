using MecActors.Core.Decisions;
using MecActors.Policies.Caching;
using MecActors.Policies.Learning.JointA2C;
using MecActors.Policies.Offloading;

namespace MecActors.Policies;

/// <summary>
/// The named policy sets of paper 000 (Sec. IV). The proposed method and the paper's baselines are the same A2C agent
/// with the fixed part masked; the "-greedy" rows replace the agent by the myopic best-response optimiser; the
/// "slot-search" rows by a per-slot local search of the objective (a reference for where a learned policy should land,
/// run on request, not listed by the paper's scenario). The offloading and caching halves of a set draw from separate
/// streams of its seed; popularity caching takes its window from the scenario's <c>caching</c> section.
/// </summary>
public static class Paper000Policies
{
    public const string JointA2CName = "joint-a2c";
    public const string RandomDecisionsName = "random-decisions";
    public const string RandomCachingName = "random-caching";
    public const string LocalEdgeName = "local-edge";
    public const string NoEarlyExitName = "no-early-exit";
    public const string GreedyName = "greedy";
    public const string RandomCachingGreedyName = "random-caching-greedy";
    public const string LocalEdgeGreedyName = "local-edge-greedy";
    public const string NoEarlyExitGreedyName = "no-early-exit-greedy";
    public const string SlotSearchName = "slot-search";
    public const string SlotSearchLocalEdgeName = "slot-search-local-edge";
    public const string SlotSearchNoEarlyExitName = "slot-search-no-early-exit";

    public static void Register(PolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.AddParameters(PopularityCachingSettings.Section, PopularityCachingSettings.Read);
        catalog.Add(JointA2CName, (name, system, seed) => new PolicySet(name, Agent(system, LearnedParts.Joint, seed), new PopularityCaching(system)), learns: true);
        catalog.Add(RandomDecisionsName, (name, _, seed) => new PolicySet(name, new RandomDecisions(seed), new RandomCaching(seed)));
        catalog.Add(RandomCachingName, (name, system, seed) => new PolicySet(name, Agent(system, LearnedParts.Joint, seed), new RandomCaching(seed)), learns: true);
        catalog.Add(LocalEdgeName, (name, system, seed) => new PolicySet(name, Agent(system, LearnedParts.Exit, seed), new PopularityCaching(system)), learns: true);
        catalog.Add(NoEarlyExitName, (name, system, seed) => new PolicySet(name, Agent(system, LearnedParts.Edge, seed), new PopularityCaching(system)), learns: true);
        catalog.Add(GreedyName, (name, system, _) => new PolicySet(name, new GreedyOffloading(GreedyMode.Joint), new PopularityCaching(system)));
        catalog.Add(RandomCachingGreedyName, (name, _, seed) => new PolicySet(name, new GreedyOffloading(GreedyMode.Joint), new RandomCaching(seed)));
        catalog.Add(LocalEdgeGreedyName, (name, system, _) => new PolicySet(name, new GreedyOffloading(GreedyMode.Exit), new PopularityCaching(system)));
        catalog.Add(NoEarlyExitGreedyName, (name, system, _) => new PolicySet(name, new GreedyOffloading(GreedyMode.Edge), new PopularityCaching(system)));
        catalog.Add(SlotSearchName, (name, system, _) => new PolicySet(name, new SlotSearchOffloading(GreedyMode.Joint), new PopularityCaching(system)));
        catalog.Add(SlotSearchLocalEdgeName, (name, system, _) => new PolicySet(name, new SlotSearchOffloading(GreedyMode.Exit), new PopularityCaching(system)));
        catalog.Add(SlotSearchNoEarlyExitName, (name, system, _) => new PolicySet(name, new SlotSearchOffloading(GreedyMode.Edge), new PopularityCaching(system)));
    }

    private static JointA2CAgent Agent(SystemView system, LearnedParts parts, int seed) => new(system, parts, A2CSettings.Paper, seed);
}
