using Akka.Actor.Setup;
using Serilog;

namespace MecActors.Cli.Logging;

/// <summary>Hands an actor system the Serilog logger its <see cref="SerilogLogger"/> writes to.</summary>
public sealed class SerilogSetup : Setup
{
    public SerilogSetup(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        Logger = logger;
    }

    public ILogger Logger { get; }
}
