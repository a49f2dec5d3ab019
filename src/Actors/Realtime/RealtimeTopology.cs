using Akka.Actor;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Realtime;

/// <summary>
/// The actors of one system under the realtime clock, spawned under the realtime coordinator: edges, fiber
/// paths, radio links, backhauls (the coordinator hands each backhaul its downloads, so no cloud actor), the
/// unchanged <see cref="DeviceActor"/>s uploading to their cell's realtime radio link, and the metrics.
/// </summary>
internal sealed record RealtimeTopology(
    IActorRef[] Devices,
    IActorRef[] Radios,
    IActorRef[] Edges,
    IActorRef[] Backhauls,
    IActorRef Metrics)
{
    public static RealtimeTopology Spawn(IUntypedActorContext context, SystemView system, RealtimeClock clock, int seed, IActorRef coordinator)
    {
        var scenario = system.Scenario;
        var n = scenario.EdgeCount;
        var edges = new IActorRef[n];
        for (var e = 0; e < n; e++)
        {
            edges[e] = context.ActorOf(RealtimeEdgeServerActor.Props(system, clock, e), $"edge-{e}");
        }

        var fibers = new Dictionary<(int, int), IActorRef>();
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (a != b)
                {
                    var downstream = new Dictionary<ResourceRef, IActorRef> { [ResourceRef.EdgeCompute(b)] = edges[b] };
                    fibers[(a, b)] = context.ActorOf(RealtimeLinkActor.Props(system, clock, ResourceRef.Fiber(a, b), downstream), $"fiber-{a}-{b}");
                }
            }
        }

        var radios = new IActorRef[n];
        var backhauls = new IActorRef[n];
        for (var e = 0; e < n; e++)
        {
            var downstream = new Dictionary<ResourceRef, IActorRef> { [ResourceRef.EdgeCompute(e)] = edges[e] };
            for (var b = 0; b < n; b++)
            {
                if (b != e)
                {
                    downstream[ResourceRef.Fiber(e, b)] = fibers[(e, b)];
                }
            }

            radios[e] = context.ActorOf(RealtimeLinkActor.Props(system, clock, ResourceRef.Wireless(e), downstream), $"radio-{e}");
            backhauls[e] = context.ActorOf(RealtimeBackhaulActor.Props(system, clock, edges[e]), $"backhaul-{e}");
        }

        var devices = new IActorRef[scenario.DeviceCount];
        for (var u = 0; u < devices.Length; u++)
        {
            devices[u] = context.ActorOf(DeviceActor.Props(scenario, u, seed, radios[scenario.LocalEdgeOf(u)], coordinator), $"device-{u}");
        }

        var metrics = context.ActorOf(MetricsActor.Props(), "metrics");
        return new RealtimeTopology(devices, radios, edges, backhauls, metrics);
    }
}
