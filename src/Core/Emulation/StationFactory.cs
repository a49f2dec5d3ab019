using MecActors.Core.Decisions;
using MecActors.Core.Queueing;

namespace MecActors.Core.Emulation;

/// <summary>The queue behind each resource of a scenario, with the scenario's disciplines.</summary>
public static class StationFactory
{
    public static IStation Create(SystemView system, ResourceRef resource)
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
                var hops = system.Topology.Hops(resource.A, resource.B);
                var stations = new IStation[hops];
                for (var h = 0; h < hops; h++)
                {
                    stations[h] = Stations.ForLink(disciplines.Fiber, scenario.Network.FiberRateBps);
                }

                return hops == 1 ? stations[0] : new TandemStation(stations);
            case ResourceKind.Backhaul:
                return Stations.ForLink(disciplines.Backhaul, scenario.Network.BackhaulRateBps);
            case ResourceKind.EdgeCompute:
                var edge = scenario.Edges[resource.A];
                return Stations.ForCompute(disciplines.Edge, edge.CapacityHz, edge.Cores);
            default:
                throw new ArgumentOutOfRangeException(nameof(resource));
        }
    }
}
