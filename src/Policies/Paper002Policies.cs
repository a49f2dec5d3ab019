using MecActors.Core.Decisions;
using MecActors.Policies.Caching;
using MecActors.Policies.EarlyExitOffloading;

namespace MecActors.Policies;

/// <summary>
/// The named policy sets of paper 002 (Sec. VI-A): GRLE, the paper's method; GRL, its graph actor without early
/// exits; DROO and DROOE, DROO without and with the exit in its action; the exact optimum of each slot (the reference
/// of eq. (17)); and two fixed baselines, every task at its own cell's server at the last or the first exit. Each
/// with popularity caching (one model, always cached). Their servers come from the scenario's <c>early-exit</c> section.
/// </summary>
public static class Paper002Policies
{
    public const string GrleName = "grle";
    public const string GrlName = "grl";
    public const string DrooName = "droo";
    public const string DrooeName = "drooe";
    public const string ExhaustiveName = "exhaustive";
    public const string LocalLastExitName = "local-last-exit";
    public const string LocalFirstExitName = "local-first-exit";

    /// <summary>The names this family registers; they run on scenarios with an <c>early-exit</c> section and one task per device and slot.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [GrleName, GrlName, DrooName, DrooeName, ExhaustiveName, LocalLastExitName, LocalFirstExitName];

    public static void Register(PolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.AddParameters(PopularityCachingSettings.Section, PopularityCachingSettings.Read);
        catalog.AddParameters(EarlyExitServers.Section, EarlyExitServers.Read);
        catalog.Add(GrleName, (name, system, seed) => Set(name, system, new GraphAgent(system, earlyExits: true, QuantisedAgentSettings.Graph, seed)), learns: true);
        catalog.Add(GrlName, (name, system, seed) => Set(name, system, new GraphAgent(system, earlyExits: false, QuantisedAgentSettings.Graph, seed)), learns: true);
        catalog.Add(DrooName, (name, system, seed) => Set(name, system, new DrooAgent(system, earlyExits: false, QuantisedAgentSettings.Droo, seed)), learns: true);
        catalog.Add(DrooeName, (name, system, seed) => Set(name, system, new DrooAgent(system, earlyExits: true, QuantisedAgentSettings.Droo, seed)), learns: true);
        catalog.Add(ExhaustiveName, (name, system, _) => Set(name, system, new ExhaustiveOffloading(system)));
        catalog.Add(LocalLastExitName, (name, system, _) => Set(name, system, new LocalServerOffloading(system, lastExit: true)));
        catalog.Add(LocalFirstExitName, (name, system, _) => Set(name, system, new LocalServerOffloading(system, lastExit: false)));
    }

    private static PolicySet Set(string name, SystemView system, IOffloadingPolicy offloading) =>
        new(name, offloading, new PopularityCaching(system));
}
