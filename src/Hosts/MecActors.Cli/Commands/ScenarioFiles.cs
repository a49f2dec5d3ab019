using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;
using MecActors.Policies;

namespace MecActors.Cli.Commands;

/// <summary>Loads a scenario file for a command: a missing file is bad input naming the path.</summary>
internal static class ScenarioFiles
{
    /// <exception cref="BadInputException">The file does not exist.</exception>
    /// <exception cref="MecActors.Core.Configuration.ConfigException">The file is not a valid scenario.</exception>
    public static ScenarioSpec Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"scenario file not found: {path} (looked at {Path.GetFullPath(path)})");
        }

        return ScenarioLoader.Load(path, PolicyCatalog.All);
    }

    /// <summary>
    /// The scenario with the fault plan of <paramref name="faultsPath"/> (<c>--faults FILE</c>: a file with one
    /// <c>faults</c> section) in place of its own, when given.
    /// </summary>
    /// <exception cref="BadInputException">A file does not exist.</exception>
    /// <exception cref="MecActors.Core.Configuration.ConfigException">A file is not valid, or the fault file holds more than <c>faults</c>.</exception>
    public static ScenarioSpec Load(string path, string? faultsPath)
    {
        if (faultsPath is null)
        {
            return Load(path);
        }

        if (!File.Exists(path))
        {
            throw new BadInputException($"scenario file not found: {path} (looked at {Path.GetFullPath(path)})");
        }

        return ScenarioLoader.FromConfig(WithFaults(HoconParser.ParseFile(path), faultsPath), PolicyCatalog.All);
    }

    /// <summary>A scenario's configuration with the fault plan of <paramref name="faultsPath"/> in place of its own <c>faults</c>.</summary>
    /// <exception cref="BadInputException">The file does not exist.</exception>
    /// <exception cref="MecActors.Core.Configuration.ConfigException">The file is not valid, or holds more than <c>faults</c>.</exception>
    public static Config WithFaults(Config scenario, string faultsPath)
    {
        if (!File.Exists(faultsPath))
        {
            throw new BadInputException($"--faults: fault plan file not found: {faultsPath} (looked at {Path.GetFullPath(faultsPath)})");
        }

        var faults = HoconParser.ParseFile(faultsPath);
        faults.RejectUnknownKeys(["faults"]);
        if (!faults.HasPath("faults"))
        {
            throw faults.Error("faults", "missing: a fault plan file holds one faults section");
        }

        // The file's plan replaces the scenario's whole: merged over an emptied section.
        return faults.WithFallback(scenario.WithOverride("faults", "{}"));
    }
}
