using MecActors.Actors;
using MecActors.Actors.Cluster;
using MecActors.Actors.Realtime;
using MecActors.Cli.Hosting;
using MecActors.Cli.Logging;
using MecActors.Cli.Output;
using MecActors.Cli.Training;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;

namespace MecActors.Cli.Commands;

/// <summary>
/// The body of <c>mec run</c> and <c>mec compare</c>: load the scenario, give the learning policies their weights
/// (a checkpoint, or training them first; see <see cref="LearnedWeights"/>), emulate each policy in turn in one
/// actor system (a fresh policy set each, the same seed), then write the results contract to the output
/// directory all at once and print the table. Nothing is written to the output directory unless every policy
/// finished.
/// </summary>
internal static class Emulation
{
    public static async Task<int> RunAsync(CliConsole console, EmulationRequest request, CancellationToken cancellationToken)
    {
        // Training sets its own episodes; the episode chosen here is the workload the policies are evaluated on.
        var scenario = ScenarioFiles.Load(request.ScenarioPath) with { Episode = request.Episode };
        var slots = request.Slots ?? scenario.Slots;
        var seed = request.Seed ?? scenario.Seed;
        var outDir = request.OutDir ?? Path.Combine("out", scenario.Name);
        if (File.Exists(outDir))
        {
            throw new BadInputException($"--out: {outDir} is a file, not a directory");
        }

        var policies = request.Policies ?? scenario.Policies;
        var akkaConfig = MecActorSystem.LoadConfig(request.DispatcherThroughput, request.Verbose);

        using var logger = CliLogging.Create(console, request.Verbose);
        var log = logger.ForContext(CliLogging.SourceProperty, "mec");
        log.Information(
            "{Scenario}: {Slots} slots, seed {Seed}, episode {Episode}, policies {Policies}",
            scenario.Name, slots, seed, scenario.Episode, string.Join(", ", policies));

        var system = new SystemView(scenario);
        var weights = LearnedWeights.Resolve(console, policies, request.TrainSteps, request.CheckpointsDir, system, seed);
        if (request.Cluster is not null && request.Clock == EmulationOptions.RealtimeClock)
        {
            throw new BadInputException("--cluster: runs on a cluster use the virtual clock; drop --clock realtime or --cluster");
        }

        IReadOnlyList<PolicyRun> runs;
        var actorSystem = request.Cluster is null
            ? MecActorSystem.Create(akkaConfig, logger)
            : await Submitter.JoinAsync(request.Cluster, request.Verbose, logger, log).ConfigureAwait(false);
        try
        {
            if (weights.ToTrain.Count > 0)
            {
                log.Information(
                    "Training {Policies} for {Steps} steps each, seed {Seed}", string.Join(", ", weights.ToTrain), request.TrainSteps, seed);
                await weights.TrainAsync(console, actorSystem, system, seed, cancellationToken).ConfigureAwait(false);
            }

            var realtime = RealtimeSettingsFor(request, scenario, actorSystem);
            var learner = request.Cluster is null ? null : MecCluster.LearnerProxy(actorSystem);
            runs = await SlotProgress.RunAllAsync(
                    console,
                    policies,
                    slots,
                    (policy, onSlotClosed) => (learner is not null
                            ? ClusterRunner.RunAsync(
                                actorSystem, learner, scenario, policy, weights.ParametersOf(policy), slots, seed, Submitter.RunTimeout(scenario, slots), onSlotClosed)
                            : realtime is null
                            ? EmulationRunner.RunAsync(actorSystem, system, weights.CreateForEvaluation(policy, system, seed), slots, seed, onSlotClosed)
                            : EmulationRunner.RunRealtimeAsync(actorSystem, system, weights.CreateForEvaluation(policy, system, seed), slots, seed, realtime, onSlotClosed))
                        .WaitAsync(cancellationToken))
                .ConfigureAwait(false);
        }
        finally
        {
            if (request.Cluster is not null)
            {
                await Submitter.LeaveAsync(actorSystem, log).ConfigureAwait(false);
            }

            await MecActorSystem.TerminateAsync(actorSystem, log).ConfigureAwait(false);
        }

        var summaries = runs.Select(r => PolicySummary.From(r, scenario.Objective)).ToList();
        var rows = runs.SelectMany(r => SlotRow.From(r, scenario.Objective)).ToList();
        var plot = DelayAccuracyPlot.RenderPng(scenario.Name, summaries);
        ResultsWriter.WriteAll(
            outDir,
            scenario.Name,
            seed,
            slots,
            request.Clock == EmulationOptions.RealtimeClock ? RealtimeClock.Name : ResultsWriter.VirtualClock,
            summaries,
            rows,
            [new(DelayAccuracyPlot.FileName, plot)]);
        log.Information("Results written to {OutDir}", Path.GetFullPath(outDir));

        ResultsTable.Write(console, $"{scenario.Name}: {slots} slots, seed {seed}", summaries);
        return ExitCodes.Success;
    }

    /// <summary>Null for the virtual clock; for the realtime clock, its settings, refused as bad input if the scenario cannot run at that time scale.</summary>
    private static RealtimeSettings? RealtimeSettingsFor(EmulationRequest request, Core.Scenarios.ScenarioSpec scenario, Akka.Actor.ActorSystem actorSystem)
    {
        if (request.Clock != EmulationOptions.RealtimeClock)
        {
            return null;
        }

        var settings = new RealtimeSettings(request.TimeScale);
        try
        {
            settings.Validate(scenario, RealtimeSettings.TickOf(actorSystem));
        }
        catch (ArgumentException e)
        {
            throw new BadInputException($"--clock realtime --time-scale {request.TimeScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Message}");
        }

        // Timers must find a thread ready to run their actor: on a small machine the pool grows slowly under load,
        // and a stage whose timer message waits for a thread ends late by that wait.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
        return settings;
    }
}
