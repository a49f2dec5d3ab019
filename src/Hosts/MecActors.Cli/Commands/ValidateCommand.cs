using System.CommandLine;
using MecActors.Cli.Output;

namespace MecActors.Cli.Commands;

/// <summary><c>mec validate &lt;scenario&gt;</c>: load and validate a scenario without running it.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var scenarioPath = new Argument<string>("scenario") { Description = "The scenario file (HOCON) to check" };
        var command = new Command("validate", "Load and validate a scenario file; exit 0 if it is valid, 2 naming the bad key if not");
        command.Arguments.Add(scenarioPath);
        command.SetAction((parse, _) => CommandErrors.GuardAsync(console, verbose: false, () =>
        {
            var s = ScenarioFiles.Load(parse.GetValue(scenarioPath)!);
            console.Out.WriteLine(
                $"ok: {s.Name} ({s.EdgeCount} edges, {s.DeviceCount} devices, {s.Models.Count} models, " +
                $"policies {string.Join(", ", s.Policies)})");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
