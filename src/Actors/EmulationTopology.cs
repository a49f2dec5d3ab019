using Akka.Actor;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>
/// The actors of one emulated system, spawned under the coordinator in dependency order so that every
/// actor knows its downstream neighbours from birth: edges, fiber paths, radio links, backhauls, cloud, devices.
/// </summary>
public sealed record EmulationTopology(
    IActorRef[] Devices,
    IActorRef[] Radios,
    IActorRef[] Edges,
    IActorRef Cloud,
    IActorRef Metrics,
    int ResourceCount)
{
    public static EmulationTopology Spawn(IUntypedActorContext context, SystemView system, int seed, IActorRef coordinator)
    {
        var scenario = system.Scenario;
        var n = scenario.EdgeCount;
        var edges = new IActorRef[n];
        for (var e = 0; e < n; e++)
        {
            // Its own radio link, a fiber path from every other edge, and its backhaul.
            edges[e] = context.ActorOf(EdgeServerActor.Props(system, e, n + 1, coordinator), $"edge-{e}");
        }

        var fibers = new Dictionary<(int, int), IActorRef>();
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (a != b)
                {
                    var downstream = new Dictionary<ResourceRef, IActorRef> { [ResourceRef.EdgeCompute(b)] = edges[b] };
                    fibers[(a, b)] = context.ActorOf(LinkActor.Props(system, ResourceRef.Fiber(a, b), downstream, coordinator, uploadsPerWave: false), $"fiber-{a}-{b}");
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

            radios[e] = context.ActorOf(LinkActor.Props(system, ResourceRef.Wireless(e), downstream, coordinator, uploadsPerWave: true), $"radio-{e}");
            backhauls[e] = context.ActorOf(BackhaulActor.Props(system, e, edges[e], coordinator), $"backhaul-{e}");
        }

        var cloud = context.ActorOf(CloudActor.Props(backhauls), "cloud");
        var devices = new IActorRef[scenario.DeviceCount];
        for (var u = 0; u < devices.Length; u++)
        {
            devices[u] = context.ActorOf(DeviceActor.Props(scenario, u, seed, radios[scenario.LocalEdgeOf(u)], coordinator), $"device-{u}");
        }

        var metrics = context.ActorOf(MetricsActor.Props(), "metrics");
        var resources = n + n * (n - 1) + n + n;
        return new EmulationTopology(devices, radios, edges, cloud, metrics, resources);
    }
}
