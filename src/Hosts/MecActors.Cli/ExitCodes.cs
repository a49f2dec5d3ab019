namespace MecActors.Cli;

/// <summary>The exit codes of the results contract (docs/architecture.md, "Results contract"), plus the shell's code for an interrupt.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A bug or an environment failure; the message says what happened.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input: a configuration key or a command-line argument, named in the message.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
