using MecActors.Core.Decisions;
using MecActors.Policies.Caching;
using QuantisedAgentSettings = MecActors.Policies.EarlyExitOffloading.QuantisedAgentSettings;
using MecActors.Policies.Lymdo;

namespace MecActors.Policies;

/// <summary>
/// Paper 004's policy sets: LyMDO, its DRL agent choosing the partition points and the convex step allocating
/// (<c>lymdo</c>), the same agent blind to the budget (<c>drl-no-lyapunov</c>, its virtual queues read 0), the
/// drift-plus-penalty slot with every combination of partition points searched
/// (<c>lymdo-exhaustive</c>, the per-slot reference), the same with the equal allocation in place of the convex step
/// (<c>lymdo-equal</c>), every layer on the UE or on the ES with the convex allocation, and <c>myopic</c>, the exhaustive
/// search for the slot's least delay, blind to the energy budget. Each reads the scenario's <c>lymdo</c> section;
/// popularity caching goes with each as everywhere.
/// </summary>
public static class LymdoPolicies
{
    public const string LymdoName = "lymdo";
    public const string NoLyapunovName = "drl-no-lyapunov";
    public const string ExhaustiveName = "lymdo-exhaustive";
    public const string EqualName = "lymdo-equal";
    public const string LocalOnlyName = "lymdo-local-only";
    public const string EdgeOnlyName = "lymdo-edge-only";
    public const string MyopicName = "myopic";

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        LymdoName, NoLyapunovName, ExhaustiveName, EqualName, LocalOnlyName, EdgeOnlyName, MyopicName,
    };

    public static void Register(PolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.AddParameters(PopularityCachingSettings.Section, PopularityCachingSettings.Read);
        catalog.AddParameters(LymdoSettings.Section, LymdoSettings.Read);
        catalog.Add(LymdoName, (name, system, seed) => Agent(name, system, pricesEnergy: true, seed), learns: true);
        catalog.Add(NoLyapunovName, (name, system, seed) => Agent(name, system, pricesEnergy: false, seed), learns: true);
        catalog.Add(ExhaustiveName, (name, system, _) => Set(name, system, ExhaustivePartition.Instance, ConvexAllocation.Solve, pricesEnergy: true));
        catalog.Add(EqualName, (name, system, _) => Set(name, system, ExhaustivePartition.Instance, EqualAllocation.Solve, pricesEnergy: true));
        catalog.Add(LocalOnlyName, (name, system, _) => Set(name, system, FixedPartition.AllOnDevice, ConvexAllocation.Solve, pricesEnergy: true));
        catalog.Add(EdgeOnlyName, (name, system, _) => Set(name, system, FixedPartition.AllOnEdge, ConvexAllocation.Solve, pricesEnergy: true));
        catalog.Add(MyopicName, (name, system, _) => Set(name, system, ExhaustivePartition.Instance, ConvexAllocation.Solve, pricesEnergy: false));
    }

    /// <summary>
    /// revenol/DROO's memory of 1024, batch of 128 and a training every 10 slots, with Adam at 1e-3 instead of its 0.01
    /// (assumption, docs/assumptions.md: on the training episodes 0.01 stalled at a 0.92 match with the exhaustive search).
    /// </summary>
    public static QuantisedAgentSettings AgentTraining { get; } = new(1e-3, 1024, 128, 10, 0);

    private static PolicySet Agent(string name, SystemView system, bool pricesEnergy, int seed)
    {
        var settings = system.Scenario.PolicyParameters.Get<LymdoSettings>();
        return new PolicySet(name, new LymdoAgent(system, settings, pricesEnergy, AgentTraining, seed), new PopularityCaching(system));
    }

    private static PolicySet Set(
        string name, SystemView system, IPartitionRule rule, Func<SlotProblem, IReadOnlyList<UeLoad>, SlotAllocation> allocate, bool pricesEnergy)
    {
        var settings = system.Scenario.PolicyParameters.Get<LymdoSettings>();
        return new PolicySet(name, new LymdoPolicy(system, settings, rule, allocate, pricesEnergy), new PopularityCaching(system));
    }
}
