using MecActors.Actors;
using MecActors.Actors.Cluster;
using MecActors.Actors.Realtime;
using MecActors.Cli.Hosting;
using MecActors.Cli.Logging;
using MecActors.Cli.Output;
using MecActors.Cli.Experiments;
using MecActors.Cli.Training;
using MecActors.Core.Metrics;

namespace MecActors.Cli.Commands;

/// <summary>
/// The body of <c>mec run</c> and <c>mec compare</c>: load the scenario, give each seed's learning policies their
/// weights (a checkpoint, or training them first; see <see cref="LearnedWeights"/>), evaluate each policy on every
/// (seed, episode) replication in one actor system (a fresh policy set each; see <see cref="Experiment"/>), then write
/// the results contract to the output directory all at once and print the table. One seed and one episode give a
/// single run's contract; more give means, deviations and 95% intervals (<see cref="ReplicatedResults"/>). Nothing is
/// written to the output directory unless every run finished.
/// </summary>
internal static class Emulation
{
    public static async Task<int> RunAsync(CliConsole console, EmulationRequest request, CancellationToken cancellationToken)
    {
        var scenario = ScenarioFiles.Load(request.ScenarioPath, request.FaultsPath);
        var slots = request.Slots ?? scenario.Slots;
        var seeds = request.Seeds ?? [request.Seed ?? scenario.Seed];
        var episodes = EvaluationEpisodes.For(request.Episode, request.Episodes);
        var outDir = request.OutDir ?? Path.Combine("out", scenario.Name);
        if (File.Exists(outDir))
        {
            throw new BadInputException($"--out: {outDir} is a file, not a directory");
        }

        if (request.Cluster is not null && request.Trace)
        {
            throw new BadInputException("--trace: tasks are traced in this process only; drop --trace or --cluster");
        }

        if (request.Cluster is not null && request.Clock == EmulationOptions.RealtimeClock)
        {
            throw new BadInputException("--cluster: runs on a cluster use the virtual clock; drop --clock realtime or --cluster");
        }

        if (request.LearnerCheckpointDir is { } checkpointRoot && File.Exists(checkpointRoot))
        {
            throw new BadInputException($"--learner-checkpoint-dir: {checkpointRoot} is a file, not a directory");
        }

        var policies = request.Policies ?? scenario.Policies;
        var noCheckpoints = request.CheckpointsDir == EmulationOptions.NoCheckpoints;
        var checkpointsDir = noCheckpoints ? null : request.CheckpointsDir;
        var akkaConfig = MecActorSystem.LoadConfig(request.DispatcherThroughput, request.Verbose, request.BarrierWatchdogSeconds);
        using var trace = request.Trace ? new TaskTrace() : null;
        using var progress = request.ProgressFile is null ? null : ProgressFile.Open(request.ProgressFile);

        using var logger = CliLogging.Create(console, request.Verbose);
        var log = logger.ForContext(CliLogging.SourceProperty, "mec");
        log.Information(
            "{Scenario}: {Slots} slots, seeds {Seeds}, episodes {Episodes}, policies {Policies}",
            scenario.Name, slots, string.Join(", ", seeds), Describe(episodes), string.Join(", ", policies));

        // Realtime runs measure wall time and cluster runs share the cluster: one at a time.
        var parallel = request.Cluster is not null || request.Clock == EmulationOptions.RealtimeClock ? 1 : request.Parallel;
        var setup = new ExperimentSetup(
            scenario,
            policies,
            slots,
            seeds,
            episodes,
            request.TrainSteps,
            seed => checkpointsDir is null || seeds.Count == 1 ? checkpointsDir : Path.Combine(checkpointsDir, $"seed-{seed}"),
            parallel,
            KeepSlotRows: true,
            noCheckpoints ? null : ShippedCheckpoints.For(request.ScenarioPath),
            CheckpointStamp.ScenarioHash(request.ScenarioPath),
            trace);
        var weights = Experiment.ResolveWeights(console, setup);

        ExperimentResult result;
        var actorSystem = request.Cluster is null
            ? MecActorSystem.Create(akkaConfig, logger)
            : await Submitter.JoinAsync(request.Cluster, request.Verbose, logger, log).ConfigureAwait(false);
        try
        {
            if (weights.Any(w => w.ToTrain.Count > 0))
            {
                log.Information(
                    "Training {Policies} for {Steps} steps each, seeds {Seeds}",
                    string.Join(", ", weights.SelectMany(w => w.ToTrain).Distinct()), request.TrainSteps, string.Join(", ", weights.Where(w => w.ToTrain.Count > 0).Select(w => w.Seed)));
            }

            var realtime = RealtimeSettingsFor(request, scenario);
            var learner = request.Cluster is null ? null : MecCluster.LearnerProxy(actorSystem);
            result = await Experiment.RunAsync(
                    console,
                    actorSystem,
                    setup,
                    weights,
                    (policy, system, seedWeights, onSlotClosed, onTasksEnded) =>
                    {
                        var closed = progress?.Around(policy, onSlotClosed) ?? onSlotClosed;
                        return learner is not null
                            ? ClusterRunner.RunAsync(
                                actorSystem, learner, system.Scenario, policy, seedWeights.ParametersOf(policy), slots, seedWeights.Seed,
                                Submitter.RunTimeout(system.Scenario, slots), closed, onHandOver: handOver => Submitter.Report(console, policy, handOver),
                                checkpointEvery: request.LearnerCheckpointEvery ?? LearnerCheckpoints.DefaultEvery, checkpointRoot: request.LearnerCheckpointDir)
                            : realtime is null
                            ? EmulationRunner.RunAsync(actorSystem, system, seedWeights.CreateForEvaluation(policy, system, request.LearnOnline), slots, seedWeights.Seed, closed, onTasksEnded)
                            : EmulationRunner.RunRealtimeAsync(
                                actorSystem, system, seedWeights.CreateForEvaluation(policy, system, request.LearnOnline), slots, seedWeights.Seed, realtime, closed, onTasksEnded);
                    },
                    cancellationToken)
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

        var clock = request.Clock == EmulationOptions.RealtimeClock ? RealtimeClock.Name : ResultsWriter.VirtualClock;
        if (result.IsSingle)
        {
            var summaries = result.Runs.Select(r => r[0].Summary).ToList();
            var expected = ExpectedDelays.Of(scenario, seeds[0], summaries);
            List<KeyValuePair<string, byte[]>> extraFiles = [new(DelayAccuracyPlot.FileName, DelayAccuracyPlot.RenderPng(scenario.Name, summaries))];
            if (expected.Count > 0)
            {
                extraFiles.Add(new(ExpectedDelays.FileName, ExpectedDelays.Csv(expected)));
            }

            var slotRows = result.Runs.SelectMany(r => r[0].Slots!).ToList();
            if (!scenario.Faults.IsEmpty)
            {
                extraFiles.Add(new(FaultPlot.FileName, FaultPlot.RenderPng($"{scenario.Name}: faults", slotRows, scenario.Faults, scenario.SlotSeconds)));
            }

            ResultsWriter.WriteAll(
                outDir,
                scenario.Name,
                seeds[0],
                slots,
                clock,
                summaries,
                slotRows,
                extraFiles);
            trace?.WriteInto(outDir);
            log.Information("Results written to {OutDir}", Path.GetFullPath(outDir));
            ResultsTable.Write(console, $"{scenario.Name}: {slots} slots, seed {seeds[0]}", summaries);
            ExpectedDelays.Write(console, expected);
            FaultWindowsTable.Write(console, $"{scenario.Name}: each fault's windows (on-fault = {Core.Faults.FaultNames.Of(scenario.Faults.OnFault)})", summaries);
            return ExitCodes.Success;
        }

        var statistics = result.Statistics();
        ResultsWriter.WriteFilesAtomically(
            outDir,
            [
                new(ResultsWriter.SummaryFileName, ReplicatedResults.SummaryJson(scenario.Name, seeds, episodes, slots, clock, statistics)),
                new(ResultsWriter.SlotsFileName, ReplicatedResults.SlotsCsv(result)),
                new(ReplicatedResults.RunsFileName, ReplicatedResults.RunsCsv(result)),
                new(DelayAccuracyPlot.FileName, DelayAccuracyPlot.RenderPng(scenario.Name, statistics)),
            ]);
        trace?.WriteInto(outDir);
        log.Information("Results written to {OutDir}", Path.GetFullPath(outDir));
        ResultsTable.Write(
            console,
            $"{scenario.Name}: {slots} slots, seeds {string.Join(",", seeds)}, {episodes.Count} episodes each: mean ± 95% interval",
            statistics);
        return ExitCodes.Success;
    }

    /// <summary>"990-999", "0", or "0, 1000001-1000009": a first episode, then a contiguous run.</summary>
    private static string Describe(IReadOnlyList<int> episodes)
    {
        static string Range(int first, int last) =>
            first == last ? Invariant($"{first}") : Invariant($"{first}-{last}");

        return episodes.Count == 1 || episodes[1] == episodes[0] + 1
            ? Range(episodes[0], episodes[^1])
            : Invariant($"{episodes[0]}, {Range(episodes[1], episodes[^1])}");
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Null for the virtual clock; for the realtime clock, its settings, refused as bad input if the scenario cannot run at that time scale.</summary>
    private static RealtimeSettings? RealtimeSettingsFor(EmulationRequest request, Core.Scenarios.ScenarioSpec scenario)
    {
        if (request.Clock != EmulationOptions.RealtimeClock)
        {
            return null;
        }

        var settings = new RealtimeSettings(request.TimeScale);
        try
        {
            settings.Validate(scenario);
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
