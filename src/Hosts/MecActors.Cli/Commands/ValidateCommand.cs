using System.CommandLine;
using MecActors.Cli.Output;

namespace MecActors.Cli.Commands;

/// <summary><c>mec validate &lt;scenario&gt; [--faults FILE]</c>: load and validate a scenario, and a fault plan with it, without running them.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var scenarioPath = new Argument<string>("scenario") { Description = "The scenario file (HOCON) to check" };
        var command = new Command("validate", "Load and validate a scenario file; exit 0 if it is valid, 2 naming the bad key if not");
        var faults = new Option<string?>("--faults") { HelpName = "FILE", Description = "Also check the fault plan of FILE against the scenario" };
        command.Arguments.Add(scenarioPath);
        command.Options.Add(faults);
        command.SetAction((parse, _) => CommandErrors.GuardAsync(console, verbose: false, () =>
        {
            var s = ScenarioFiles.Load(parse.GetValue(scenarioPath)!, parse.GetValue(faults));
            var plan = s.Faults.IsEmpty ? "" : $", {s.Faults.Faults.Count} faults, on-fault = {Core.Faults.FaultNames.Of(s.Faults.OnFault)}";
            console.Out.WriteLine(
                $"ok: {s.Name} ({s.EdgeCount} edges, {s.DeviceCount} devices, {s.Models.Count} models, " +
                $"policies {string.Join(", ", s.Policies)}{plan})");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
