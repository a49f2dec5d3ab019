using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using MecActors.Cli.Commands;
using MecActors.Cli.Tests.Support;
using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Policies;
using Microsoft.FSharp.Core;
using Xunit;
using Xunit.Abstractions;
using CheckConfig = FsCheck.Config;

namespace MecActors.Cli.Tests.Fuzzing;

/// <summary>
/// Fuzzed configuration files: every shipped scenario mutated (a key deleted, a wrong type, a negative, zero, NaN,
/// huge number, an empty list, a duplicate, an unknown key) and loaded the way <c>mec validate</c> and <c>mec run</c>
/// load it. Every mutation is either accepted or rejected as bad input (exit 2) with a message that names the
/// mutated key or what holds it; any other exception is a hole. Accepted ones must build their system and policies,
/// and a sample of them runs a few slots; a sample of all goes through <c>mec validate</c> itself.
/// </summary>
public sealed class ConfigFuzzTests(ITestOutputHelper output)
{
    private const int Mutations = 12_000;

    /// <summary>Fixed, so that the run is the same every time; another seed explores other mutations.</summary>
    private const ulong Seed = 20_261_201;

    /// <summary>Every how many mutations one also goes through <c>mec validate</c> on a file.</summary>
    private const int CliEvery = 60;

    /// <summary>Every how many accepted mutations one also builds every policy it lists (some take long to build).</summary>
    private const int BuildEvery = 8;

    /// <summary>Every how many accepted mutations one also runs <see cref="SampleSlots"/> slots of its first policy.</summary>
    private const int RunEvery = 40;

    private const int SampleSlots = 2;

    /// <summary>The shipped scenarios, the loader <c>mec validate</c> / <c>mec run</c> read them with, and the command that checks a file.</summary>
    private static readonly FuzzedFiles Scenarios = new(
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "config", "scenarios"), "*.conf").Order(StringComparer.Ordinal).ToArray(),
        config => ScenarioLoader.FromConfig(config, PolicyCatalog.All),
        path => ["validate", path]);

    /// <summary>The shipped fault plans, each on the scenario it is written for (paper 000's), as <c>--faults</c> reads them.</summary>
    private static readonly FuzzedFiles FaultPlans = new(
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "config", "faults"), "*.conf").Order(StringComparer.Ordinal).ToArray(),
        config =>
        {
            config.RejectUnknownKeys(["faults"]);
            var section = config.HasPath("faults") ? config : throw config.Error("faults", "missing: a fault plan file holds one faults section");
            var scenario = ScenarioLoader.Load(RepoPaths.JointCachingScenario, PolicyCatalog.All);
            return FaultPlanLoader.Read(section, FaultContext.Of(scenario));
        },
        path => ["validate", RepoPaths.JointCachingScenario, "--faults", path]);

    /// <summary>Every kind of shipped HOCON file the fuzzer mutates, each with its files, loader and command.</summary>
    private static readonly FuzzedFiles[] FileSets = [Scenarios, FaultPlans];

    [Fact]
    public void Every_shipped_scenario_written_back_as_text_loads_the_same()
    {
        using var temp = new TempDirectory();
        foreach (var file in Scenarios.Files)
        {
            var document = HoconDocument.Parse(file);
            var rendered = temp.WriteFile(Path.GetFileName(file), HoconText.Render(document.Root));

            Assert.Equal(Summary(ScenarioFiles.Load(file)), Summary(ScenarioFiles.Load(rendered)));
        }
    }

    [Fact]
    public void Every_mutation_of_a_shipped_file_is_accepted_or_rejected_naming_its_key()
    {
        var documents = FileSets.SelectMany(set => set.Files.Select(file => new FuzzedDocument(set, HoconDocument.Parse(file)))).ToArray();
        var cases =
            from d in Gen.Choose(0, documents.Length - 1)
            from mutation in HoconMutations.Of(documents[d].Document)
            select (documents[d].Set, documents[d].Document, Mutation: mutation);
        var tally = new FuzzTally();
        using var temp = new TempDirectory();
        var clock = Stopwatch.StartNew();

        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            Examine(c.Set, c.Document, c.Mutation, tally, temp);
            return true;
        });
        Check.One(CheckConfig.Quick.WithMaxTest(Mutations).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None))), property);

        output.WriteLine($"{documents.Length} files, {documents.Sum(d => d.Document.Sites.Count)} values, {clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(tally.Figures());
        Assert.True(tally.Tried >= 10_000, $"only {tally.Tried} mutations tried");
        Assert.True(tally.Failures.Count == 0, tally.FailureReport());
    }

    private static void Examine(FuzzedFiles set, HoconDocument document, HoconMutation mutation, FuzzTally tally, TempDirectory temp)
    {
        tally.Loading.Start();
        var mutated = mutation.ApplyTo(document.Root);
        var outcome = Load(set, mutated, mutation);
        tally.Loading.Stop();
        tally.Count(mutation.Kind, outcome.Result);
        if (outcome.Failure is not null)
        {
            tally.Fail(document, mutation, outcome.Failure);
            return;
        }

        if (outcome.Accepted is ScenarioSpec scenario)
        {
            CheckAccepted(document, mutation, scenario, tally);
        }

        if (tally.Tried % CliEvery == 0)
        {
            tally.Cli.Start();
            CheckThroughTheCli(set, document, mutation, mutated, outcome, tally, temp);
            tally.Cli.Stop();
        }
    }

    /// <summary>Loads the mutated document as the command does after reading the file.</summary>
    private static LoadOutcome Load(FuzzedFiles set, HoconObject mutated, HoconMutation mutation)
    {
        try
        {
            return new LoadOutcome(LoadResult.Accepted, set.Load(HoconDocument.AsConfig(mutated)), null);
        }
        catch (ConfigException e)
        {
            return mutation.Named.Any(path => e.Message.Contains(path, StringComparison.Ordinal))
                ? new LoadOutcome(LoadResult.Rejected, null, null)
                : new LoadOutcome(LoadResult.Unnamed, null, $"rejected without naming {string.Join(" or ", mutation.Named)}: {e.Message}");
        }
        catch (Exception e)
        {
            return new LoadOutcome(LoadResult.Unhandled, null, $"unhandled {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>What <c>mec run</c> does next with an accepted scenario: its system, and for samples every policy it lists and a few slots.</summary>
    private static void CheckAccepted(HoconDocument document, HoconMutation mutation, ScenarioSpec scenario, FuzzTally tally)
    {
        try
        {
            var system = new SystemView(scenario);
            var accepted = ++tally.AcceptedSeen;
            if (accepted % BuildEvery == 0)
            {
                tally.Building.Start();
                foreach (var name in scenario.Policies)
                {
                    _ = PolicyCatalog.All.Create(name, system, scenario.Seed);
                }

                tally.Built++;
                tally.Building.Stop();
            }

            if (accepted % RunEvery == 0)
            {
                tally.Running.Start();
                var first = PolicyCatalog.All.Create(scenario.Policies[0], system, scenario.Seed);
                var run = ReferenceModel.Run(system, first, SampleSlots, scenario.Seed);
                tally.Running.Stop();
                tally.Ran++;
                if (run.Records.Any(r => r.Ran && !double.IsFinite(r.End)))
                {
                    tally.Fail(document, mutation, $"accepted, but a task of {first.Name} never ends");
                }
            }
        }
        catch (Exception e)
        {
            tally.Building.Stop();
            tally.Running.Stop();
            tally.Fail(document, mutation, $"accepted, but running it throws {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The same mutation written to a file and given to the command (<c>mec validate</c>): exit 2 naming the key, or 0.</summary>
    private static void CheckThroughTheCli(
        FuzzedFiles set, HoconDocument document, HoconMutation mutation, HoconObject mutated, LoadOutcome outcome, FuzzTally tally, TempDirectory temp)
    {
        var path = temp.WriteFile("mutated.conf", HoconText.Render(mutated));
        var result = InProcessMec.RunAsync(set.Command(path)).GetAwaiter().GetResult();
        tally.ThroughCli++;
        var expected = outcome.Result == LoadResult.Accepted ? ExitCodes.Success : ExitCodes.BadInput;
        if (result.ExitCode != expected)
        {
            tally.Fail(document, mutation, $"mec {set.Command(path)[0]} exits {result.ExitCode}, expected {expected}: {result.Stderr.Trim()}");
        }
        else if (expected == ExitCodes.BadInput && !mutation.Named.Any(p => result.Stderr.Contains(p, StringComparison.Ordinal)))
        {
            tally.Fail(document, mutation, $"mec {set.Command(path)[0]} exits 2 without naming {string.Join(" or ", mutation.Named)}: {result.Stderr.Trim()}");
        }
    }

    private static string Summary(ScenarioSpec s) =>
        $"{s.Name} {s.SlotSeconds} {s.Slots} {s.Seed} {s.EdgeCount} {s.DeviceCount} {s.Models.Count} {string.Join(",", s.Policies)} {s.Workload} {s.Radio} {s.Disciplines}";

    /// <param name="Files">The shipped files of one kind.</param>
    /// <param name="Load">What the command does with a parsed file; it throws <see cref="ConfigException"/> on bad input.</param>
    /// <param name="Command">The command line that checks a file on its own.</param>
    private sealed record FuzzedFiles(IReadOnlyList<string> Files, Func<MecActors.Core.Configuration.Config, object> Load, Func<string, string[]> Command);

    private sealed record FuzzedDocument(FuzzedFiles Set, HoconDocument Document);

    private sealed record LoadOutcome(LoadResult Result, object? Accepted, string? Failure);
}
