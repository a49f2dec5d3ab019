using MecActors.Cli.Orchestration;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class ConvergenceRuleTests
{
    /// <summary>Checks every 10 steps up to <paramref name="steps"/>, optimal from <paramref name="optimalFrom"/> on.</summary>
    private static List<(int Step, double Optimal)> Checks(int steps, int optimalFrom) =>
        [.. Enumerable.Range(1, steps / 10).Select(k => (k * 10, k * 10 >= optimalFrom ? 1.0 : 0.5))];

    [Fact]
    public void A_run_optimal_over_the_last_fifth_has_converged_at_the_first_of_those_checks()
    {
        Assert.Equal(4_000, ConvergenceRun.ConvergedStep(Checks(10_000, 4_000), 10_000, 10_000));
        Assert.Equal(8_000, ConvergenceRun.ConvergedStep(Checks(10_000, 8_000), 10_000, 10_000));
    }

    [Fact]
    public void A_run_that_turns_optimal_just_before_the_budget_ends_has_not_converged()
    {
        Assert.Null(ConvergenceRun.ConvergedStep(Checks(10_000, 9_960), 10_000, 10_000));
        Assert.Null(ConvergenceRun.ConvergedStep(Checks(40_000, 37_760), 40_000, 40_000));
        Assert.Null(ConvergenceRun.ConvergedStep(Checks(10_000, 8_010), 10_000, 10_000));
    }

    [Fact]
    public void A_run_whose_last_check_is_not_optimal_has_not_converged()
    {
        var checks = Checks(10_000, 2_000);
        checks[^1] = (checks[^1].Step, 0.9);

        Assert.Null(ConvergenceRun.ConvergedStep(checks, 10_000, 10_000));
    }

    [Fact]
    public void A_steady_stretch_shorter_than_a_thousand_steps_counts_only_where_the_budget_is_short()
    {
        // The last 600 of 1,000 steps run optimal: enough for a 1,000-step budget (a fifth of it, 200), not for a
        // 10,000-step one, which asks for 1,000.
        Assert.Equal(400, ConvergenceRun.ConvergedStep(Checks(1_000, 400), 1_000, 1_000));
        Assert.Null(ConvergenceRun.ConvergedStep(Checks(1_000, 400), 1_000, 10_000));
    }
}
