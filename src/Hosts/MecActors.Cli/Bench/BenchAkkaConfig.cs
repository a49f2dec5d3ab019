using Akka.Configuration;

namespace MecActors.Cli.Bench;

/// <summary>
/// The akka HOCON of the other verbs (config/akka.conf next to the executable), or, when it is absent, Akka's
/// defaults with logging at WARNING so that INFO lines (actor-system shutdown) do not mix with the table.
/// </summary>
internal sealed record BenchAkkaConfig(Config Config, string Source)
{
    public static BenchAkkaConfig Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "config", "akka.conf");
        return File.Exists(path)
            ? new BenchAkkaConfig(ConfigurationFactory.ParseString(File.ReadAllText(path)), path)
            : new BenchAkkaConfig(ConfigurationFactory.ParseString("akka.loglevel = WARNING"), "akka defaults");
    }

    /// <summary>The same configuration with <paramref name="hocon"/> taking precedence.</summary>
    public Config With(string hocon) => ConfigurationFactory.ParseString(hocon).WithFallback(Config);
}
