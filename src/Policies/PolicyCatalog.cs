using MecActors.Core.Decisions;
using MecActors.Policies.Caching;
using MecActors.Policies.Learning.JointA2C;
using MecActors.Policies.Offloading;

namespace MecActors.Policies;

/// <summary>
/// The named policy sets of paper 000 (Sec. IV). The proposed method and the paper's baselines are the
/// same A2C agent with the fixed part masked; the "-greedy" rows replace the agent by the myopic
/// best-response optimiser; the "slot-search" rows by a per-slot local search of the objective (a reference
/// for where a learned policy should land, run on request, not listed by the paper's scenario); and placements for
/// any scenario: the whole model on the device, the local edge or the cloud, and one device/edge cut per task. Every set created from the same seed decides identically; the offloading
/// and caching halves draw from separate streams of that seed.
/// </summary>
public static class PolicyCatalog
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
    public const string DeviceOnlyName = "device-only";
    public const string EdgeOnlyName = "edge-only";
    public const string CloudOnlyName = "cloud-only";
    public const string BestCutName = "best-cut";
    public const string RandomPlacementName = "random-placement";

    public static IReadOnlyList<string> Names { get; } =
    [
        JointA2CName, RandomDecisionsName, RandomCachingName, LocalEdgeName, NoEarlyExitName,
        GreedyName, RandomCachingGreedyName, LocalEdgeGreedyName, NoEarlyExitGreedyName,
        SlotSearchName, SlotSearchLocalEdgeName, SlotSearchNoEarlyExitName,
        DeviceOnlyName, EdgeOnlyName, CloudOnlyName, BestCutName, RandomPlacementName,
    ];

    public static bool IsKnown(string name) => name is not null && Names.Contains(name, StringComparer.Ordinal);

    /// <summary>Whether the named set's offloading learns (and so can be trained and checkpointed).</summary>
    public static bool Learns(string name) => name is JointA2CName or RandomCachingName or LocalEdgeName or NoEarlyExitName;

    public static PolicySet Create(string name, SystemView system, int seed)
    {
        ArgumentNullException.ThrowIfNull(system);
        JointA2CAgent Agent(LearnedParts parts) => new(system, parts, A2CSettings.Paper, seed);
        return name switch
        {
            JointA2CName => new PolicySet(name, Agent(LearnedParts.Joint), new PopularityCaching(system)),
            RandomDecisionsName => new PolicySet(name, new RandomDecisions(seed), new RandomCaching(seed)),
            RandomCachingName => new PolicySet(name, Agent(LearnedParts.Joint), new RandomCaching(seed)),
            LocalEdgeName => new PolicySet(name, Agent(LearnedParts.Exit), new PopularityCaching(system)),
            NoEarlyExitName => new PolicySet(name, Agent(LearnedParts.Edge), new PopularityCaching(system)),
            GreedyName => new PolicySet(name, new GreedyOffloading(GreedyMode.Joint), new PopularityCaching(system)),
            RandomCachingGreedyName => new PolicySet(name, new GreedyOffloading(GreedyMode.Joint), new RandomCaching(seed)),
            LocalEdgeGreedyName => new PolicySet(name, new GreedyOffloading(GreedyMode.Exit), new PopularityCaching(system)),
            NoEarlyExitGreedyName => new PolicySet(name, new GreedyOffloading(GreedyMode.Edge), new PopularityCaching(system)),
            SlotSearchName => new PolicySet(name, new SlotSearchOffloading(GreedyMode.Joint), new PopularityCaching(system)),
            SlotSearchLocalEdgeName => new PolicySet(name, new SlotSearchOffloading(GreedyMode.Exit), new PopularityCaching(system)),
            SlotSearchNoEarlyExitName => new PolicySet(name, new SlotSearchOffloading(GreedyMode.Edge), new PopularityCaching(system)),
            DeviceOnlyName => new PolicySet(name, new FixedPlacement(NodeKind.Device), new PopularityCaching(system)),
            EdgeOnlyName => new PolicySet(name, new FixedPlacement(NodeKind.Edge), new PopularityCaching(system)),
            CloudOnlyName => new PolicySet(name, new FixedPlacement(NodeKind.Cloud), new PopularityCaching(system)),
            BestCutName => new PolicySet(name, new BestCut(), new PopularityCaching(system)),
            RandomPlacementName => new PolicySet(name, new RandomPlacement(seed), new PopularityCaching(system)),
            _ => throw new ArgumentException($"unknown policy '{name}'; known policies: {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
