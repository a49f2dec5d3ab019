using System.Globalization;
using System.Text;
using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Policies;
using MecActors.Policies.Learning;
using MecActors.Policies.Orchestration;

namespace MecActors.Cli.Orchestration;

/// <summary>
/// Trains an agent on one case (experiment file, users, threshold) in the sequential reference model, in episodes of
/// the scenario's length, with an <see cref="OptimalityProbe"/> watching; optionally starting from the same agent
/// trained at the Min threshold (transfer, Sec. 6.2.1).
/// Convergence rule: training stops once the greedy action has been optimal in every visited state at every check of
/// the last fifth of the steps run (at least <see cref="MinimumSteady"/> steps, or a fifth of the budget where that is
/// less), or at the step budget; the converged step is the first check of that final run of optimal checks (none if the
/// budget ends first).
/// </summary>
internal static class ConvergenceRun
{
    public const int MinimumSteady = 1000;

    /// <param name="Steps">The step budget when not <see cref="Budget"/>'s (null: Table 11's).</param>
    public sealed record Case(string Experiment, string File, int Users, string Threshold, string Agent, bool Transfer, int? Steps = null);

    public sealed record Outcome(Case Case, int Steps, int? ConvergedStep, double OptimalShare, int States, double OptimalStepShare, string Decisions, List<(int Step, double Optimal)> Checks, byte[] Checkpoint);

    /// <summary>The folder name of a case's checkpoints: experiment, users, threshold.</summary>
    public static string CaseName(Case c) => $"{c.Experiment}-{c.Users}u-{c.Threshold}";

    public static SystemView SystemOf(string scenarioDir, Case c)
    {
        var config = HoconParser.ParseFile(Path.Combine(scenarioDir, c.File))
            .WithOverride("devices.count", c.Users.ToString(CultureInfo.InvariantCulture))
            .WithOverride("orchestration.threshold", c.Threshold);
        return new SystemView(ScenarioLoader.FromConfig(config, PolicyCatalog.All));
    }

    /// <summary>The step budget: Table 11's largest count for the users (the paper's own steps), and small fixed ones for 1-2 users.</summary>
    public static int Budget(string agent, int users) => (agent, users) switch
    {
        (Paper003Policies.DqnName, <= 2) => 5_000,
        (Paper003Policies.DqnName, 3) => 10_000,
        (Paper003Policies.DqnName, 4) => 40_000,
        (Paper003Policies.DqnName, _) => 70_000,
        (Paper003Policies.OffloadOnlyRlName, <= 3) => 2_000,
        (Paper003Policies.OffloadOnlyRlName, 4) => 5_000,
        (Paper003Policies.OffloadOnlyRlName, _) => 25_000,
        (_, 1) => 1_000,
        (_, 2) => 2_000,
        (_, 3) => 6_700,
        (_, 4) => 90_000,
        _ => 1_050_000,
    };

    public static Outcome Train(SystemView system, Case c, int seed, byte[]? initial)
    {
        var set = PolicyCatalog.All.Create(c.Agent, system, seed);
        var agent = (ITrainablePolicy)set.Offloading;
        if (initial is not null)
        {
            CheckpointBytes.Apply(agent, initial);
        }

        agent.Training = true;
        var space = agent switch
        {
            QLearningOrchestration q => q.Space,
            DqnOrchestration d => d.Space,
            _ => throw new InvalidOperationException($"{c.Agent} is not a paper 003 agent"),
        };
        var budget = c.Steps ?? Budget(c.Agent, c.Users);
        var probe = new OptimalityProbe(agent, space, system, Math.Max(10, budget / 1000));
        var episodeSlots = system.Scenario.Slots;
        for (var episode = 1; probe.Steps < budget && ConvergedStep(probe.Checks, probe.Steps, budget) is null; episode++)
        {
            var episodeSystem = new SystemView(system.Scenario with { Episode = episode });
            var slots = Math.Min(episodeSlots, budget - probe.Steps);
            ReferenceModel.Run(episodeSystem, set with { Offloading = probe }, slots, seed);
        }

        var converged = ConvergedStep(probe.Checks, probe.Steps, budget);
        return new Outcome(c, probe.Steps, converged, probe.OptimalShare(), probe.VisitedStates, probe.OptimalStepShare(), string.Join(" | ", probe.GreedyDecisions()), probe.Checks, CheckpointBytes.Capture(agent));
    }

    /// <summary>
    /// The first check of the final run of optimal checks when that run covers the last fifth of the
    /// <paramref name="steps"/> run and at least <see cref="MinimumSteady"/> of them (a fifth of the budget where that is
    /// less, so that a short budget can be met); none otherwise, so a run that turns optimal just before the budget ends
    /// has not converged.
    /// </summary>
    public static int? ConvergedStep(IReadOnlyList<(int Step, double Optimal)> checks, int steps, int budget)
    {
        int? start = null;
        foreach (var (step, optimal) in checks)
        {
            if (optimal >= 1.0)
            {
                start ??= step;
            }
            else
            {
                start = null;
            }
        }

        var minimum = Math.Min(MinimumSteady, budget / 5);
        return start is { } first && steps - first >= Math.Max(minimum, first / 4) ? first : null;
    }

    public static string CsvHeader => "experiment,users,threshold,agent,transfer,steps,convergedStep,optimalShare,states,optimalStepShare,decisions";

    public static string CsvRow(Outcome o) => string.Create(
        CultureInfo.InvariantCulture,
        $"{o.Case.Experiment},{o.Case.Users},{o.Case.Threshold},{o.Case.Agent},{(o.Case.Transfer ? "yes" : "no")},{o.Steps},{o.ConvergedStep?.ToString(CultureInfo.InvariantCulture) ?? ""},{o.OptimalShare:R},{o.States},{o.OptimalStepShare:R},\"{o.Decisions}\"");

    public static string CurveCsv(Outcome o)
    {
        var text = new StringBuilder("step,optimalShare\n");
        foreach (var (step, optimal) in o.Checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"{step},{optimal:R}\n");
        }

        return text.ToString();
    }
}
