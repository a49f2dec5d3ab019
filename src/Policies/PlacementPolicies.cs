using MecActors.Core.Decisions;
using MecActors.Policies.Caching;
using MecActors.Policies.Offloading;

namespace MecActors.Policies;

/// <summary>
/// Placements for any scenario: the whole model on the device, the local edge or the cloud (the fixed baselines of
/// papers 001 and 003), one device/edge cut per task, and random segments of every shape; each with popularity caching.
/// </summary>
public static class PlacementPolicies
{
    public const string DeviceOnlyName = "device-only";
    public const string EdgeOnlyName = "edge-only";
    public const string CloudOnlyName = "cloud-only";
    public const string BestCutName = "best-cut";
    public const string RandomPlacementName = "random-placement";

    public static void Register(PolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.AddParameters(PopularityCachingSettings.Section, PopularityCachingSettings.Read);
        catalog.Add(DeviceOnlyName, (name, system, _) => new PolicySet(name, new FixedPlacement(NodeKind.Device), new PopularityCaching(system)));
        catalog.Add(EdgeOnlyName, (name, system, _) => new PolicySet(name, new FixedPlacement(NodeKind.Edge), new PopularityCaching(system)));
        catalog.Add(CloudOnlyName, (name, system, _) => new PolicySet(name, new FixedPlacement(NodeKind.Cloud), new PopularityCaching(system)));
        catalog.Add(BestCutName, (name, system, _) => new PolicySet(name, new BestCut(), new PopularityCaching(system)));
        catalog.Add(RandomPlacementName, (name, system, seed) => new PolicySet(name, new RandomPlacement(seed), new PopularityCaching(system)));
    }
}
