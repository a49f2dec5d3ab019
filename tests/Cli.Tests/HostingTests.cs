using Akka.Event;
using MecActors.Cli.Hosting;
using MecActors.Cli.Logging;
using MecActors.Cli.Output;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class HostingTests
{
    [Fact]
    public void Akka_conf_is_copied_next_to_the_executable_and_names_the_serilog_logger()
    {
        Assert.True(File.Exists(MecActorSystem.ConfigPath), MecActorSystem.ConfigPath);

        var config = MecActorSystem.LoadConfig(dispatcherThroughput: null, verbose: false);

        Assert.Equal(100, config.GetInt("akka.actor.default-dispatcher.throughput"));
        Assert.Equal("INFO", config.GetString("akka.loglevel"));
        Assert.Equal(["Akka.Logger.Serilog.SerilogLogger, Akka.Logger.Serilog"], config.GetStringList("akka.loggers"));
    }

    [Fact]
    public void Command_line_overrides_win_over_akka_conf()
    {
        var config = MecActorSystem.LoadConfig(dispatcherThroughput: 1, verbose: true);

        Assert.Equal(1, config.GetInt("akka.actor.default-dispatcher.throughput"));
        Assert.Equal("DEBUG", config.GetString("akka.loglevel"));
    }

    [Fact]
    public async Task Akka_log_events_reach_the_serilog_logger_with_their_source()
    {
        using var stderr = new StringWriter();
        var console = new CliConsole(new StringWriter(), stderr);
        using var logger = CliLogging.Create(console, verbose: false);
        var system = MecActorSystem.Create(MecActorSystem.LoadConfig(null, verbose: false), logger);
        try
        {
            system.Log.Warning("disk {0} is {1}% full", "d0", 97);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!stderr.ToString().Contains("disk d0 is 97% full", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
        finally
        {
            await system.Terminate();
        }

        // The line the test waited for, with its level and its source (the actor system's own logger).
        var line = stderr.ToString().Split('\n').Single(l => l.Contains("disk d0 is 97% full", StringComparison.Ordinal));
        Assert.Contains("WRN] ", line, StringComparison.Ordinal);
        Assert.Contains("ActorSystem(mec): disk d0 is 97% full", line, StringComparison.Ordinal);
    }
}
