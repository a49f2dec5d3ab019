using Akka.Actor;
using MecActors.Actors.Cluster;
using System.Globalization;
using MecActors.Cli.Commands;
using MecActors.Cli.Output;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;

namespace MecActors.Cli.Hosting;

/// <summary>The process of <c>mec run|compare --cluster</c>: a member with the submitter role that joins, submits and leaves.</summary>
internal static class Submitter
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Joining, leaving and connection chatter is the nodes' business; the submitter's stderr keeps mec's own lines.</summary>
    private const string QuietAkka = "akka.loglevel = WARNING";

    /// <exception cref="BadInputException">The seed address is not one.</exception>
    /// <exception cref="InvalidOperationException">The cluster could not be joined in time.</exception>
    public static async Task<ActorSystem> JoinAsync(string seed, bool verbose, Serilog.ILogger logger, Serilog.ILogger log)
    {
        var system = ClusterMember.Create("127.0.0.1", 0, [seed], [MecCluster.SubmitterRole], allowWildcard: false, verbose, logger, QuietAkka);
        try
        {
            await MecCluster.WhenUp(system, JoinTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await MecActorSystem.TerminateAsync(system, log).ConfigureAwait(false);
            throw new InvalidOperationException($"could not join the cluster at {seed} within {JoinTimeout.TotalSeconds:0} s; is a node running there (scripts/cluster-up.sh)?");
        }

        log.Information("Joined the cluster at {Seed} as {Address}", seed, Akka.Cluster.Cluster.Get(system).SelfAddress);
        return system;
    }

    /// <summary>A generous budget for one run: a minute, plus a second per slot per 1,000 devices.</summary>
    public static TimeSpan RunTimeout(ScenarioSpec scenario, int slots) =>
        TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(slots * Math.Max(1.0, scenario.DeviceCount / 1000.0));

    /// <summary>The run's learning coordinator was lost and the next singleton took it over: what that cost, on stderr.</summary>
    public static void Report(CliConsole console, string policy, LearnerHandOver handOver) =>
        console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{policy}: learner hand-over: the learning coordinator was lost after slot {handOver.LostAfterSlot}; {handOver.NewNode} took the run over {handOver.HandOverTime.TotalSeconds:F1} s after that slot closed; {Resumed(handOver)}"));

    private static string Resumed(LearnerHandOver handOver) =>
        handOver.ReemulatedSlots is { } reemulated
            ? $"resumed from the checkpoint of slot {handOver.CheckpointSlot}: slots {reemulated} emulated again with their logged decisions, slots {handOver.ReplayedSlots ?? "none"} decided again"
            : $"no checkpoint ({handOver.NoCheckpoint}): slots {handOver.ReplayedSlots ?? "none"} replayed";

    /// <summary>Leaves the cluster gracefully, so the workers do not treat the submitter's exit as a failure.</summary>
    public static async Task LeaveAsync(ActorSystem system, Serilog.ILogger log)
    {
        try
        {
            await Akka.Cluster.Cluster.Get(system).LeaveAsync().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            log.Warning("Leaving the cluster took longer than 15 s; stopping anyway");
        }
    }
}
