using MecActors.Core.Decisions;
using MecActors.Core.Queueing;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Emulation;

/// <summary>
/// The resources a scenario has, and the station behind each, with the scenario's disciplines: every cell's
/// radio (or, when devices send in turn, every device's transmitter), every edge's processor and backhaul, every
/// physical fiber link in both directions; with device compute, every device's processor and every cell's downlink
/// (also when results are returned); with a cloud, every edge's link up to it and its processor.
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
    /// The resources one cell holds: its radio or its devices' transmitters (and downlink), its edge's processor and
    /// backhaul (and link to the cloud), the fiber links leaving it, the processors of its devices; cell 0 also holds
    /// the cloud's processor.
    /// </summary>
    public static IReadOnlyList<ResourceRef> OfCell(SystemView system, int edge)
    {
        var scenario = system.Scenario;
        var resources = new List<ResourceRef>();
        if (scenario.HasTransmitters)
        {
            for (var u = 0; u < scenario.DeviceCount; u++)
            {
                if (scenario.LocalEdgeOf(u) == edge)
                {
                    resources.Add(ResourceRef.Transmitter(u));
                }
            }
        }
        else
        {
            resources.Add(ResourceRef.Wireless(edge));
        }

        resources.Add(ResourceRef.EdgeCompute(edge));
        resources.Add(ResourceRef.Backhaul(edge));
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

    public static ResourceNode Create(SystemView system, ResourceRef resource)
    {
        var scenario = system.Scenario;
        return new(
            resource,
            Station(system, resource),
            scenario.Models.Count,
            TransmitPowerOf(scenario, resource),
            scenario.OnDeadline == DeadlineMode.Drop,
            scenario.SlotSeconds,
            scenario.Faults.For(resource, scenario));
    }

    /// <summary>
    /// The watts a device spends for every second its upload is in service here (P_u), when the scenario models energy;
    /// compute energy depends on the task's frequency, so each device compute stage carries its own (<see cref="Stage.Joules"/>).
    /// </summary>
    public static double TransmitPowerOf(ScenarioSpec scenario, ResourceRef resource) =>
        scenario.ReportsEnergy && resource.Kind is ResourceKind.Wireless or ResourceKind.Transmitter ? scenario.Radio.TxPowerW : 0.0;

    public static IStation Station(SystemView system, ResourceRef resource)
    {
        var scenario = system.Scenario;
        var disciplines = scenario.Disciplines;
        switch (resource.Kind)
        {
            case ResourceKind.Wireless:
                // The band B_n of the cell; under the dedicated discipline each device gets B_u = B_n / U_n.
                return Stations.ForLink(disciplines.Wireless, scenario.Edges[resource.A].BandwidthHz, 1.0 / Math.Max(1, scenario.DevicesInCell(resource.A)));
            case ResourceKind.Transmitter:
                // The band B_n of the device's cell; each upload's efficiency carries the device's share of it.
                return Stations.ForLink(disciplines.Wireless, scenario.Edges[scenario.LocalEdgeOf(resource.A)].BandwidthHz);
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
