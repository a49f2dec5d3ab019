using System.CommandLine;
using System.Globalization;
using System.Text;
using MecActors.Cli.Experiments;
using MecActors.Cli.Lymdo;
using MecActors.Cli.Output;
using MecActors.Cli.Reports;
using MecActors.Cli.Training;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;
using MecActors.Policies;

namespace MecActors.Cli.Commands;

/// <summary>
/// <c>mec lymdo match SCENARIO --checkpoint FILE ...</c>: paper 004's check of its DRL agent against the exhaustive
/// search on held-out episodes, with the decision's and the convex step's times; <c>mec lymdo report ...</c>: its
/// results written into its reproduction document.
/// </summary>
internal static class LymdoCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("lymdo", "Paper 004: check the trained DRL agent's partition points against the exhaustive search");
        command.Subcommands.Add(Match(console));
        command.Subcommands.Add(Report(console));
        return command;
    }

    private static Command Report(CliConsole console)
    {
        var scenarioPath = new Option<string>("--scenario") { HelpName = "FILE", Description = "config/scenarios/lymdo.conf", Required = true };
        var train = new Option<string>("--train") { HelpName = "DIR", Description = "The folder of train-lymdo/ and train-drl-no-lyapunov/ (mec train's outputs)", Required = true };
        var compare = new Option<string>("--compare") { HelpName = "DIR", Description = "mec compare --episodes K of the scenario", Required = true };
        var match = new Option<string>("--match") { HelpName = "DIR", Description = "mec lymdo match's output", Required = true };
        var vSweep = new Option<string>("--v-sweep") { HelpName = "DIR", Description = "mec sweep --set lymdo.v=... --front avgVirtualQueueJ,delay", Required = true };
        var rateSweep = new Option<string>("--rate-sweep") { HelpName = "DIR", Description = "mec sweep --set workload.rate-per-s=...", Required = true };
        var longRuns = new Option<string>("--long") { HelpName = "DIR", Description = "Folders POLICY-T of mec run --slots T of lymdo, lymdo-exhaustive, lymdo-equal and myopic", Required = true };
        var ten = new Option<string>("--ten") { HelpName = "DIR", Description = "compare/ and match/ of config/scenarios/lymdo-10.conf", Required = true };
        var doc = new Option<string>("--doc") { HelpName = "FILE", Description = "docs/reproduction/lymdo.md", Required = true };
        var command = new Command("report", "Write paper 004's results into its reproduction document");
        foreach (var option in new Option[] { scenarioPath, train, compare, match, vSweep, rateSweep, longRuns, ten, doc })
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

            var inputs = new LymdoReport.Inputs(
                ScenarioFiles.Load(parse.GetValue(scenarioPath)!),
                parse.GetValue(train)!,
                parse.GetValue(compare)!,
                parse.GetValue(match)!,
                parse.GetValue(vSweep)!,
                parse.GetValue(rateSweep)!,
                parse.GetValue(longRuns)!,
                parse.GetValue(ten)!);
            var (markdown, images, plots) = LymdoReport.Write(inputs, Path.GetFileNameWithoutExtension(docPath));
            var docDir = Path.GetDirectoryName(Path.GetFullPath(docPath))!;
            foreach (var (from, name) in images)
            {
                File.Copy(from, Path.Combine(docDir, name), overwrite: true);
            }

            foreach (var (name, png) in plots)
            {
                File.WriteAllBytes(Path.Combine(docDir, name), png);
            }

            File.WriteAllText(docPath, text[..(begin + ReportCommand.Begin.Length)] + "\n\n" + markdown + "\n" + text[end..]);
            console.Out.WriteLine($"{docPath}: results written");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static Command Match(CliConsole console)
    {
        var scenarioPath = new Argument<string>("scenario") { Description = "Scenario file (HOCON)" };
        var policy = new Option<string>("--policy") { HelpName = "NAME", Description = "lymdo or drl-no-lyapunov", DefaultValueFactory = _ => LymdoPolicies.LymdoName };
        var checkpoint = new Option<string>("--checkpoint") { HelpName = "FILE", Description = "The agent's checkpoint (mec train's <policy>.mecnn)", Required = true };
        var seed = new Option<int?>("--seed") { HelpName = "S", Description = "Seed (default: the scenario's)" };
        var slots = new Option<int?>("--slots") { HelpName = "N", Description = "Slots per episode (default: the scenario's)" };
        var episodes = new Option<int>("--episodes") { HelpName = "K", Description = "Held-out evaluation episodes (0, 1000001, ...)", DefaultValueFactory = _ => 10 };
        var outDir = new Option<string>("--out") { HelpName = "DIR", Description = "Directory for match.csv and match-summary.csv", Required = true };
        var command = new Command("match", "The share of slots whose DRL partition points equal the exhaustive search's, and the decision times");
        command.Arguments.Add(scenarioPath);
        foreach (var option in new Option[] { policy, checkpoint, seed, slots, episodes, outDir })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, _) => CommandErrors.GuardAsync(console, verbose: false, () =>
        {
            var name = parse.GetValue(policy)!;
            if (name is not (LymdoPolicies.LymdoName or LymdoPolicies.NoLyapunovName))
            {
                throw new BadInputException($"--policy: '{name}' is not a LyMDO agent ({LymdoPolicies.LymdoName}, {LymdoPolicies.NoLyapunovName})");
            }

            var k = parse.GetValue(episodes);
            if (k < 1)
            {
                throw new BadInputException($"--episodes: must be positive, got {k}");
            }

            var scenario = ScenarioFiles.Load(parse.GetValue(scenarioPath)!);
            var n = parse.GetValue(slots) ?? scenario.Slots;
            if (n < 1)
            {
                throw new BadInputException($"--slots: must be positive, got {n}");
            }

            var s = parse.GetValue(seed) ?? scenario.Seed;
            var path = parse.GetValue(checkpoint)!;
            if (!File.Exists(path))
            {
                throw new BadInputException($"--checkpoint: {path}: no such file");
            }

            var bytes = Checkpoints.Read(path, name, new SystemView(scenario), s);
            var outcome = MatchRun.Run(scenario, name, bytes, s, n, EvaluationEpisodes.For(null, k));
            ResultsWriter.WriteFilesAtomically(parse.GetValue(outDir)!, [
                new("match.csv", Encoding.UTF8.GetBytes(MatchRun.Csv(outcome))),
                new("match-summary.csv", Encoding.UTF8.GetBytes(MatchRun.SummaryCsv(outcome))),
            ]);
            console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name}: partition equal to the exhaustive search's in {outcome.Rate.Mean:P2} ± {outcome.Rate.HalfWidth95:P2} of the slots with frames ({outcome.Rate.N} held-out episodes of {n} slots)"));
            console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"median wall time per slot: decision {outcome.DecisionMs:G4} ms, exhaustive search {outcome.ExhaustiveMs:G4} ms, convex step {outcome.ConvexMs:G4} ms"));
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
