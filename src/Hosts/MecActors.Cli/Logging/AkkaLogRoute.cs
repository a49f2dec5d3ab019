using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace MecActors.Cli.Logging;

/// <summary>
/// Where Akka's log events go. The Akka.Logger.Serilog logger actor (named in <c>akka.loggers</c>) writes to the
/// process-wide <see cref="Log.Logger"/>; that logger hands each event to the loggers of the actor systems alive in
/// this process, each applying its own level. A <c>mec</c> process runs one command, so its events reach that
/// command's logger; commands run side by side in one process (the in-process tests) also see each other's.
/// </summary>
internal sealed class AkkaLogRoute : ILogEventSink
{
    private static readonly AkkaLogRoute Instance = new();

    private readonly Lock _gate = new();
    private ILogger[] _loggers = [];

    static AkkaLogRoute()
    {
        Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Instance).CreateLogger();
    }

    /// <summary>
    /// Creates an actor system with <paramref name="create"/> and sends Akka's log events to <paramref name="logger"/>
    /// from before it starts (so its start-up events arrive too) until it has terminated.
    /// </summary>
    public static Akka.Actor.ActorSystem Create(Func<Akka.Actor.ActorSystem> create, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(logger);
        Instance.Add(logger);
        try
        {
            var system = create();
            system.WhenTerminated.ContinueWith(_ => Instance.Remove(logger), TaskScheduler.Default);
            return system;
        }
        catch
        {
            Instance.Remove(logger);
            throw;
        }
    }

    public void Emit(LogEvent logEvent)
    {
        foreach (var logger in Volatile.Read(ref _loggers))
        {
            logger.Write(logEvent);
        }
    }

    private void Add(ILogger logger)
    {
        lock (_gate)
        {
            _loggers = [.. _loggers, logger];
        }
    }

    private void Remove(ILogger logger)
    {
        lock (_gate)
        {
            var i = Array.IndexOf(_loggers, logger);
            if (i >= 0)
            {
                _loggers = [.. _loggers[..i], .. _loggers[(i + 1)..]];
            }
        }
    }
}
