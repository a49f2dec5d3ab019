namespace MecActors.Policies.Tests;

/// <summary>
/// The catalog's policies that run on any scenario. Paper 003's need its <c>orchestration</c> section (its variants,
/// experiment and threshold) and are tested on its own scenarios (tests/Policies.Tests/Orchestration).
/// </summary>
internal static class GenericPolicies
{
    private static readonly string[] NeedTheirScenario =
        [Paper003Policies.BruteForceName, Paper003Policies.QLearningName, Paper003Policies.OffloadOnlyRlName, Paper003Policies.DqnName];

    public static IEnumerable<string> Names => PolicyCatalog.All.Names.Where(n => !NeedTheirScenario.Contains(n));
}
