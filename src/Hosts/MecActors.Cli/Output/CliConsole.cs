using Spectre.Console;

namespace MecActors.Cli.Output;

/// <summary>
/// Where a command writes: tables and other results to <see cref="Out"/>, messages, progress and logs to
/// <see cref="Error"/>. Live widgets (the progress bar) only when stdout is the process's own terminal.
/// </summary>
internal sealed class CliConsole
{
    private const int RedirectedWidth = 160;

    public CliConsole(TextWriter? stdout, TextWriter? stderr)
    {
        IsTerminal = stdout is null && !Console.IsOutputRedirected;
        UsesProcessStderr = stderr is null;
        Out = stdout is null ? Console.Out : TextWriter.Synchronized(stdout);
        Error = stderr is null ? Console.Error : TextWriter.Synchronized(stderr);
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!IsTerminal)
        {
            // A pipe or file has no width; keep table rows on one line each.
            Ansi.Profile.Width = RedirectedWidth;
        }
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Spectre console over <see cref="Out"/>.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>True when stdout is an interactive terminal (never for caller-supplied writers).</summary>
    public bool IsTerminal { get; }

    /// <summary>True when <see cref="Error"/> is the process's stderr (not a caller-supplied writer).</summary>
    public bool UsesProcessStderr { get; }
}
