using Akka.Actor;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>
/// The actors of one emulated system, spawned under the coordinator: one <see cref="ResourceActor"/> per resource
/// of the scenario, the devices, and the metrics; the directory resolves resources and devices for all of them.
/// </summary>
public sealed record EmulationTopology(LocalDirectory Directory, IActorRef[] Devices, IActorRef[] Edges, IActorRef Metrics)
{
    public static EmulationTopology Spawn(IUntypedActorContext context, SystemView system, int seed, IActorRef coordinator)
    {
        var scenario = system.Scenario;
        var directory = new LocalDirectory(scenario.DeviceCount);
        foreach (var resource in SystemResources.Of(system))
        {
            directory.Add(resource, context.ActorOf(ResourceActor.Props(system, resource, directory, coordinator), resource.ToString()));
        }

        var devices = new IActorRef[scenario.DeviceCount];
        for (var u = 0; u < devices.Length; u++)
        {
            devices[u] = context.ActorOf(DeviceActor.Props(scenario, u, seed, directory, coordinator), $"device-{u}");
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
