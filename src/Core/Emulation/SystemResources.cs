using MecActors.Core.Decisions;
using MecActors.Core.Queueing;

namespace MecActors.Core.Emulation;

/// <summary>
/// The resources a scenario has, and the station behind each, with the scenario's disciplines: every cell's
/// radio, every edge's processor and backhaul, and every physical fiber link in both directions.
/// </summary>
public static class SystemResources
{
    /// <summary>Every resource of the system, in a fixed order.</summary>
    public static IReadOnlyList<ResourceRef> Of(SystemView system)
    {
        var scenario = system.Scenario;
        var resources = new List<ResourceRef>();
        for (var n = 0; n < scenario.EdgeCount; n++)
        {
            resources.Add(ResourceRef.Wireless(n));
            resources.Add(ResourceRef.EdgeCompute(n));
            resources.Add(ResourceRef.Backhaul(n));
            foreach (var m in system.Topology.NeighboursOf(n))
            {
                resources.Add(ResourceRef.Fiber(n, m));
            }
        }

        return resources;
    }

    /// <summary>The resources one cell holds: its radio, its edge's processor and backhaul, the fiber links leaving it.</summary>
    public static IReadOnlyList<ResourceRef> OfCell(SystemView system, int edge)
    {
        var resources = new List<ResourceRef> { ResourceRef.Wireless(edge), ResourceRef.EdgeCompute(edge), ResourceRef.Backhaul(edge) };
        foreach (var m in system.Topology.NeighboursOf(edge))
        {
            resources.Add(ResourceRef.Fiber(edge, m));
        }

        return resources;
    }

    /// <summary>The cell whose actors hold <paramref name="resource"/>.</summary>
    public static int CellOf(ResourceRef resource) => resource.A;

    public static ResourceNode Create(SystemView system, ResourceRef resource) =>
        new(resource, Station(system, resource), system.Scenario.Models.Count);

    public static IStation Station(SystemView system, ResourceRef resource)
    {
        var scenario = system.Scenario;
        var disciplines = scenario.Disciplines;
        switch (resource.Kind)
        {
            case ResourceKind.Wireless:
                // The band B_n of the cell; under the dedicated discipline each device gets B_u = B_n / U_n.
                var cellDevices = Math.Max(1, scenario.DevicesInCell(resource.A));
                return Stations.ForLink(disciplines.Wireless, scenario.Edges[resource.A].BandwidthHz, 1.0 / cellDevices);
            case ResourceKind.Fiber:
                return Stations.ForLink(disciplines.Fiber, scenario.Network.FiberRateBps);
            case ResourceKind.Backhaul:
                return Stations.ForLink(disciplines.Backhaul, scenario.Network.BackhaulRateBps);
            case ResourceKind.EdgeCompute:
                var edge = scenario.Edges[resource.A];
                return Stations.ForCompute(disciplines.Edge, edge.CapacityHz, edge.Cores);
            default:
                throw new ArgumentOutOfRangeException(nameof(resource), resource, "this scenario has no such resource");
        }
    }
}
