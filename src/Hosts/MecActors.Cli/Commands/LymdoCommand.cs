using System.CommandLine;
using System.Globalization;
using System.Text;
using MecActors.Cli.Experiments;
using MecActors.Cli.Lymdo;
using MecActors.Cli.Output;
using MecActors.Cli.Training;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;
using MecActors.Policies;

namespace MecActors.Cli.Commands;

/// <summary>
/// <c>mec lymdo match SCENARIO --checkpoint FILE ...</c>: paper 004's check of its DRL agent against the exhaustive
/// search on held-out episodes, with the decision's and the convex step's times.
/// </summary>
internal static class LymdoCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("lymdo", "Paper 004: check the trained DRL agent's partition points against the exhaustive search");
        command.Subcommands.Add(Match(console));
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
