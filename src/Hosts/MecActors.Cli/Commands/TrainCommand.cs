using System.CommandLine;
using MecActors.Cli.Hosting;
using MecActors.Cli.Logging;
using MecActors.Cli.Output;
using MecActors.Cli.Training;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;
using MecActors.Policies;

namespace MecActors.Cli.Commands;

/// <summary>
/// <c>mec train &lt;scenario&gt; --policy NAME --steps N [--seed S] --out DIR</c>: trains a learning policy in the
/// actor emulation (one step = one slot) and writes its checkpoint <c>&lt;policy&gt;.mecnn</c> with its stamp
/// <c>&lt;policy&gt;.mecnn.json</c> (<see cref="CheckpointStamp"/>),
/// <c>training.csv</c>, <c>training.png</c>, and the training run's <c>summary.json</c> and <c>slots.csv</c>,
/// all at once. Prints the wall time, steps/s and how it splits between the network and the actors.
/// </summary>
internal static class TrainCommand
{
    private sealed record TrainRequest(
        string ScenarioPath, string Policy, int Steps, int? Seed, string OutDir, int? DispatcherThroughput, bool Verbose, string? TransferFrom);

    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var learning = PolicyCatalog.All.Names.Where(PolicyCatalog.All.Learns).ToArray();
        var scenario = new Argument<string>("scenario")
        {
            Description = "The scenario file (HOCON), e.g. config/scenarios/joint-caching.conf",
        };
        var policy = new Option<string>("--policy")
        {
            HelpName = "NAME",
            Description = $"The learning policy to train: {string.Join(", ", learning)}",
            Required = true,
        };
        policy.CompletionSources.Add(learning);
        policy.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string>();
            if (!PolicyCatalog.All.IsKnown(name) || !PolicyCatalog.All.Learns(name))
            {
                var why = PolicyCatalog.All.IsKnown(name) ? "does not learn" : "is not a known policy";
                result.AddError($"--policy: \"{name}\" {why}; learning policies: {string.Join(", ", learning)}");
            }
        });
        var steps = new Option<int>("--steps")
        {
            HelpName = "N",
            Description = "Training steps; one step is one slot of the emulation",
            Required = true,
        };
        steps.Validators.Add(r => EmulationOptions.RequirePositive(r, "--steps"));
        var seed = new Option<int?>("--seed")
        {
            HelpName = "S",
            Description = "Root seed of the training run [default: the scenario's seed]",
        };
        var outDir = new Option<string>("--out")
        {
            HelpName = "DIR",
            Description = "Directory for the checkpoint, training.csv, training.png, summary.json and slots.csv",
            Required = true,
        };
        var throughput = new Option<int?>("--dispatcher-throughput")
        {
            HelpName = "N",
            Description = "Override akka.actor.default-dispatcher.throughput (results do not depend on it)",
        };
        throughput.Validators.Add(r => EmulationOptions.RequirePositive(r, "--dispatcher-throughput"));
        var transferFrom = new Option<string?>("--transfer-from")
        {
            HelpName = "CHECKPOINT",
            Description = "Start from this checkpoint of the same policy (transfer learning, e.g. trained at another threshold) instead of fresh weights",
        };

        var command = new Command(
            "train",
            "Train a learning policy in the emulation; write its checkpoint, training.csv and training.png");
        command.Arguments.Add(scenario);
        command.Options.Add(policy);
        command.Options.Add(steps);
        command.Options.Add(seed);
        command.Options.Add(outDir);
        command.Options.Add(throughput);
        command.Options.Add(transferFrom);
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new TrainRequest(
                parse.GetValue(scenario)!,
                parse.GetValue(policy)!,
                parse.GetValue(steps),
                parse.GetValue(seed),
                parse.GetValue(outDir)!,
                parse.GetValue(throughput),
                parse.GetValue(verbose),
                parse.GetValue(transferFrom));
            return CommandErrors.GuardAsync(console, request.Verbose, () => RunAsync(console, request, cancellationToken));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, TrainRequest request, CancellationToken cancellationToken)
    {
        var scenario = ScenarioFiles.Load(request.ScenarioPath);
        var seed = request.Seed ?? scenario.Seed;
        Experiments.EvaluationEpisodes.CheckTraining(request.Steps, scenario.Slots, "--steps");
        if (File.Exists(request.OutDir))
        {
            throw new BadInputException($"--out: {request.OutDir} is a file, not a directory");
        }

        var akkaConfig = MecActorSystem.LoadConfig(request.DispatcherThroughput, request.Verbose);
        using var logger = CliLogging.Create(console, request.Verbose);
        var log = logger.ForContext(CliLogging.SourceProperty, "mec");
        log.Information("{Scenario}: training {Policy} for {Steps} steps, seed {Seed}", scenario.Name, request.Policy, request.Steps, seed);

        var system = new SystemView(scenario);
        var initial = request.TransferFrom is { } transfer ? TransferCheckpoint(transfer, request.Policy, system, seed) : null;
        TrainingResult result;
        var actorSystem = MecActorSystem.Create(akkaConfig, logger);
        try
        {
            var results = await TrainingProgress.RunAllAsync(
                    console,
                    [request.Policy],
                    request.Steps,
                    parallel: 1,
                    (_, curve, onSlotClosed) =>
                        Trainer.TrainAsync(actorSystem, system, request.Policy, request.Steps, seed, curve, onSlotClosed, cancellationToken, initial),
                    cancellationToken)
                .ConfigureAwait(false);
            result = results[0];
        }
        finally
        {
            await MecActorSystem.TerminateAsync(actorSystem, log).ConfigureAwait(false);
        }

        var title = $"{scenario.Name}: {request.Policy}, {request.Steps} steps, seed {seed}";
        var summary = PolicySummary.From(result.Run, scenario);
        ResultsWriter.WriteAll(
            request.OutDir,
            scenario.Name,
            seed,
            request.Steps,
            ResultsWriter.VirtualClock,
            [summary],
            SlotRow.From(result.Run, scenario.Objective),
            [
                new(Checkpoints.FileName(request.Policy), result.Checkpoint),
                new(
                    CheckpointStamp.FileName(request.Policy),
                    CheckpointStamp.For(request.Policy, CheckpointStamp.ScenarioHash(request.ScenarioPath), seed, request.Steps, result.Checkpoint).ToJson()),
                new(TrainingCsv.FileName, TrainingCsv.Write(result.Metrics, result.Updates)),
                new(TrainingPlot.FileName, TrainingPlot.RenderPng(title, result.Metrics, result.Updates)),
            ]);
        log.Information("Checkpoint and training curve written to {OutDir}", Path.GetFullPath(request.OutDir));

        console.Out.WriteLine(result.Describe());
        console.Out.WriteLine($"time: {result.DescribeTimeSplit()}");
        console.Out.Flush();
        return ExitCodes.Success;
    }

    /// <summary>The checkpoint <c>--transfer-from</c> names, checked to load into the policy: bad input otherwise.</summary>
    private static byte[] TransferCheckpoint(string path, string policy, SystemView system, int seed)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"--transfer-from: {path}: no such file");
        }

        try
        {
            return Checkpoints.Read(path, policy, system, seed);
        }
        catch (BadInputException e)
        {
            throw new BadInputException($"--transfer-from: {e.Message}");
        }
    }
}
