using MecActors.Cli.Output;
using MecActors.Core.Configuration;

namespace MecActors.Cli.Commands;

/// <summary>Maps what a command throws to the contract's exit codes, with one message on stderr.</summary>
internal static class CommandErrors
{
    public static async Task<int> GuardAsync(CliConsole console, bool verbose, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ConfigException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (BadInputException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("interrupted; nothing was written");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            console.Error.WriteLine($"internal error: {e.Message}");
            if (verbose)
            {
                console.Error.WriteLine(e);
            }

            return ExitCodes.InternalError;
        }
    }
}
