using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Policies.Caching;
using MecActors.Policies.PreDnnOff;

namespace MecActors.Policies;

/// <summary>
/// Paper 001's policy sets: Pre-DNNOff's placement found by the paper's GA and by the exact dynamic program, Edgent's
/// one cut fixed in advance, every layer on the device or on the edge (timed by the layer profile, unlike the
/// block-based device-only and edge-only), and the exact solver that accounts for the load. Each reads the scenario's
/// <c>pre-dnnoff</c> section; popularity caching goes with each as everywhere.
/// </summary>
public static class PreDnnOffPolicies
{
    public const string GeneticName = "pre-dnnoff-ga";
    public const string ExactName = "pre-dnnoff-exact";
    public const string QueueAwareName = "pre-dnnoff-queue-aware";
    public const string EdgentName = "edgent";
    public const string DeviceOnlyName = "layers-device-only";
    public const string EdgeOnlyName = "layers-edge-only";

    /// <summary>The GA's stream under the policy seed.</summary>
    public const int GeneticStream = 1001;

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        GeneticName, ExactName, QueueAwareName, EdgentName, DeviceOnlyName, EdgeOnlyName,
    };

    public static void Register(PolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.AddParameters(PopularityCachingSettings.Section, PopularityCachingSettings.Read);
        catalog.AddParameters(PreDnnOffSettings.Section, PreDnnOffSettings.Read);
        catalog.Add(GeneticName, (name, system, seed) => Fixed(name, system, model =>
        {
            var settings = system.Scenario.PolicyParameters.Get<PreDnnOffSettings>();
            var result = GeneticPlacement.Solve(model, settings.Genetic, RandomStream.For(seed, StreamKind.Policy, GeneticStream));
            return new PlacementResult(result.Placement, result.ExpectedSeconds);
        }));
        catalog.Add(ExactName, (name, system, _) => Fixed(name, system, model => ExactPlacement.Solve(model)));
        catalog.Add(EdgentName, (name, system, _) => Fixed(name, system, EdgentPlacement.Solve));
        catalog.Add(DeviceOnlyName, (name, system, _) => Fixed(name, system, model => Everything(model, LayerLatencyModel.Device)));
        catalog.Add(EdgeOnlyName, (name, system, _) => Fixed(name, system, model => Everything(model, LayerLatencyModel.Edge)));
        catalog.Add(QueueAwareName, (name, system, _) =>
        {
            var settings = system.Scenario.PolicyParameters.Get<PreDnnOffSettings>();
            var policy = new QueueAwarePlacementPolicy(settings.ModelFor(system), settings.ModelIdIn(system));
            return new PolicySet(name, policy, new PopularityCaching(system));
        });
    }

    private static PolicySet Fixed(string name, SystemView system, Func<LayerLatencyModel, PlacementResult> solve)
    {
        var settings = system.Scenario.PolicyParameters.Get<PreDnnOffSettings>();
        var model = settings.ModelFor(system);
        return new PolicySet(name, new LayerPlacementPolicy(model, settings.ModelIdIn(system), solve(model)), new PopularityCaching(system));
    }

    private static PlacementResult Everything(LayerLatencyModel model, int node)
    {
        var placement = model.AllOn(node);
        return new PlacementResult(placement, model.ExpectedSeconds(placement));
    }
}
