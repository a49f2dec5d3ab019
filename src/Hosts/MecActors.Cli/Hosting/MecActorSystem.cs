using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using MecActors.Actors;
using MecActors.Cli.Logging;

namespace MecActors.Cli.Hosting;

/// <summary>
/// Creates the single-process actor system "mec" from <c>config/akka.conf</c> next to the executable,
/// with the command line's overrides on top, and stops it again.
/// </summary>
internal static class MecActorSystem
{
    public const string SystemName = "mec";

    private static readonly TimeSpan TerminateTimeout = TimeSpan.FromSeconds(10);

    public static string ConfigPath { get; } = Path.Combine(AppContext.BaseDirectory, "config", "akka.conf");

    /// <param name="dispatcherThroughput">Overrides <c>akka.actor.default-dispatcher.throughput</c> when set.</param>
    /// <param name="verbose">Lowers <c>akka.loglevel</c> to DEBUG.</param>
    /// <param name="barrierWatchdogSeconds">Overrides <c>mec.barrier-watchdog</c> when set (0: off).</param>
    public static Config LoadConfig(int? dispatcherThroughput, bool verbose, double? barrierWatchdogSeconds = null)
    {
        if (!File.Exists(ConfigPath))
        {
            throw new FileNotFoundException($"the Akka configuration {ConfigPath} is missing; reinstall or rebuild mec", ConfigPath);
        }

        var config = ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath));
        var overrides = new StringBuilder();
        if (dispatcherThroughput is { } throughput)
        {
            overrides.Append(CultureInfo.InvariantCulture, $"akka.actor.default-dispatcher.throughput = {throughput}\n");
        }

        if (barrierWatchdogSeconds is { } seconds)
        {
            overrides.Append(CultureInfo.InvariantCulture, $"{BarrierWatchdog.ConfigKey} = {seconds * 1e3:0.###}ms\n");
        }

        if (verbose)
        {
            overrides.Append("akka.loglevel = DEBUG\n");
        }

        return overrides.Length == 0 ? config : ConfigurationFactory.ParseString(overrides.ToString()).WithFallback(config);
    }

    /// <summary>The actor system, its Akka log events (through Akka.Logger.Serilog) going to <paramref name="logger"/>.</summary>
    public static ActorSystem Create(Config config, Serilog.ILogger logger) =>
        AkkaLogRoute.Create(() => ActorSystem.Create(SystemName, config), logger);

    /// <summary>Terminates <paramref name="system"/>, waiting a bounded time so a stuck actor cannot hang the command.</summary>
    public static async Task TerminateAsync(ActorSystem system, Serilog.ILogger logger)
    {
        try
        {
            await system.Terminate().WaitAsync(TerminateTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.Warning("The actor system did not terminate within {Timeout}", TerminateTimeout);
        }
    }
}
