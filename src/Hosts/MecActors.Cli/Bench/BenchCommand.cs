using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MecActors.Actors.Cluster;
using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;
using MecActors.Policies;

namespace MecActors.Cli.Bench;

/// <summary>
/// <c>mec bench</c>: the emulator's slot, task and message rates on a scenario at several device counts, against
/// the sequential reference model (no messaging) and a raw Akka fan-out/fan-in moving as many messages.
/// Exit codes as in <see cref="ExitCodes"/>: success, bad input (an option or the scenario file), internal error.
/// </summary>
public static class BenchCommand
{
    private const string DefaultScenario = "config/scenarios/joint-caching.conf";

    public static Command Create()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "Scenario file to measure",
            HelpName = "FILE",
            DefaultValueFactory = _ => DefaultScenario,
        };
        var policy = new Option<string>("--policy")
        {
            Description = "Policy set the coordinator and the reference model use",
            HelpName = "NAME",
            DefaultValueFactory = _ => Paper000Policies.GreedyName,
        };
        var devices = new Option<int[]>("--devices")
        {
            Description = "Device counts U to measure, the scenario's edges kept (space- or comma-separated)",
            HelpName = "U",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = IntList,
            DefaultValueFactory = _ => [30, 3000],
        };
        var slots = new Option<int[]>("--slots")
        {
            Description = "Slots per run: one value for every U, or one per --devices value "
                + "(default: 200 for U <= 300, 50 above)",
            HelpName = "T",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = IntList,
            DefaultValueFactory = _ => [],
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Timed repetitions of each measurement; the median is reported",
            HelpName = "N",
            DefaultValueFactory = _ => 3,
        };
        var seed = new Option<int?>("--seed")
        {
            Description = "Run seed (default: the scenario's)",
            HelpName = "SEED",
        };
        var json = new Option<string?>("--json")
        {
            Description = "Also write the figures to this JSON file",
            HelpName = "FILE",
        };
        var scale = new Option<bool>("--scale")
        {
            Description = $"Scale benchmark in one process: the scenario with U devices (default {ScaleSettings.DefaultDevices:N0}) "
                + $"and N copies of its edge 0 (--edges, default {ScaleSettings.DefaultEdges}), {ScaleSettings.DefaultSlots} slots "
                + "unless --slots; rates, memory and the raw Akka fan-out",
        };
        var edges = new Option<int>("--edges")
        {
            Description = "With --scale: number of edges N",
            HelpName = "N",
            DefaultValueFactory = _ => ScaleSettings.DefaultEdges,
        };
        var checkSlots = new Option<int>("--check-slots")
        {
            Description = "With --scale: slots of the untimed mailbox count of the messages at full scale (0: skip)",
            HelpName = "T",
            DefaultValueFactory = _ => ScaleSettings.DefaultCheckSlots,
        };

        var cluster = new Option<string?>("--cluster")
        {
            Description = "With --scale: run the scaled scenario on the running cluster at this seed node instead of in this process (scripts/bench-scale.sh runs both)",
            HelpName = "SEED_ADDRESS",
        };

        var command = new Command(
            "bench",
            "Measure the emulator's slot, task and message rates against the sequential reference model and a raw Akka fan-out")
        {
            scenario,
            policy,
            devices,
            slots,
            repeat,
            seed,
            json,
            scale,
            edges,
            checkSlots,
            cluster,
        };
        command.SetAction(parseResult => parseResult.GetValue(scale)
            ? ExecuteScale(
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                parseResult.GetValue(scenario)!,
                parseResult.GetValue(policy)!,
                parseResult.GetResult(devices) is { Implicit: false } ? parseResult.GetValue(devices) ?? [] : [ScaleSettings.DefaultDevices],
                parseResult.GetValue(edges),
                parseResult.GetValue(slots) ?? [],
                parseResult.GetValue(repeat),
                parseResult.GetValue(checkSlots),
                parseResult.GetValue(seed),
                parseResult.GetValue(json),
                parseResult.GetValue(cluster))
            : Execute(
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            parseResult.GetValue(scenario)!,
            parseResult.GetValue(policy)!,
            parseResult.GetValue(devices) ?? [],
            parseResult.GetValue(slots) ?? [],
            parseResult.GetValue(repeat),
            parseResult.GetValue(seed),
            parseResult.GetValue(json)));
        return command;
    }

    private static int Execute(
        TextWriter output, TextWriter error, string scenarioPath, string policy, int[] devices, int[] slots, int repeat, int? seed, string? json)
    {
        if (!PolicyCatalog.All.IsKnown(policy))
        {
            return BadInput($"--policy: unknown policy '{policy}'; known policies: {string.Join(", ", PolicyCatalog.All.Names)}");
        }

        if (repeat < 1)
        {
            return BadInput($"--repeat: must be at least 1, got {repeat}");
        }

        if (devices.Length == 0)
        {
            return BadInput("--devices: give at least one device count");
        }

        if (slots.Length > 1 && slots.Length != devices.Length)
        {
            return BadInput($"--slots: give one value, or one per --devices value ({devices.Length}); got {slots.Length}");
        }

        if (slots.Any(s => s < 1))
        {
            return BadInput($"--slots: every value must be at least 1, got {slots.First(s => s < 1)}");
        }

        if (!TryLoadScenario(scenarioPath, out var path, out var scenario, out var problem))
        {
            return BadInput(problem);
        }

        if (devices.Any(u => u < scenario.EdgeCount))
        {
            return BadInput(
                $"--devices: every value must be at least the scenario's {scenario.EdgeCount} edges, got {devices.First(u => u < scenario.EdgeCount)}");
        }

        var cases = new BenchCaseSpec[devices.Length];
        for (var i = 0; i < devices.Length; i++)
        {
            var t = slots.Length == 0 ? BenchSettings.DefaultSlots(devices[i]) : slots.Length == 1 ? slots[0] : slots[i];
            cases[i] = new BenchCaseSpec(devices[i], t);
        }

        var settings = new BenchSettings(path, policy, cases, repeat);
        return Measure(() => new BenchSuite(scenario, settings, seed ?? scenario.Seed, BenchAkkaConfig.Load(), error).Run(), BenchReport.Print, json, output, error);

        int BadInput(string message)
        {
            error.WriteLine($"error: {message}");
            return ExitCodes.BadInput;
        }
    }

    private static int ExecuteScale(
        TextWriter output,
        TextWriter error,
        string scenarioPath,
        string policy,
        int[] devices,
        int edges,
        int[] slots,
        int repeat,
        int checkSlots,
        int? seed,
        string? json,
        string? cluster)
    {
        if (!PolicyCatalog.All.IsKnown(policy))
        {
            return BadInput($"--policy: unknown policy '{policy}'; known policies: {string.Join(", ", PolicyCatalog.All.Names)}");
        }

        if (cluster is not null)
        {
            try
            {
                MecClusterConfig.ParseAddress(cluster);
            }
            catch (ArgumentException e)
            {
                return BadInput($"--cluster: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        if (repeat < 1)
        {
            return BadInput($"--repeat: must be at least 1, got {repeat}");
        }

        if (devices.Length != 1)
        {
            return BadInput($"--devices: --scale takes one device count, got {devices.Length}");
        }

        if (edges < 1)
        {
            return BadInput($"--edges: must be at least 1, got {edges}");
        }

        if (devices[0] < edges)
        {
            return BadInput($"--devices: must be at least the {edges} edges, got {devices[0]}");
        }

        if (slots.Length > 1)
        {
            return BadInput($"--slots: --scale takes one value, got {slots.Length}");
        }

        if (slots.Length == 1 && slots[0] < 1)
        {
            return BadInput($"--slots: must be at least 1, got {slots[0]}");
        }

        if (checkSlots < 0)
        {
            return BadInput($"--check-slots: must be at least 0, got {checkSlots}");
        }

        if (!TryLoadScenario(scenarioPath, out var path, out var scenario, out var problem))
        {
            return BadInput(problem);
        }

        var settings = new ScaleSettings(
            path, policy, devices[0], edges, slots.Length == 1 ? slots[0] : ScaleSettings.DefaultSlots, repeat, checkSlots);
        return cluster is null
            ? Measure(() => new ScaleSuite(scenario, settings, seed ?? scenario.Seed, BenchAkkaConfig.Load(), error).Run(), ScaleReport.Print, json, output, error)
            : Measure(() => new ClusterScaleSuite(scenario, settings, seed ?? scenario.Seed, cluster, BenchAkkaConfig.Load(), error).Run(), ClusterScaleReport.Print, json, output, error);

        int BadInput(string message)
        {
            error.WriteLine($"error: {message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>Runs a measurement set, prints it, and writes its JSON when asked; a failure is an internal error.</summary>
    private static int Measure<T>(Func<T> run, Action<T, TextWriter> print, string? json, TextWriter output, TextWriter error)
    {
        try
        {
            var result = run();
            print(result, output);
            if (json is not null)
            {
                BenchReport.WriteJson(result, json);
                output.WriteLine($"figures written to {Path.GetFullPath(json)}");
            }

            return ExitCodes.Success;
        }
        catch (Exception e)
        {
            error.WriteLine($"internal error: {e.Message}");
            error.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The scenario file as given, else relative to the executable (where the CLI may carry its config).</summary>
    /// <summary>Finds and loads the scenario, or says why it cannot (the message of a bad-input exit).</summary>
    private static bool TryLoadScenario(string scenarioPath, out string path, out ScenarioSpec scenario, out string problem)
    {
        path = ResolveScenario(scenarioPath) ?? "";
        scenario = null!;
        problem = "";
        if (path.Length == 0)
        {
            problem = $"--scenario: file not found: {scenarioPath}";
            return false;
        }

        try
        {
            scenario = ScenarioLoader.Load(path, PolicyCatalog.All);
            return true;
        }
        catch (Exception e) when (e is ConfigException or IOException)
        {
            problem = $"--scenario {scenarioPath}: {e.Message}";
            return false;
        }
    }

    private static string? ResolveScenario(string path)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        if (!Path.IsPathRooted(path))
        {
            var beside = Path.Combine(AppContext.BaseDirectory, path);
            if (File.Exists(beside))
            {
                return beside;
            }
        }

        return null;
    }

    /// <summary>Integers given as separate tokens, comma-separated, or both.</summary>
    private static int[] IntList(ArgumentResult result)
    {
        var values = new List<int>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    result.AddError($"'{part}' is not an integer");
                    return [];
                }

                values.Add(value);
            }
        }

        return values.ToArray();
    }
}
