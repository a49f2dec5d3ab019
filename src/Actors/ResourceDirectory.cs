using Akka.Actor;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>
/// The one resolver of a run: where a message for a resource or a device goes. Resources forward every job to the
/// resource of its next stage, and a finished task to its device, through it. Filled while the run's actors are
/// spawned, read-only from the run's start on.
/// </summary>
public abstract class ResourceDirectory
{
    public abstract void ToResource(ResourceRef resource, object message, IActorRef sender);

    public abstract void ToDevice(int device, object message, IActorRef sender);
}

/// <summary>Every actor of the run in one process.</summary>
public sealed class LocalDirectory : ResourceDirectory
{
    private readonly Dictionary<ResourceRef, IActorRef> _resources = new();
    private readonly IActorRef[] _devices;

    public LocalDirectory(int devices) => _devices = new IActorRef[devices];

    public IReadOnlyDictionary<ResourceRef, IActorRef> Resources => _resources;

    public IActorRef this[ResourceRef resource] => _resources[resource];

    public void Add(ResourceRef resource, IActorRef actor) => _resources.Add(resource, actor);

    public void AddDevice(int device, IActorRef actor) => _devices[device] = actor;

    public IActorRef Device(int device) => _devices[device];

    public override void ToResource(ResourceRef resource, object message, IActorRef sender) => _resources[resource].Tell(message, sender);

    public override void ToDevice(int device, object message, IActorRef sender) => _devices[device].Tell(message, sender);
}
