using Akka.Actor;
using Akka.Event;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace MecActors.Cli.Logging;

/// <summary>
/// Akka logger actor (named in <c>akka.loggers</c>) that forwards Akka's log events to Serilog, with the
/// event's log source as the <c>Source</c> property. It writes to the logger of the system's
/// <see cref="SerilogSetup"/>; a system created without one (e.g. from config/akka.conf alone) gets
/// <see cref="Log.Logger"/> if the process configured it, else a logger of its own to stderr.
/// Which events arrive at all is decided by <c>akka.loglevel</c>.
/// </summary>
public sealed class SerilogLogger : ReceiveActor
{
    private readonly ILogger _logger;
    private readonly Logger? _owned;

    public SerilogLogger()
    {
        var setup = Context.System.Settings.Setup.Get<SerilogSetup>();
        if (setup.HasValue)
        {
            _logger = setup.Value.Logger;
        }
        else if (!ReferenceEquals(Log.Logger, Logger.None))
        {
            _logger = Log.Logger;
        }
        else
        {
            _owned = CliLogging.CreateStderr();
            _logger = _owned;
        }

        Receive<Akka.Event.Debug>(e => Write(LogEventLevel.Debug, e));
        Receive<Info>(e => Write(LogEventLevel.Information, e));
        Receive<Warning>(e => Write(LogEventLevel.Warning, e));
        Receive<Error>(e => Write(LogEventLevel.Error, e));
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
    }

    protected override void PostStop()
    {
        _owned?.Dispose();
        base.PostStop();
    }

    private void Write(LogEventLevel level, Akka.Event.LogEvent e)
    {
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        var logger = _logger.ForContext(CliLogging.SourceProperty, e.LogSource);
        if (e.Message is LogMessage message)
        {
            logger.Write(level, e.Cause, message.Format, message.Parameters().ToArray());
        }
        else
        {
            logger.Write(level, e.Cause, "{AkkaMessage:l}", e.Message);
        }
    }
}
