using Akka.Actor;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Realtime;

/// <summary>
/// The actors of one system under the realtime clock, spawned under the realtime coordinator: one
/// <see cref="RealtimeResourceActor"/> per resource, the unchanged <see cref="DeviceActor"/>s, and the metrics.
/// </summary>
internal sealed record RealtimeTopology(LocalDirectory Directory, IActorRef[] Devices, IActorRef[] Edges, IActorRef Metrics)
{
    public static RealtimeTopology Spawn(IUntypedActorContext context, SystemView system, RealtimeClock clock, int seed, IActorRef coordinator)
    {
        var scenario = system.Scenario;
        var directory = new LocalDirectory(scenario.DeviceCount);
        foreach (var resource in SystemResources.Of(system))
        {
            directory.Add(resource, context.ActorOf(RealtimeResourceActor.Props(system, clock, resource, directory), resource.ToString()));
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
        return new RealtimeTopology(directory, devices, edges, metrics);
    }
}
