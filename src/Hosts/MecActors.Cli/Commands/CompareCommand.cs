using System.CommandLine;
using MecActors.Cli.Output;

namespace MecActors.Cli.Commands;

/// <summary>
/// <c>mec compare &lt;scenario&gt; [--train-steps N] [--checkpoints DIR] [--slots N] [--seed S] [--out DIR]</c>:
/// every policy the scenario lists, in its order, each in its own emulation run; learning policies first get
/// their weights from a checkpoint or by training (see <see cref="Training.LearnedWeights"/>).
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var options = new EmulationOptions(verbose);
        var command = new Command(
            "compare",
            "Emulate every policy the scenario lists (learning ones trained or loaded first); print a table, write summary.json, slots.csv and delay-accuracy.png");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var request = options.Read(parse, policies: null);
            return CommandErrors.GuardAsync(console, request.Verbose, () => Emulation.RunAsync(console, request, cancellationToken));
        });
        return command;
    }
}
