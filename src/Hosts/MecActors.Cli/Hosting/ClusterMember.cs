using Akka.Actor;
using MecActors.Actors.Cluster;
using MecActors.Cli.Commands;
using MecActors.Cli.Logging;

namespace MecActors.Cli.Hosting;

/// <summary>Creates a cluster member's actor system: the cluster settings over config/akka.conf, logging to Serilog.</summary>
internal static class ClusterMember
{
    /// <param name="quiet">HOCON that takes precedence unless <paramref name="verbose"/>, or null.</param>
    /// <exception cref="BadInputException">The address, port, seed nodes or roles cannot be used.</exception>
    public static ActorSystem Create(
        string hostname,
        int port,
        IReadOnlyList<string> seedNodes,
        IReadOnlyList<string> roles,
        bool allowWildcard,
        bool verbose,
        Serilog.ILogger logger,
        string? quiet = null)
    {
        Akka.Configuration.Config cluster;
        try
        {
            cluster = MecClusterConfig.For(hostname, port, seedNodes, roles, allowWildcard);
        }
        catch (ArgumentException e)
        {
            var option = e.ParamName switch
            {
                "hostname" => "--hostname",
                "port" => "--port",
                _ => seedNodes.Count > 0 && roles.Contains(MecCluster.SubmitterRole) ? "--cluster" : "--seed-nodes",
            };
            throw new BadInputException($"{option}: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        var config = cluster.WithFallback(MecActorSystem.LoadConfig(null, verbose));
        if (quiet is not null && !verbose)
        {
            config = Akka.Configuration.ConfigurationFactory.ParseString(quiet).WithFallback(config);
        }

        return AkkaLogRoute.Create(() => ActorSystem.Create(MecClusterConfig.SystemName, config), logger);
    }
}
