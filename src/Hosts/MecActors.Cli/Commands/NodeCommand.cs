using System.CommandLine;
using System.Runtime.InteropServices;
using Akka.Actor;
using MecActors.Actors.Cluster;
using MecActors.Cli.Hosting;
using MecActors.Cli.Logging;
using MecActors.Cli.Output;
using MecActors.Core.Metrics;

namespace MecActors.Cli.Commands;

/// <summary>
/// <c>mec node --port P [--seed-nodes A,B] [--roles worker] [--hostname H] [--ready-file F]</c>: one cluster node,
/// running until SIGTERM or Ctrl-C, when it leaves the cluster gracefully (its cells and the singleton move on).
/// </summary>
internal static class NodeCommand
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var port = new Option<int>("--port") { HelpName = "P", Description = "TCP port to listen on (0: any free port)", Required = true };
        var hostname = new Option<string>("--hostname")
        {
            HelpName = "H",
            Description = "Address to bind; a wildcard (0.0.0.0, ::) needs --allow-wildcard-bind",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var seedNodes = new Option<string[]>("--seed-nodes")
        {
            HelpName = "ADDRESS",
            Description = "Seed node addresses, e.g. akka.tcp://mec@127.0.0.1:4053 (comma-separated or repeated) [default: this node seeds itself]",
            AllowMultipleArgumentsPerToken = true,
        };
        var roles = new Option<string[]>("--roles")
        {
            HelpName = "ROLE",
            Description = $"Cluster roles [default: {MecCluster.WorkerRole}: hosts cells and can host the learning coordinator]",
            AllowMultipleArgumentsPerToken = true,
        };
        var allowWildcard = new Option<bool>("--allow-wildcard-bind") { Description = "Allow binding to every network interface" };
        var readyFile = new Option<string?>("--ready-file")
        {
            HelpName = "FILE",
            Description = "Written with the node's address once the node is Up (for scripts)",
        };

        var command = new Command("node", "Run a cluster node until SIGTERM or Ctrl-C");
        command.Options.Add(port);
        command.Options.Add(hostname);
        command.Options.Add(seedNodes);
        command.Options.Add(roles);
        command.Options.Add(allowWildcard);
        command.Options.Add(readyFile);
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(console, parse.GetValue(verbose), () => RunAsync(
            console,
            parse.GetValue(hostname)!,
            parse.GetValue(port),
            Split(parse.GetValue(seedNodes)),
            Split(parse.GetValue(roles)) is { Count: > 0 } given ? given : [MecCluster.WorkerRole],
            parse.GetValue(allowWildcard),
            parse.GetValue(readyFile),
            parse.GetValue(verbose),
            cancellationToken)));
        return command;
    }

    private static IReadOnlyList<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    private static async Task<int> RunAsync(
        CliConsole console,
        string hostname,
        int port,
        IReadOnlyList<string> seedNodes,
        IReadOnlyList<string> roles,
        bool allowWildcard,
        string? readyFile,
        bool verbose,
        CancellationToken cancellationToken)
    {
        using var logger = CliLogging.Create(console, verbose);
        var log = logger.ForContext(CliLogging.SourceProperty, "mec node");
        var system = ClusterMember.Create(hostname, port, seedNodes, roles, allowWildcard, verbose, logger);
        var cluster = Akka.Cluster.Cluster.Get(system);

        // SIGTERM and Ctrl-C leave the cluster gracefully: shards and the singleton hand over before the process ends.
        void Leave(PosixSignalContext context)
        {
            context.Cancel = true;
            log.Information("Leaving the cluster ({Signal})", context.Signal);
            _ = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Leave);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Leave);
        await using var cancel = cancellationToken.Register(() => CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance));

        if (seedNodes.Count == 0)
        {
            cluster.Join(cluster.SelfAddress);
        }

        if (roles.Contains(MecCluster.WorkerRole))
        {
            MecCluster.StartWorker(system);
        }

        try
        {
            await MecCluster.WhenUp(system, JoinTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            log.Error("Could not join the cluster at {Seeds} within {Timeout}", string.Join(", ", seedNodes), JoinTimeout);
            await MecActorSystem.TerminateAsync(system, log).ConfigureAwait(false);
            return ExitCodes.InternalError;
        }

        log.Information("Node {Address} is up, roles {Roles}", cluster.SelfAddress, string.Join(", ", roles));
        if (readyFile is not null)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(readyFile))!;
            ResultsWriter.WriteFilesAtomically(directory, [new(Path.GetFileName(readyFile), System.Text.Encoding.UTF8.GetBytes(cluster.SelfAddress + "\n"))]);
        }

        await system.WhenTerminated.ConfigureAwait(false);
        log.Information("Node {Address} stopped", cluster.SelfAddress);
        return ExitCodes.Success;
    }
}
