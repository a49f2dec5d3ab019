using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using MecActors.Actors.Protocol;

namespace MecActors.Actors.Cluster;

/// <summary>
/// Cells as sharded entities: entity "run.generation.edge", one shard per edge index (modulo <see cref="Shards"/>), so
/// a cell's shard and node do not depend on the run, and the allocation spreads the edges of a run over the nodes.
/// A leaving node's region tells its cells <see cref="CellCommands.HandOff"/> and waits for them to stop.
/// </summary>
public static class CellSharding
{
    public const string TypeName = "cell";

    /// <summary>Upper bound on shards; 100 edges get a shard each.</summary>
    public const int Shards = 100;

    public static IActorRef Start(ActorSystem system, string role) =>
        ClusterSharding.Get(system).Start(
            TypeName,
            entityId => CellActor.Props(EdgeOf(entityId)),
            ClusterShardingSettings.Create(system).WithRole(role),
            new CellMessageExtractor(),
            ClusterSharding.Get(system).DefaultShardAllocationStrategy(ClusterShardingSettings.Create(system)),
            CellCommands.HandOff.Instance);

    private static int EdgeOf(string entityId) =>
        int.Parse(entityId.AsSpan(entityId.LastIndexOf('.') + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    private sealed class CellMessageExtractor : IMessageExtractor
    {
        public string? EntityId(object message) => (message as CellCommands.Envelope)?.EntityId;

        public object? EntityMessage(object message) => (message as CellCommands.Envelope)?.Message;

        public string? ShardId(object message) =>
            message is CellCommands.Envelope envelope ? (envelope.Edge % Shards).ToString(CultureInfo.InvariantCulture) : null;

        public string ShardId(string entityId, object? messageHint = null) =>
            (EdgeOf(entityId) % Shards).ToString(CultureInfo.InvariantCulture);
    }
}
