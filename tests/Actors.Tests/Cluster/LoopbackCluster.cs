using Akka.Actor;
using Akka.Configuration;
using MecActors.Actors.Cluster;

namespace MecActors.Actors.Tests.Cluster;

/// <summary>
/// Worker nodes as separate actor systems in the test process, on free loopback ports, talking over TCP as
/// separate processes would. The first is the seed; all of them host cells and a singleton candidate.
/// </summary>
internal sealed class LoopbackCluster : IAsyncDisposable
{
    /// <summary>
    /// Settings every member of a test cluster runs with, on top of the member's own. Every message between members
    /// crosses TCP through the serializers. serialize-messages and serialize-creators (which would also serialize
    /// messages within a member) stay off: Akka.Cluster's daemons are created from props holding the cluster
    /// extension, and the singleton's and sharding's local hand-shakes do not survive a round trip. The protocol's
    /// own local traffic is covered by the single-process tests under serialize-messages (Serialization/). A member
    /// leaves only when told to (<c>LeaveAsync</c>); terminating its actor system is a crash.
    /// </summary>
    public static Config TestSettings { get; } = ConfigurationFactory.ParseString(
        """
        akka.loglevel = WARNING
        akka.log-dead-letters-during-shutdown = off
        akka.cluster.split-brain-resolver.stable-after = 3s
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 3s
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        # Terminating a member is its process dying: no leaving; the others find out by the failure detector.
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.cluster.shutdown-after-unsuccessful-join-seed-nodes = 30s
        """);

    private LoopbackCluster(List<ActorSystem> workers) => Workers = workers;

    public List<ActorSystem> Workers { get; }

    public Address SeedAddress => Akka.Cluster.Cluster.Get(Workers[0]).SelfAddress;

    public static Config MemberConfig(string role, IReadOnlyList<string> seeds) =>
        TestSettings.WithFallback(MecClusterConfig.For("127.0.0.1", 0, seeds, [role]));

    /// <summary>Starts <paramref name="nodes"/> workers and waits until each is Up.</summary>
    public static async Task<LoopbackCluster> StartAsync(int nodes)
    {
        var workers = new List<ActorSystem>();
        try
        {
            var seed = ActorSystem.Create(MecClusterConfig.SystemName, MemberConfig(MecCluster.WorkerRole, []));
            workers.Add(seed);
            var seedAddress = Akka.Cluster.Cluster.Get(seed).SelfAddress;
            Akka.Cluster.Cluster.Get(seed).Join(seedAddress);
            MecCluster.StartWorker(seed);
            for (var i = 1; i < nodes; i++)
            {
                var worker = ActorSystem.Create(MecClusterConfig.SystemName, MemberConfig(MecCluster.WorkerRole, [seedAddress.ToString()]));
                workers.Add(worker);
                MecCluster.StartWorker(worker);
            }

            await Task.WhenAll(workers.Select(w => MecCluster.WhenUp(w, TimeSpan.FromSeconds(30))));
            return new LoopbackCluster(workers);
        }
        catch
        {
            await Task.WhenAll(workers.Select(w => w.Terminate()));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The workers leave in reverse order of joining, so the seed (holding the singleton) goes last.
        for (var i = Workers.Count - 1; i >= 0; i--)
        {
            if (!Workers[i].WhenTerminated.IsCompleted)
            {
                await Workers[i].Terminate().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }
}
