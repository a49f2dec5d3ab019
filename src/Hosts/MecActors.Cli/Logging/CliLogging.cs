using System.Globalization;
using MecActors.Cli.Output;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace MecActors.Cli.Logging;

/// <summary>
/// The Serilog logger of one command: everything goes to stderr so stdout stays clean for tables;
/// Information by default, Debug with <c>--verbose</c>.
/// </summary>
internal static class CliLogging
{
    /// <summary>The property naming where an event comes from: Akka.Logger.Serilog sets it to the event's log source.</summary>
    public const string SourceProperty = "LogSource";

    private const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {LogSource}: {Message:lj}{NewLine}{Exception}";

    public static Logger Create(CliConsole console, bool verbose)
    {
        var configuration = Base(verbose ? LogEventLevel.Debug : LogEventLevel.Information);
        if (console.UsesProcessStderr)
        {
            ToStderr(configuration);
        }
        else
        {
            configuration.WriteTo.Sink(
                new TextWriterSink(console.Error, new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture)));
        }

        return configuration.CreateLogger();
    }

    private static LoggerConfiguration Base(LogEventLevel minimum) =>
        new LoggerConfiguration().MinimumLevel.Is(minimum).Enrich.WithProperty(SourceProperty, "mec");

    private static LoggerConfiguration ToStderr(LoggerConfiguration configuration) =>
        configuration.WriteTo.Console(
            outputTemplate: Template,
            formatProvider: CultureInfo.InvariantCulture,
            standardErrorFromLevel: LogEventLevel.Verbose);
}
