using MecActors.Core.Decisions;
using MecActors.Policies.Caching;
using MecActors.Policies.Lymdo;

namespace MecActors.Policies;

/// <summary>
/// Paper 004's policy sets: LyMDO's drift-plus-penalty slot with every combination of partition points searched
/// (<c>lymdo-exhaustive</c>, the per-slot reference), the same with the equal allocation in place of the convex step
/// (<c>lymdo-equal</c>), every layer on the UE or on the ES with the convex allocation, and <c>myopic</c>, the exhaustive
/// search for the slot's least delay, blind to the energy budget. Each reads the scenario's <c>lymdo</c> section;
/// popularity caching goes with each as everywhere.
/// </summary>
public static class LymdoPolicies
{
    public const string ExhaustiveName = "lymdo-exhaustive";
    public const string EqualName = "lymdo-equal";
    public const string LocalOnlyName = "lymdo-local-only";
    public const string EdgeOnlyName = "lymdo-edge-only";
    public const string MyopicName = "myopic";

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        ExhaustiveName, EqualName, LocalOnlyName, EdgeOnlyName, MyopicName,
    };

    public static void Register(PolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.AddParameters(PopularityCachingSettings.Section, PopularityCachingSettings.Read);
        catalog.AddParameters(LymdoSettings.Section, LymdoSettings.Read);
        catalog.Add(ExhaustiveName, (name, system, _) => Set(name, system, PartitionRule.Exhaustive, ConvexAllocation.Solve, pricesEnergy: true));
        catalog.Add(EqualName, (name, system, _) => Set(name, system, PartitionRule.Exhaustive, EqualAllocation.Solve, pricesEnergy: true));
        catalog.Add(LocalOnlyName, (name, system, _) => Set(name, system, PartitionRule.AllOnDevice, ConvexAllocation.Solve, pricesEnergy: true));
        catalog.Add(EdgeOnlyName, (name, system, _) => Set(name, system, PartitionRule.AllOnEdge, ConvexAllocation.Solve, pricesEnergy: true));
        catalog.Add(MyopicName, (name, system, _) => Set(name, system, PartitionRule.Exhaustive, ConvexAllocation.Solve, pricesEnergy: false));
    }

    private static PolicySet Set(
        string name, SystemView system, PartitionRule rule, Func<SlotProblem, IReadOnlyList<UeLoad>, SlotAllocation> allocate, bool pricesEnergy)
    {
        var settings = system.Scenario.PolicyParameters.Get<LymdoSettings>();
        return new PolicySet(name, new LymdoPolicy(system, settings, rule, allocate, pricesEnergy), new PopularityCaching(system));
    }
}
