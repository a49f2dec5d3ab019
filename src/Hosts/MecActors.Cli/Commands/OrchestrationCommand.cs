using System.CommandLine;
using MecActors.Cli.Orchestration;
using MecActors.Cli.Output;

namespace MecActors.Cli.Commands;

/// <summary>
/// <c>mec orchestration calibrate|decision-time|optimality SCENARIO ...</c>: paper 003's own steps, which run on its
/// scenario: the least-squares calibration of its rates, the agents' decision time per step, and how often the trained
/// agents' decisions equal the exact optimum.
/// </summary>
internal static class OrchestrationCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("orchestration", "Paper 003: calibrate the rates, time the agents' decisions, check the agents against the exact optimum");
        command.Subcommands.Add(Calibrate(console));
        command.Subcommands.Add(Convergence(console));
        command.Subcommands.Add(DecisionTime(console));
        command.Subcommands.Add(Report(console));
        return command;
    }

    private static Command Report(CliConsole console)
    {
        var results = new Option<string>("--results") { HelpName = "DIR", Description = "Folders <exp>-<threshold> of mec compare --trace at five users", Required = true };
        var convergence = new Option<string?>("--convergence") { HelpName = "DIR", Description = "The output of mec orchestration convergence (its Exp-A curves go into the document)" };
        var calibration = new Option<string?>("--calibration") { HelpName = "FILE", Description = "The output of mec orchestration calibrate" };
        var decisionTime = new Option<string?>("--decision-time") { HelpName = "DIR", Description = "The output of mec orchestration decision-time" };
        var live = new Option<string?>("--live") { HelpName = "DIR", Description = "realtime/ and virtual/: the same --learn-online run on both clocks, with --trace" };
        var doc = new Option<string>("--doc") { HelpName = "FILE", Description = "docs/reproduction/orchestration.md", Required = true };
        var command = new Command("report", "Write paper 003's results into its reproduction document");
        foreach (var option in new Option[] { results, convergence, calibration, decisionTime, live, doc })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, _) => CommandErrors.GuardAsync(console, verbose: false, () =>
        {
            var docPath = parse.GetValue(doc)!;
            var text = File.Exists(docPath) ? File.ReadAllText(docPath) : throw new BadInputException($"--doc: {docPath}: no such file");
            var begin = text.IndexOf(ReportCommand.Begin, StringComparison.Ordinal);
            var end = text.IndexOf(ReportCommand.End, StringComparison.Ordinal);
            if (begin < 0 || end < begin)
            {
                throw new BadInputException($"--doc: {docPath} has no generated part (the lines {ReportCommand.Begin} and {ReportCommand.End})");
            }

            var docDir = Path.GetDirectoryName(Path.GetFullPath(docPath))!;
            var stem = Path.GetFileNameWithoutExtension(docPath);
            var images = new List<(string From, string Name)>();
            string? decisionImage = null;
            if (parse.GetValue(decisionTime) is { } dt)
            {
                decisionImage = $"{stem}-decision-time.png";
                images.Add((Path.Combine(dt, "decision-time.png"), decisionImage));
            }

            string? convergenceCsv = null;
            var curveImages = new List<string>();
            if (parse.GetValue(convergence) is { } conv)
            {
                convergenceCsv = Path.Combine(conv, "convergence.csv");
                var curves = Path.Combine(conv, "curves");
                foreach (var png in Directory.Exists(curves) ? Directory.GetFiles(curves, "*-A.png").Order(StringComparer.Ordinal).ToArray() : [])
                {
                    var name = $"{stem}-{Path.GetFileName(png)}";
                    images.Add((png, name));
                    curveImages.Add(name);
                }
            }

            foreach (var (from, _) in images)
            {
                if (!File.Exists(from))
                {
                    throw new BadInputException($"{from}: no such file");
                }
            }

            var generated = Reports.OrchestrationReport.Write(parse.GetValue(results)!, convergenceCsv, parse.GetValue(calibration), decisionImage, curveImages, parse.GetValue(live));
            foreach (var (from, name) in images)
            {
                File.Copy(from, Path.Combine(docDir, name), overwrite: true);
            }

            File.WriteAllText(docPath, text[..(begin + ReportCommand.Begin.Length)] + "\n\n" + generated + "\n" + text[end..]);
            console.Out.WriteLine($"{docPath}: results written");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static Command DecisionTime(CliConsole console)
    {
        var scenarios = new Option<string>("--scenarios") { HelpName = "DIR", Description = "The folder of orchestration.conf", DefaultValueFactory = _ => Path.Combine("config", "scenarios") };
        var repeat = new Option<int>("--repeat") { HelpName = "N", Description = "Decisions timed per policy and number of users (the median is reported)", DefaultValueFactory = _ => 21 };
        var outDir = new Option<string>("--out") { HelpName = "DIR", Description = "Directory for decision-time.csv and decision-time.png", Required = true };
        var command = new Command("decision-time", "Time one decision of every paper 003 policy for 1-5 users");
        command.Options.Add(scenarios);
        command.Options.Add(repeat);
        command.Options.Add(outDir);
        command.SetAction((parse, _) => CommandErrors.GuardAsync(console, verbose: false, () =>
        {
            var n = parse.GetValue(repeat);
            if (n < 1)
            {
                throw new BadInputException($"--repeat: must be positive, got {n}");
            }

            var rows = DecisionTimeBench.Run(parse.GetValue(scenarios)!, n);
            var dir = parse.GetValue(outDir)!;
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "decision-time.csv"), DecisionTimeBench.Csv(rows));
            File.WriteAllBytes(Path.Combine(dir, "decision-time.png"), DecisionTimeBench.RenderPng(rows));
            console.Out.Write(DecisionTimeBench.Csv(rows));
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static Command Convergence(CliConsole console)
    {
        var scenarios = new Option<string>("--scenarios") { HelpName = "DIR", Description = "The folder of orchestration.conf and orchestration-b/c/d.conf", DefaultValueFactory = _ => Path.Combine("config", "scenarios") };
        var users = new Option<string>("--users") { HelpName = "N,...", Description = "Numbers of users", DefaultValueFactory = _ => "1,2,3,4,5" };
        var experiments = new Option<string>("--experiments") { HelpName = "X,...", Description = "Table 5 experiments", DefaultValueFactory = _ => "A,B,C,D" };
        var thresholds = new Option<string>("--thresholds") { HelpName = "T,...", Description = "Thresholds (min, max or fractions)", DefaultValueFactory = _ => "min,0.80,0.85,0.89,max" };
        var agents = new Option<string>("--agents") { HelpName = "NAME,...", Description = "Agents: q-learning, offload-only-rl, dqn", DefaultValueFactory = _ => "q-learning,dqn" };
        var transfer = new Option<bool>("--transfer") { Description = "Also train every non-Min case from the same agent trained at Min (Sec. 6.2.1)" };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "Root seed", DefaultValueFactory = _ => 1 };
        var steps = new Option<int?>("--steps") { HelpName = "N", Description = "Step budget of every case (default: Table 11's count for the agent and users)" };
        var outDir = new Option<string>("--out") { HelpName = "DIR", Description = "Directory for convergence.csv, the curves and their plots", Required = true };
        var command = new Command("convergence", "Train the agents on every case; report the share of visited states where they act optimally and the steps to converge");
        foreach (var option in new Option[] { scenarios, users, experiments, thresholds, agents, transfer, seed, steps, outDir })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(console, verbose: false, () =>
        {
            var dir = parse.GetValue(scenarios)!;
            var agentNames = List(parse.GetValue(agents)!);
            foreach (var name in agentNames)
            {
                if (name is not (Policies.Paper003Policies.QLearningName or Policies.Paper003Policies.OffloadOnlyRlName or Policies.Paper003Policies.DqnName))
                {
                    throw new BadInputException($"--agents: '{name}' is not a paper 003 agent (q-learning, offload-only-rl, dqn)");
                }
            }

            var budget = parse.GetValue(steps);
            if (budget is < 1)
            {
                throw new BadInputException($"--steps: {budget} is not a positive number of steps");
            }

            var cases = new List<ConvergenceRun.Case>();
            foreach (var agent in agentNames)
            {
                foreach (var n in List(parse.GetValue(users)!).Select(u => int.TryParse(u, out var v) && v is >= 1 and <= 5 ? v : throw new BadInputException($"--users: '{u}' is not 1-5")))
                {
                    foreach (var experiment in List(parse.GetValue(experiments)!))
                    {
                        var file = experiment switch { "A" => "orchestration.conf", "B" or "C" or "D" => $"orchestration-{experiment.ToLowerInvariant()}.conf", _ => throw new BadInputException($"--experiments: unknown experiment '{experiment}'; known: A, B, C, D") };
                        foreach (var threshold in List(parse.GetValue(thresholds)!))
                        {
                            cases.Add(new ConvergenceRun.Case(experiment, file, n, threshold, agent, false, budget));
                        }
                    }
                }
            }

            // Every case loads (and so is validated) before anything trains.
            var systems = cases.ToDictionary(c => c, c => ConvergenceRun.SystemOf(dir, c));
            var outPath = parse.GetValue(outDir)!;
            var curves = Path.Combine(outPath, "curves");
            Directory.CreateDirectory(curves);
            var rows = new List<ConvergenceRun.Outcome>();
            var seedValue = parse.GetValue(seed);
            var checkpoints = Path.Combine(outPath, "checkpoints");

            // Each case's row and checkpoint are kept as soon as it ends (progress.csv), so a long run interrupted keeps them.
            var progress = Path.Combine(outPath, "progress.csv");
            File.WriteAllText(progress, ConvergenceRun.CsvHeader + "\n");
            void Keep(ConvergenceRun.Outcome outcome)
            {
                rows.Add(outcome);
                console.Error.WriteLine(ConvergenceRun.CsvRow(outcome));
                File.AppendAllText(progress, ConvergenceRun.CsvRow(outcome) + "\n");
                if (!outcome.Case.Transfer)
                {
                    var caseDir = Path.Combine(checkpoints, ConvergenceRun.CaseName(outcome.Case));
                    Directory.CreateDirectory(caseDir);
                    File.WriteAllBytes(Path.Combine(caseDir, outcome.Case.Agent + Policies.Learning.CheckpointBytes.Extension), outcome.Checkpoint);
                }
            }

            foreach (var c in cases)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Keep(ConvergenceRun.Train(systems[c], c, seedValue, null));
                if (parse.GetValue(transfer) && c.Threshold != "min")
                {
                    var min = rows.FirstOrDefault(r => r.Case == c with { Threshold = "min" })
                        ?? ConvergenceRun.Train(ConvergenceRun.SystemOf(dir, c with { Threshold = "min" }), c with { Threshold = "min" }, seedValue, null);
                    Keep(ConvergenceRun.Train(systems[c], c with { Transfer = true }, seedValue, min.Checkpoint));
                }
            }

            File.WriteAllText(Path.Combine(outPath, "convergence.csv"), ConvergenceRun.CsvHeader + "\n" + string.Concat(rows.Select(r => ConvergenceRun.CsvRow(r) + "\n")));
            foreach (var group in rows.GroupBy(r => (r.Case.Agent, r.Case.Users, r.Case.Experiment)))
            {
                var name = $"{group.Key.Agent}-{group.Key.Users}u-{group.Key.Experiment}";
                foreach (var r in group)
                {
                    File.WriteAllText(Path.Combine(curves, $"{name}-{r.Case.Threshold}{(r.Case.Transfer ? "-transfer" : "")}.csv"), ConvergenceRun.CurveCsv(r));
                }

                var png = ConvergencePlot.RenderPng(
                    $"{group.Key.Agent}, {group.Key.Users} users, Exp-{group.Key.Experiment}",
                    group.Select(r => ($"{r.Case.Threshold}{(r.Case.Transfer ? " (transfer)" : "")}", r.Checks)));
                File.WriteAllBytes(Path.Combine(curves, name + ".png"), png);
            }

            var optimal = rows.Count(r => r.OptimalShare >= 1.0);
            console.Out.WriteLine($"{optimal} of {rows.Count} trained cases act optimally in every visited state; written to {outPath}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Command Calibrate(CliConsole console)
    {
        var scenarioPath = new Argument<string>("scenario") { Description = "The Exp-A scenario (config/scenarios/orchestration.conf)" };
        var write = new Option<bool>("--write") { Description = "Write the fitted rates into the scenario's \"# calibrated:\" lines" };
        var command = new Command("calibrate", "Fit the rates to the paper's Exp-A times by least squares; report the error on the held-out Exp-B..D");
        command.Arguments.Add(scenarioPath);
        command.Options.Add(write);
        command.SetAction((parse, _) => CommandErrors.GuardAsync(console, verbose: false, () =>
        {
            var path = parse.GetValue(scenarioPath)!;
            var scenario = ScenarioFiles.Load(path);
            var (rates, report) = CalibrationRun.Run(scenario);
            console.Out.Write(report);
            if (parse.GetValue(write))
            {
                CalibrationRun.Write(path, scenario, rates);
                console.Out.WriteLine($"written into {path}");
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
