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
}
