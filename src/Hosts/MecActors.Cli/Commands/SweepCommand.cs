using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MecActors.Actors;
using MecActors.Cli.Experiments;
using MecActors.Cli.Hosting;
using MecActors.Cli.Logging;
using MecActors.Cli.Output;
using MecActors.Cli.Training;
using MecActors.Core.Configuration;
using MecActors.Core.Metrics;
using MecActors.Policies;

namespace MecActors.Cli.Commands;

/// <summary>
/// <c>mec sweep &lt;scenario&gt; --set KEY=V1,V2,... [--set ...] [--episodes K] [--seeds ...] [--train-steps N]
/// [--front M1,M2] --out DIR</c>, or <c>mec sweep --resume DIR</c>: <c>mec compare</c> over the grid of scenario
/// values (each learning policy trained anew at every point and seed), writing <c>sweep.csv</c> and the plots of
/// <see cref="SweepPlots"/>. Every point is validated before anything runs; each finished point is kept in
/// <c>DIR/points/</c> at once, so an interrupted sweep resumes where it stopped and ends with the same files.
/// </summary>
internal static class SweepCommand
{
    private static readonly Dictionary<string, string> MetricAliases = new(StringComparer.Ordinal)
    {
        ["delay"] = "avgDelayMs",
        ["accuracy"] = "avgAccuracy",
    };

    private sealed record SweepRequest(
        string? ScenarioPath,
        IReadOnlyList<string> Sets,
        int Episodes,
        IReadOnlyList<int>? Seeds,
        int? Slots,
        int? TrainSteps,
        string? Front,
        string? OutDir,
        string? Resume,
        int Parallel,
        bool Verbose,
        string? FaultsPath);

    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "The scenario file (HOCON), e.g. config/scenarios/joint-caching.conf (not with --resume)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var set = new Option<string[]>("--set")
        {
            HelpName = "KEY=V1,V2,...",
            Description = "A scenario key (any HOCON path, e.g. objective.beta) and the values it takes; repeat for a grid (the first --set is the plots' x axis)",
            AllowMultipleArgumentsPerToken = false,
        };
        var episodes = new Option<int>("--episodes")
        {
            HelpName = "K",
            Description = "Held-out workload episodes per seed at every point",
            DefaultValueFactory = _ => 1,
        };
        episodes.Validators.Add(r => EmulationOptions.RequirePositive(r, "--episodes"));
        var seeds = new Option<string?>("--seeds")
        {
            HelpName = "S1,S2,...",
            Description = "Seeds to repeat over at every point [default: the scenario's seed]",
        };
        seeds.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && SeedList.Parse(r.Tokens[0].Value) is { Error: { } error })
            {
                r.AddError($"--seeds: {error}");
            }
        });
        var slots = new Option<int?>("--slots") { HelpName = "N", Description = "Slots per evaluation run [default: the scenario's]" };
        slots.Validators.Add(r => EmulationOptions.RequirePositive(r, "--slots"));
        var trainSteps = new Option<int?>("--train-steps")
        {
            HelpName = "N",
            Description = "Train each learning policy N slots at every point and seed before it is evaluated",
        };
        trainSteps.Validators.Add(r => EmulationOptions.RequirePositive(r, "--train-steps"));
        var front = new Option<string?>("--front")
        {
            HelpName = "M1,M2",
            Description = "Also plot the front of two metrics (delay, accuracy, or any summary.json metric), one curve per policy",
        };
        var outDir = new Option<string?>("--out") { HelpName = "DIR", Description = "Directory for sweep.json, points/, sweep.csv and the plots" };
        var resume = new Option<string?>("--resume")
        {
            HelpName = "DIR",
            Description = "Continue the interrupted sweep in DIR (its definition is read from DIR/sweep.json), skipping finished points",
        };
        var parallel = new Option<int>("--parallel")
        {
            HelpName = "P",
            Description = "Emulation runs at once within a point [default: the core count]; results do not depend on it",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        parallel.Validators.Add(r => EmulationOptions.RequirePositive(r, "--parallel"));
        var faults = new Option<string?>("--faults")
        {
            HelpName = "FILE",
            Description = "Inject the fault plan of FILE (a HOCON file with one faults section: on-fault, plan) at every point, in place of the scenario's own; README, Fault injection",
        };

        var command = new Command("sweep", "Run compare over a grid of scenario values; write sweep.csv, one plot per metric and a front plot");
        command.Arguments.Add(scenario);
        foreach (var option in new Option[] { set, episodes, seeds, slots, trainSteps, front, outDir, resume, parallel, faults })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var request = new SweepRequest(
                parse.GetValue(scenario),
                parse.GetValue(set) ?? [],
                parse.GetValue(episodes),
                parse.GetValue(seeds) is { } s ? SeedList.Parse(s).Seeds : null,
                parse.GetValue(slots),
                parse.GetValue(trainSteps),
                parse.GetValue(front),
                parse.GetValue(outDir),
                parse.GetValue(resume),
                parse.GetValue(parallel),
                parse.GetValue(verbose),
                parse.GetValue(faults));
            return CommandErrors.GuardAsync(console, request.Verbose, () => RunAsync(console, request, cancellationToken));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, SweepRequest request, CancellationToken cancellationToken)
    {
        var (definition, outDir) = Define(request);
        if (!File.Exists(definition.ScenarioPath))
        {
            throw new BadInputException($"scenario file not found: {definition.ScenarioPath}");
        }

        if (CheckpointStamp.ScenarioHash(definition.ScenarioPath) != definition.ScenarioSha256)
        {
            throw new BadInputException($"--resume: {definition.ScenarioPath} has changed since the sweep in {outDir} began; start a new sweep");
        }

        var config = HoconParser.ParseFile(definition.ScenarioPath);
        if (definition.FaultsPath is { } faultsPath)
        {
            if (!File.Exists(faultsPath) || CheckpointStamp.ScenarioHash(faultsPath) != definition.FaultsSha256)
            {
                throw new BadInputException($"--resume: the fault plan {faultsPath} is gone or has changed since the sweep in {outDir} began; start a new sweep");
            }

            config = ScenarioFiles.WithFaults(config, faultsPath);
        }

        var points = SweepGrid.Expand(definition.Axes);
        var scenarios = SweepGrid.Load(config, points);
        var front = definition.Front?.Select(MetricName).ToList();
        if (front is not null && front.Count != 2)
        {
            throw new BadInputException($"--front: name two metrics, e.g. delay,accuracy; got {string.Join(",", definition.Front!)}");
        }

        if (definition.TrainSteps is { } steps)
        {
            foreach (var s in scenarios)
            {
                EvaluationEpisodes.CheckTraining(steps, s.Slots, "--train-steps");
            }
        }
        else if (scenarios[0].Policies.Any(PolicyCatalog.All.Learns))
        {
            console.Error.WriteLine(
                $"warning: no --train-steps: the learning policies ({string.Join(", ", scenarios[0].Policies.Where(PolicyCatalog.All.Learns))}) are evaluated untrained at every point");
        }

        var pointsDir = Path.Combine(outDir, SweepCsv.PointsDirectory);
        if (request.Resume is null)
        {
            ResultsWriter.WriteFilesAtomically(outDir, [new(SweepDefinition.FileName, definition.ToJson())]);
        }

        var finished = points.Where(p => File.Exists(Path.Combine(pointsDir, SweepCsv.PointFileName(p.Index)))).Select(p => p.Index).ToHashSet();
        if (finished.Count > 0)
        {
            console.Error.WriteLine($"sweep: {finished.Count} of {points.Count} points already done in {outDir}, skipping them");
        }

        using var logger = CliLogging.Create(console, request.Verbose);
        var log = logger.ForContext(CliLogging.SourceProperty, "mec");
        log.Information("{Scenario}: sweep of {Points} points over {Keys}", scenarios[0].Name, points.Count, string.Join(", ", definition.Axes.Select(a => a.Key)));
        var quiet = new CliConsole(TextWriter.Null, TextWriter.Null);
        var actorSystem = MecActorSystem.Create(MecActorSystem.LoadConfig(null, request.Verbose), logger);
        var watch = Stopwatch.StartNew();
        var doneHere = 0;
        var toDo = points.Count - finished.Count;
        try
        {
            foreach (var point in points.Where(p => !finished.Contains(p.Index)))
            {
                var scenario = scenarios[point.Index];
                var slots = definition.Slots ?? scenario.Slots;
                var setup = new ExperimentSetup(
                    scenario,
                    scenario.Policies,
                    slots,
                    definition.Seeds ?? [scenario.Seed],
                    EvaluationEpisodes.For(null, definition.Episodes),
                    definition.TrainSteps,
                    _ => null,
                    request.Parallel,
                    KeepSlotRows: false);
                var started = watch.Elapsed;
                var result = await Experiment.RunAsync(
                        quiet,
                        actorSystem,
                        setup,
                        Experiment.ResolveWeights(quiet, setup),
                        (policy, system, weights, onSlotClosed, _) =>
                            EmulationRunner.RunAsync(actorSystem, system, weights.CreateForEvaluation(policy, system), slots, weights.Seed, onSlotClosed),
                        cancellationToken)
                    .ConfigureAwait(false);
                ResultsWriter.WriteFilesAtomically(
                    pointsDir, [new(SweepCsv.PointFileName(point.Index), SweepCsv.PointRows(point, result.Statistics()))]);
                doneHere++;
                var left = TimeSpan.FromTicks(watch.Elapsed.Ticks / doneHere * (toDo - doneHere));
                console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[sweep {finished.Count + doneHere}/{points.Count}] {point.Describe()}: {(watch.Elapsed - started).TotalSeconds:F1} s; " +
                    $"elapsed {watch.Elapsed.TotalSeconds:F1} s, about {left.TotalSeconds:F0} s left"));
            }
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine(
                $"interrupted: {finished.Count + doneHere} of {points.Count} points are kept in {pointsDir}; 'mec sweep --resume {outDir}' continues");
            return ExitCodes.Interrupted;
        }
        finally
        {
            await MecActorSystem.TerminateAsync(actorSystem, log).ConfigureAwait(false);
        }

        WriteResults(outDir, pointsDir, scenarios[0].Name, definition.Axes, points, front);
        log.Information("sweep.csv and plots written to {OutDir}", Path.GetFullPath(outDir));
        console.Out.WriteLine($"{scenarios[0].Name}: {points.Count} points, sweep.csv and plots in {outDir}");
        return ExitCodes.Success;
    }

    /// <summary>sweep.csv and the plots, from the points' files (the same bytes however often the sweep was resumed).</summary>
    private static void WriteResults(
        string outDir, string pointsDir, string scenario, IReadOnlyList<SweepAxis> axes, IReadOnlyList<SweepPoint> points, IReadOnlyList<string>? front)
    {
        var rows = points.Select(p => File.ReadAllBytes(Path.Combine(pointsDir, SweepCsv.PointFileName(p.Index)))).ToList();
        var results = rows.Select(r => SweepCsv.ReadPoint(r, axes.Count)).ToList();
        var files = new List<KeyValuePair<string, byte[]>> { new(SweepCsv.FileName, SweepCsv.Assemble(axes, rows)) };
        foreach (var m in SummaryMetrics.Reported(results.SelectMany(r => r)))
        {
            var name = SummaryMetrics.All[m].Name;
            files.Add(new(SweepPlots.MetricFileName(name), SweepPlots.MetricPng(scenario, axes, points, results, name)));
        }

        if (front is not null)
        {
            files.Add(new(SweepPlots.FrontFileName(front[0], front[1]), SweepPlots.FrontPng(scenario, points, results, front[0], front[1])));
        }

        ResultsWriter.WriteFilesAtomically(outDir, files);
    }

    /// <summary>The sweep's definition and output directory: from the command line, or from DIR/sweep.json with --resume.</summary>
    private static (SweepDefinition Definition, string OutDir) Define(SweepRequest request)
    {
        if (request.Resume is { } dir)
        {
            if (request.ScenarioPath is not null || request.Sets.Count > 0 || request.OutDir is not null || request.FaultsPath is not null)
            {
                throw new BadInputException($"--resume: the sweep's scenario, --set values and options come from {Path.Combine(dir, SweepDefinition.FileName)}; give --resume DIR alone");
            }

            return (SweepDefinition.Read(dir), dir);
        }

        if (request.ScenarioPath is null)
        {
            throw new BadInputException("scenario: name the scenario file to sweep (or --resume DIR)");
        }

        if (request.Sets.Count == 0)
        {
            throw new BadInputException("--set: give at least one KEY=V1,V2,... to sweep");
        }

        var outDir = request.OutDir ?? throw new BadInputException("--out: name the sweep's output directory");
        if (File.Exists(outDir))
        {
            throw new BadInputException($"--out: {outDir} is a file, not a directory");
        }

        if (File.Exists(Path.Combine(outDir, SweepDefinition.FileName)))
        {
            throw new BadInputException($"--out: {outDir} already holds a sweep; 'mec sweep --resume {outDir}' continues it");
        }

        if (!File.Exists(request.ScenarioPath))
        {
            throw new BadInputException($"scenario file not found: {request.ScenarioPath} (looked at {Path.GetFullPath(request.ScenarioPath)})");
        }

        if (request.FaultsPath is { } faults && !File.Exists(faults))
        {
            throw new BadInputException($"--faults: fault plan file not found: {faults} (looked at {Path.GetFullPath(faults)})");
        }

        var front = request.Front?.Split(',').Select(m => m.Trim()).ToList();
        front?.ForEach(m => MetricName(m));
        var definition = new SweepDefinition(
            Path.GetFullPath(request.ScenarioPath),
            CheckpointStamp.ScenarioHash(request.ScenarioPath),
            request.Sets.Select(SweepAxis.Parse).ToList(),
            request.Episodes,
            request.Seeds,
            request.Slots,
            request.TrainSteps,
            front,
            request.FaultsPath is { } plan ? Path.GetFullPath(plan) : null,
            request.FaultsPath is { } hashed ? CheckpointStamp.ScenarioHash(hashed) : null);
        return (definition, outDir);
    }

    /// <exception cref="BadInputException">Not a metric of summary.json nor an alias.</exception>
    private static string MetricName(string name)
    {
        var metric = MetricAliases.GetValueOrDefault(name, name);
        if (!SummaryMetrics.All.Any(m => m.Name == metric))
        {
            throw new BadInputException(
                $"--front: unknown metric '{name}'; known: {string.Join(", ", MetricAliases.Keys.Concat(SummaryMetrics.All.Select(m => m.Name)))}");
        }

        return metric;
    }
}
