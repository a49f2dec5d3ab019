namespace MecActors.Policies.Tests;

/// <summary>
/// The catalog's policies that run on any scenario. A paper's own policies need its section (a layer profile that
/// matches the model, per-server exit times, ...): their paper's tests check them on their own scenarios.
/// </summary>
internal static class AnyScenarioPolicies
{
    private static readonly string[] Paper003Agents =
        [Paper003Policies.BruteForceName, Paper003Policies.QLearningName, Paper003Policies.OffloadOnlyRlName, Paper003Policies.DqnName];

    public static IEnumerable<string> Names =>
        PolicyCatalog.All.Names.Except(PreDnnOffPolicies.Names).Except(Paper002Policies.Names).Except(Paper003Agents).Except(LymdoPolicies.Names);
}
