using Akka.Actor;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>
/// The actors of one emulated system, spawned under the coordinator: one resource actor per resource of the
/// scenario (a <see cref="ResourceActor"/> in virtual time, or what <paramref name="resourceProps"/> makes, e.g. the
/// realtime one), the devices, and the metrics; the directory resolves resources and devices for all of them.
/// </summary>
public sealed record EmulationTopology(LocalDirectory Directory, IActorRef[] Devices, IActorRef[] Edges, IActorRef Metrics)
{
    public static EmulationTopology Spawn(
        IUntypedActorContext context, SystemView system, int seed, IActorRef coordinator, Func<ResourceRef, LocalDirectory, Props>? resourceProps = null)
    {
        var scenario = system.Scenario;
        var directory = new LocalDirectory(scenario.DeviceCount);
        resourceProps ??= (resource, d) => ResourceActor.Props(system, resource, d, coordinator);
        foreach (var resource in SystemResources.Of(system))
        {
            directory.Add(resource, context.ActorOf(resourceProps(resource, directory), resource.ToString()));
        }

        var devices = new IActorRef[scenario.DeviceCount];
        for (var u = 0; u < devices.Length; u++)
        {
            devices[u] = context.ActorOf(DeviceActor.Props(scenario, u, seed, directory, coordinator), DeviceActor.NameOf(u));
            directory.AddDevice(u, devices[u]);
        }

        var edges = new IActorRef[scenario.EdgeCount];
        for (var n = 0; n < edges.Length; n++)
        {
            edges[n] = directory[ResourceRef.EdgeCompute(n)];
        }

        var metrics = context.ActorOf(MetricsActor.Props(), "metrics");
        return new EmulationTopology(directory, devices, edges, metrics);
    }
}
