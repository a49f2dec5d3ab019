namespace MecActors.Cli.Commands;

/// <summary>A bad command-line value or a missing input file; exits with <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class BadInputException : Exception
{
    public BadInputException(string message)
        : base(message)
    {
    }
}
