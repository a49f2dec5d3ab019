using System.Globalization;
using System.Net;
using System.Text;
using Akka.Configuration;
using MecActors.Actors.Serialization;
using AkkaConfig = Akka.Configuration.Config;

namespace MecActors.Actors.Cluster;

/// <summary>
/// The Akka settings of a cluster member: <c>config/akka-cluster.conf</c> (built into this assembly) with the
/// member's address, seed nodes and roles on top, and the Hyperion binding beneath.
/// </summary>
public static class MecClusterConfig
{
    public const string SystemName = "mec";

    /// <summary>The text of <c>config/akka-cluster.conf</c>.</summary>
    public static string Hocon { get; } = ReadResource("akka-cluster.conf");

    /// <param name="hostname">The address to bind; must not be a wildcard unless <paramref name="allowWildcard"/>.</param>
    /// <param name="port">0 for any free port.</param>
    /// <param name="seedNodes">Addresses such as <c>akka.tcp://mec@127.0.0.1:4053</c>; empty to join by hand.</param>
    /// <exception cref="ArgumentException">A wildcard hostname without <paramref name="allowWildcard"/>, or a bad seed address.</exception>
    public static AkkaConfig For(string hostname, int port, IReadOnlyList<string> seedNodes, IReadOnlyList<string> roles, bool allowWildcard = false)
    {
        if (IsWildcard(hostname) && !allowWildcard)
        {
            throw new ArgumentException(
                $"{hostname} is a wildcard address: the node would accept connections from every network; nodes bind to 127.0.0.1 unless allowed explicitly",
                nameof(hostname));
        }

        if (port is < 0 or > 65535)
        {
            throw new ArgumentException($"must be 0-65535, got {port}", nameof(port));
        }

        foreach (var seed in seedNodes)
        {
            _ = ParseAddress(seed);
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.hostname = \"{hostname}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.port = {port}\n");
        if (IsWildcard(hostname))
        {
            // Bound to every interface, but known to the others by loopback.
            text.Append("akka.remote.dot-netty.tcp.public-hostname = \"127.0.0.1\"\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"akka.cluster.seed-nodes = [{string.Join(", ", seedNodes.Select(Quote))}]\n");
        text.Append(CultureInfo.InvariantCulture, $"akka.cluster.roles = [{string.Join(", ", roles.Select(Quote))}]\n");
        return ConfigurationFactory.ParseString(text.ToString())
            .WithFallback(ConfigurationFactory.ParseString(Hocon))
            .WithFallback(MecSerialization.Config);
    }

    /// <summary>Checks a member address (<c>akka.tcp://mec@host:port</c>).</summary>
    /// <exception cref="ArgumentException">It is not one.</exception>
    public static Akka.Actor.Address ParseAddress(string address)
    {
        Akka.Actor.Address parsed;
        try
        {
            parsed = Akka.Actor.Address.Parse(address);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw new ArgumentException($"'{address}' is not a cluster address such as akka.tcp://{SystemName}@127.0.0.1:4053", nameof(address), e);
        }

        if (parsed.Host is null || parsed.Port is null || parsed.System != SystemName)
        {
            throw new ArgumentException($"'{address}' is not a cluster address such as akka.tcp://{SystemName}@127.0.0.1:4053", nameof(address));
        }

        return parsed;
    }

    public static bool IsWildcard(string hostname) =>
        hostname is "" or "*" or "0.0.0.0" or "::" or "[::]"
        || (IPAddress.TryParse(hostname.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));

    private static string Quote(string value) => "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string ReadResource(string name)
    {
        using var stream = typeof(MecClusterConfig).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the resource {name} is missing from {typeof(MecClusterConfig).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
