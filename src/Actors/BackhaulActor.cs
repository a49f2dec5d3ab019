using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>The link from the cloud down to one edge, carrying model downloads; one batch in and one out per wave.</summary>
public sealed class BackhaulActor : ReceiveActor
{
    private readonly BackhaulNode _node;
    private readonly IActorRef _edge;
    private readonly IActorRef _coordinator;
    private readonly List<ModelArrival> _arrivals = new();

    public BackhaulActor(SystemView system, int edge, IActorRef edgeServer, IActorRef coordinator)
    {
        _node = new BackhaulNode(system, edge);
        _edge = edgeServer;
        _coordinator = coordinator;
        Receive<ModelCommands.DownloadBatch>(OnDownloadBatch);
    }

    public static Props Props(SystemView system, int edge, IActorRef edgeServer, IActorRef coordinator) =>
        Akka.Actor.Props.Create(() => new BackhaulActor(system, edge, edgeServer, coordinator));

    private void OnDownloadBatch(ModelCommands.DownloadBatch batch)
    {
        foreach (var download in batch.Downloads)
        {
            _node.Request(download);
        }

        _arrivals.Clear();
        _node.Advance(batch.Horizon, _arrivals);
        _edge.Tell(new ModelEvents.ModelBatch(batch.Slot, batch.Horizon, _arrivals.ToArray()));
        _coordinator.Tell(new SlotEvents.HorizonReached(batch.Slot, ResourceRef.Backhaul(_node.Edge), 0));
    }
}
