using Akka.Actor;
using MecActors.Cli.Output;
using MecActors.Cli.Training;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;

namespace MecActors.Cli.Experiments;

/// <summary>One replication: the network a seed places and one workload episode on it.</summary>
internal sealed record Replication(int Seed, int Episode);

/// <summary>One policy evaluated on one replication: its summary, and its slot rows when they are kept.</summary>
internal sealed record ReplicationRun(PolicySummary Summary, IReadOnlyList<SlotRow>? Slots);

/// <summary>What <c>mec run|compare</c> (or one point of <c>mec sweep</c>) evaluates.</summary>
/// <param name="Scenario">The scenario; its episode is set per replication.</param>
/// <param name="TrainSteps">Null: learning policies without a checkpoint are evaluated untrained.</param>
/// <param name="CheckpointsFor">The checkpoints directory of a seed, or null for none.</param>
/// <param name="KeepSlotRows">Keep every run's slot rows (for slots.csv); a sweep keeps only the summaries.</param>
/// <param name="Shipped">The scenario's shipped checkpoints, or null to use none.</param>
/// <param name="ScenarioSha256">The scenario file's content hash, stamped on saved checkpoints; null for none.</param>
internal sealed record ExperimentSetup(
    ScenarioSpec Scenario,
    IReadOnlyList<string> Policies,
    int Slots,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<int> Episodes,
    int? TrainSteps,
    Func<int, string?> CheckpointsFor,
    int Parallel,
    bool KeepSlotRows,
    ShippedCheckpoints? Shipped = null,
    string? ScenarioSha256 = null,
    TaskTrace? Trace = null);

/// <summary>
/// Evaluates <c>policy</c> on one replication's system (its episode set) with the seed's weights; when the system
/// traces tasks, each closed slot's records go to <c>onTasksEnded</c>.
/// </summary>
internal delegate Task<PolicyRun> PolicyEvaluator(
    string policy, SystemView system, LearnedWeights weights, Action<int, int> onSlotClosed, Action<IReadOnlyList<TaskRecord>>? onTasksEnded);

/// <summary>Every policy's runs, by policy (in the setup's order), then replication (seed-major, then episode).</summary>
internal sealed record ExperimentResult(
    IReadOnlyList<string> Policies, IReadOnlyList<Replication> Replications, IReadOnlyList<IReadOnlyList<ReplicationRun>> Runs)
{
    /// <summary>One seed and one episode: the results contract of a single run.</summary>
    public bool IsSingle => Replications.Count == 1;

    public IReadOnlyList<PolicyStatistics> Statistics() =>
        Policies.Select((p, i) => PolicyStatistics.Of(p, Runs[i].Select(r => r.Summary).ToList())).ToList();
}

/// <summary>
/// Runs an experiment: gives each seed's learning policies their weights (a checkpoint, or training them once per
/// seed; see <see cref="LearnedWeights"/>), then evaluates every policy on every (seed, episode) replication, each a
/// separate emulation run from a fresh policy set. Runs go <see cref="ExperimentSetup.Parallel"/> at a time; each
/// result is stored at its (policy, replication) place, so the outcome does not depend on the parallelism.
/// </summary>
internal static class Experiment
{
    /// <summary>Before anything runs: the weights of every seed, reading (and checking) the checkpoints found.</summary>
    public static IReadOnlyList<LearnedWeights> ResolveWeights(CliConsole console, ExperimentSetup setup)
    {
        var system = new SystemView(setup.Scenario);
        if (setup.TrainSteps is { } steps)
        {
            EvaluationEpisodes.CheckTraining(steps, setup.Scenario.Slots, "--train-steps");
        }

        return setup.Seeds
            .Select(seed => LearnedWeights.Resolve(
                console, setup.Policies, setup.TrainSteps, setup.CheckpointsFor(seed), setup.Shipped, setup.ScenarioSha256, system, seed))
            .ToList();
    }

    public static async Task<ExperimentResult> RunAsync(
        CliConsole console,
        ActorSystem actorSystem,
        ExperimentSetup setup,
        IReadOnlyList<LearnedWeights> weights,
        PolicyEvaluator evaluate,
        CancellationToken cancellationToken)
    {
        await LearnedWeights.TrainAllAsync(console, actorSystem, new SystemView(setup.Scenario), weights, setup.Parallel, cancellationToken)
            .ConfigureAwait(false);

        var replications = setup.Seeds.SelectMany(seed => setup.Episodes.Select(episode => new Replication(seed, episode))).ToList();
        var single = replications.Count == 1;
        var jobs = setup.Policies
            .SelectMany((policy, p) => replications.Select((r, k) => (Policy: p, Replication: k, Job: new EvaluationJob(
                single ? policy : $"{policy}, seed {r.Seed}, episode {r.Episode}", policy))))
            .ToList();
        var runs = await SlotProgress.RunAllAsync(
                console,
                jobs.Select(j => j.Job).ToList(),
                setup.Slots,
                setup.Parallel,
                async (i, onSlotClosed) =>
                {
                    var policy = setup.Policies[jobs[i].Policy];
                    var replication = replications[jobs[i].Replication];
                    using var trace = setup.Trace?.Open(i, policy, replication.Seed, replication.Episode);
                    var system = new SystemView(setup.Scenario with { Episode = replication.Episode }) { TracesTasks = trace is not null };
                    var seedWeights = weights.First(w => w.Seed == replication.Seed);
                    var run = await evaluate(policy, system, seedWeights, onSlotClosed, trace is null ? null : trace.Write)
                        .WaitAsync(cancellationToken)
                        .ConfigureAwait(false);
                    return new ReplicationRun(
                        PolicySummary.From(run, setup.Scenario),
                        setup.KeepSlotRows ? SlotRow.From(run, setup.Scenario.Objective) : null);
                },
                cancellationToken)
            .ConfigureAwait(false);

        var byPolicy = setup.Policies
            .Select((_, p) => (IReadOnlyList<ReplicationRun>)runs.Skip(p * replications.Count).Take(replications.Count).ToList())
            .ToList();
        return new ExperimentResult(setup.Policies, replications, byPolicy);
    }
}
