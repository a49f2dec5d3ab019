using System.CommandLine;
using System.CommandLine.Invocation;
using MecActors.Cli.Bench;
using MecActors.Cli.Commands;
using MecActors.Cli.Output;

namespace MecActors.Cli;

/// <summary>
/// The <c>mec</c> command tree. <see cref="Run"/> and <see cref="RunAsync"/> run one command line in-process
/// and return its exit code (<see cref="ExitCodes"/>), writing to the given writers or to the console.
/// </summary>
public static class MecCli
{
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null) =>
        RunAsync(args, stdout, stderr).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(
        string[] args, TextWriter? stdout = null, TextWriter? stderr = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new CliConsole(stdout, stderr);
        var root = CreateRootCommand(console);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"error: {error.Message}");
            }

            console.Error.WriteLine("Run 'mec --help' or 'mec <command> --help' for usage.");
            return ExitCodes.BadInput;
        }

        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    internal static RootCommand CreateRootCommand(CliConsole console)
    {
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Log at debug level (mec and Akka), to stderr",
            Recursive = true,
        };

        var root = new RootCommand("mec: an actor-model emulator of mobile edge computing for DNN inference");
        root.Options.Add(verbose);
        root.Subcommands.Add(RunCommand.Create(console, verbose));
        root.Subcommands.Add(CompareCommand.Create(console, verbose));
        root.Subcommands.Add(SweepCommand.Create(console, verbose));
        root.Subcommands.Add(TrainCommand.Create(console, verbose));
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(ProfileCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(NodeCommand.Create(console, verbose));
        root.Subcommands.Add(OrchestrationCommand.Create(console));
        root.Subcommands.Add(LymdoCommand.Create(console));
        return root;
    }
}
