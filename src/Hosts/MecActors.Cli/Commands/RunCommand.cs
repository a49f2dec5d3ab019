using System.CommandLine;
using MecActors.Cli.Output;
using MecActors.Policies;

namespace MecActors.Cli.Commands;

/// <summary>
/// <c>mec run &lt;scenario&gt; --policy NAME [--train-steps N] [--checkpoints DIR] [--slots N] [--seed S] [--out DIR]</c>:
/// one policy; a learning one is trained or loaded first, as in <c>mec compare</c>.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var options = new EmulationOptions(verbose);
        var policy = new Option<string>("--policy")
        {
            HelpName = "NAME",
            Description = $"The policy to run: {string.Join(", ", PolicyCatalog.All.Names)}",
            Required = true,
        };
        policy.CompletionSources.Add(PolicyCatalog.All.Names.ToArray());
        policy.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string>();
            if (!PolicyCatalog.All.IsKnown(name))
            {
                result.AddError($"--policy: unknown policy \"{name}\"; known: {string.Join(", ", PolicyCatalog.All.Names)}");
            }
        });

        var command = new Command("run", "Emulate one policy on a scenario; write summary.json, slots.csv and a plot");
        options.AddTo(command);
        command.Options.Add(policy);
        command.SetAction((parse, cancellationToken) =>
        {
            var request = options.Read(parse, [parse.GetValue(policy)!]);
            return CommandErrors.GuardAsync(console, request.Verbose, () => Emulation.RunAsync(console, request, cancellationToken));
        });
        return command;
    }
}
