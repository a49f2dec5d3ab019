using MecActors.Core.Decisions;
using MecActors.Core.Queueing;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Emulation;

/// <summary>
/// The resources a scenario has, and the station behind each, with the scenario's disciplines: every cell's
/// radio, every edge's processor and backhaul, every physical fiber link in both directions; with device compute,
/// every device's processor and every cell's downlink (also when results are returned); with a cloud, every
/// edge's link up to it and its processor.
/// </summary>
public static class SystemResources
{
    /// <summary>Every resource of the system, in a fixed order (cell by cell).</summary>
    public static IReadOnlyList<ResourceRef> Of(SystemView system)
    {
        var resources = new List<ResourceRef>();
        for (var n = 0; n < system.Scenario.EdgeCount; n++)
        {
            resources.AddRange(OfCell(system, n));
        }

        return resources;
    }

    /// <summary>
    /// The resources one cell holds: its radio (and downlink), its edge's processor and backhaul (and link to the
    /// cloud), the fiber links leaving it, the processors of its devices; cell 0 also holds the cloud's processor.
    /// </summary>
    public static IReadOnlyList<ResourceRef> OfCell(SystemView system, int edge)
    {
        var scenario = system.Scenario;
        var resources = new List<ResourceRef> { ResourceRef.Wireless(edge), ResourceRef.EdgeCompute(edge), ResourceRef.Backhaul(edge) };
        foreach (var m in system.Topology.NeighboursOf(edge))
        {
            resources.Add(ResourceRef.Fiber(edge, m));
        }

        if (scenario.HasDownlink)
        {
            resources.Add(ResourceRef.Downlink(edge));
        }

        if (scenario.Cloud is not null)
        {
            resources.Add(ResourceRef.CloudUplink(edge));
            if (edge == 0)
            {
                resources.Add(ResourceRef.CloudCompute());
            }
        }

        if (scenario.DeviceCompute is not null)
        {
            for (var u = 0; u < scenario.DeviceCount; u++)
            {
                if (scenario.LocalEdgeOf(u) == edge)
                {
                    resources.Add(ResourceRef.DeviceCompute(u));
                }
            }
        }

        return resources;
    }

    /// <summary>The cell whose actors hold <paramref name="resource"/>.</summary>
    public static int CellOf(ScenarioSpec scenario, ResourceRef resource) => resource.Kind switch
    {
        ResourceKind.DeviceCompute or ResourceKind.Transmitter => scenario.LocalEdgeOf(resource.A),
        ResourceKind.CloudCompute => 0,
        _ => resource.A,
    };

    public static ResourceNode Create(SystemView system, ResourceRef resource) =>
        new(resource, Station(system, resource), system.Scenario.Models.Count, EnergyOf(system.Scenario, resource), system.Scenario.OnDeadline == DeadlineMode.Drop);

    /// <summary>What work at a resource costs the device in energy, when the scenario models it.</summary>
    public static EnergyRate EnergyOf(ScenarioSpec scenario, ResourceRef resource)
    {
        if (scenario.DeviceCompute is not { } compute)
        {
            return EnergyRate.None;
        }

        return resource.Kind switch
        {
            // kappa f^2 joules per cycle at the per-core frequency f.
            ResourceKind.DeviceCompute => new EnergyRate(compute.Kappa * Math.Pow(compute.CapacityHz / compute.Cores, 2), 0.0),

            // P_u for every second the device transmits.
            ResourceKind.Wireless => new EnergyRate(0.0, scenario.Radio.TxPowerW),
            _ => EnergyRate.None,
        };
    }

    public static IStation Station(SystemView system, ResourceRef resource)
    {
        var scenario = system.Scenario;
        var disciplines = scenario.Disciplines;
        switch (resource.Kind)
        {
            case ResourceKind.Wireless:
                // The band B_n of the cell; under the dedicated discipline each device gets B_u = B_n / U_n.
                return Stations.ForLink(disciplines.Wireless, scenario.Edges[resource.A].BandwidthHz, 1.0 / Math.Max(1, scenario.DevicesInCell(resource.A)));
            case ResourceKind.Downlink:
                return Stations.ForLink(disciplines.Downlink, scenario.Edges[resource.A].BandwidthHz, 1.0 / Math.Max(1, scenario.DevicesInCell(resource.A)));
            case ResourceKind.Fiber:
                return Stations.ForLink(disciplines.Fiber, scenario.Network.FiberRateBps);
            case ResourceKind.Backhaul:
                return Stations.ForLink(disciplines.Backhaul, scenario.Network.BackhaulRateBps);
            case ResourceKind.EdgeCompute:
                var edge = scenario.Edges[resource.A];
                return Stations.ForCompute(disciplines.Edge, edge.CapacityHz, edge.Cores);
            case ResourceKind.DeviceCompute when scenario.DeviceCompute is { } device:
                return Stations.ForCompute(disciplines.Device, device.CapacityHz, device.Cores);
            case ResourceKind.CloudUplink when scenario.Cloud is { } cloud:
                return Stations.ForLink(disciplines.CloudUplink, cloud.UplinkRateBps);
            case ResourceKind.CloudCompute when scenario.Cloud is { } cloud:
                return Stations.ForCompute(disciplines.Cloud, cloud.CapacityHz, cloud.Cores);
            default:
                throw new ArgumentOutOfRangeException(nameof(resource), resource, "this scenario has no such resource");
        }
    }
}

/// <summary>The device energy a stage costs: joules per unit of work, and watts while in service.</summary>
public readonly record struct EnergyRate(double PerWork, double PerServiceSecond)
{
    public static readonly EnergyRate None = new(0.0, 0.0);
}
