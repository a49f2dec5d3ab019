using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;

namespace MecActors.Actors.Cluster;

/// <summary>
/// The resolver inside one cell: the cell's own resources and devices directly; a batch for another cell's resource
/// through this cell (which relays it per node), a finished task of another cell's device through that device's cell.
/// </summary>
internal sealed class CellDirectory(ScenarioSpec scenario, int edge, IActorRef cell) : ResourceDirectory
{
    private readonly Dictionary<ResourceRef, IActorRef> _resources = new();
    private readonly Dictionary<int, IActorRef> _devices = new();
    private IActorRef[] _cells = [];

    public IActorRef this[ResourceRef resource] => _resources[resource];

    public void Add(ResourceRef resource, IActorRef actor) => _resources.Add(resource, actor);

    public void AddDevice(int device, IActorRef actor) => _devices.Add(device, actor);

    public void Connect(IActorRef[] cells) => _cells = cells;

    public bool IsRemote(ResourceRef resource) => SystemResources.CellOf(scenario, resource) != edge;

    public override void ToResource(ResourceRef resource, object message, IActorRef sender)
    {
        if (!IsRemote(resource))
        {
            _resources[resource].Tell(message, sender);
        }
        else
        {
            cell.Tell(new Outbound(resource, (TaskCommands.TransitBatch)message), sender);
        }
    }

    public override void ToDevice(int device, object message, IActorRef sender)
    {
        if (_devices.TryGetValue(device, out var actor))
        {
            actor.Tell(message, sender);
        }
        else
        {
            _cells[scenario.LocalEdgeOf(device)].Tell(new CellCommands.ToDevice(device, (TaskEvents.TaskFinished)message), sender);
        }
    }

    /// <summary>A resource of this cell to the cell: a batch for a resource of another cell.</summary>
    internal sealed record Outbound(ResourceRef To, TaskCommands.TransitBatch Batch);
}
