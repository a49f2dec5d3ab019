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
        return command;
    }

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
