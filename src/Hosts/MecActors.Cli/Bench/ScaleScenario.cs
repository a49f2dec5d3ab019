using MecActors.Core.Network;
using MecActors.Core.Scenarios;

namespace MecActors.Cli.Bench;

/// <summary>
/// The scenario of <c>mec bench --scale</c>: U devices and N copies of the scenario's edge 0 (ids 0..N-1). The
/// topology keeps its kind for <c>line</c>, <c>ring</c> and <c>full-mesh</c> (a line of 100 edges has hop counts
/// up to 99); an explicit adjacency list describes a fixed number of edges and is replaced by a ring.
/// </summary>
internal static class ScaleScenario
{
    public static ScenarioSpec Build(ScenarioSpec scenario, int devices, int edges)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(edges, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(devices, edges);
        var template = scenario.Edges[0];
        var copies = new EdgeSpec[edges];
        for (var i = 0; i < edges; i++)
        {
            copies[i] = template with { Id = i };
        }

        var topology = scenario.Topology.Kind == TopologyKind.Adjacency
            ? new TopologySpec(TopologyKind.Ring)
            : new TopologySpec(scenario.Topology.Kind);
        return scenario with
        {
            // N copies of edge 0 share the devices evenly; a per-edge split of the original edges does not carry over.
            Devices = new DeviceSpec(
                devices, scenario.Devices.Assignment == DeviceAssignment.PerEdge ? DeviceAssignment.RoundRobin : scenario.Devices.Assignment),
            Edges = copies,
            Topology = topology,
        };
    }
}
