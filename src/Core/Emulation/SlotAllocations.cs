using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>
/// A slot's allocations made whole: under the <c>allocated</c> radio every task carries its device's share of the
/// cell's band, under the <c>allocated</c> edge its share of the edge. Shares a policy sets are kept and checked (one
/// share per device; a cell's or an edge's shares add up to at most 1); what they leave is split equally among the
/// devices (tasks) that set none.
/// </summary>
public static class SlotAllocations
{
    private const double Tolerance = 1e-9;

    public static OffloadDecision[] Resolve(ScenarioSpec scenario, IReadOnlyList<TaskRequest> tasks, OffloadDecision[] actions)
    {
        var bands = scenario.Disciplines.Wireless == LinkDiscipline.Allocated;
        var edges = scenario.Disciplines.Edge == ComputeDiscipline.Allocated;
        if (!bands && !edges)
        {
            return actions;
        }

        var resolved = (OffloadDecision[])actions.Clone();
        if (bands)
        {
            ResolveBands(scenario, tasks, resolved);
        }

        if (edges)
        {
            ResolveEdges(scenario, tasks, resolved);
        }

        return resolved;
    }

    private static void ResolveBands(ScenarioSpec scenario, IReadOnlyList<TaskRequest> tasks, OffloadDecision[] decisions)
    {
        var share = new Dictionary<int, double?>();
        for (var i = 0; i < tasks.Count; i++)
        {
            var device = tasks[i].Device;
            if (share.TryGetValue(device, out var earlier) && earlier != decisions[i].BandShare)
            {
                throw new InvalidOperationException(
                    $"slot {tasks[i].Slot}: device {device}'s tasks ask for different band shares ({Describe(earlier)} and {Describe(decisions[i].BandShare)}); a device has one share a slot");
            }

            share[device] = decisions[i].BandShare;
        }

        var set = new double[scenario.EdgeCount];
        var unset = new int[scenario.EdgeCount];
        foreach (var (device, value) in share)
        {
            var cell = scenario.LocalEdgeOf(device);
            if (value is { } v)
            {
                set[cell] += v;
            }
            else
            {
                unset[cell]++;
            }
        }

        for (var cell = 0; cell < set.Length; cell++)
        {
            if (set[cell] > 1 + Tolerance)
            {
                throw new InvalidOperationException($"slot {tasks[0].Slot}: the band shares of cell {cell} add up to {set[cell]}, more than the whole band");
            }
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            if (decisions[i].BandShare is null)
            {
                var cell = tasks[i].LocalEdge;
                decisions[i] = decisions[i] with { BandShare = LeftOver(set[cell], unset[cell], $"slot {tasks[i].Slot}: cell {cell}'s band") };
            }
        }
    }

    private static void ResolveEdges(ScenarioSpec scenario, IReadOnlyList<TaskRequest> tasks, OffloadDecision[] decisions)
    {
        var set = new double[scenario.EdgeCount];
        var unset = new int[scenario.EdgeCount];
        for (var i = 0; i < tasks.Count; i++)
        {
            if (!decisions[i].ComputesAtEdge)
            {
                continue;
            }

            var edge = decisions[i].TargetEdge;
            if (decisions[i].EdgeShare is { } v)
            {
                set[edge] += v;
            }
            else
            {
                unset[edge]++;
            }
        }

        for (var edge = 0; edge < set.Length; edge++)
        {
            if (set[edge] > 1 + Tolerance)
            {
                throw new InvalidOperationException($"slot {tasks[0].Slot}: the shares of edge {edge} add up to {set[edge]}, more than its capacity");
            }
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            if (decisions[i].EdgeShare is null && decisions[i].ComputesAtEdge)
            {
                var edge = decisions[i].TargetEdge;
                decisions[i] = decisions[i] with { EdgeShare = LeftOver(set[edge], unset[edge], $"slot {tasks[i].Slot}: edge {edge}") };
            }
        }
    }

    /// <summary>What the set shares leave, split equally among the <paramref name="takers"/> that set none.</summary>
    private static double LeftOver(double set, int takers, string what)
    {
        var left = (1.0 - set) / takers;
        return left > 0
            ? left
            : throw new InvalidOperationException($"{what}: the shares set take it all, leaving nothing for {takers} tasks that set none");
    }

    private static string Describe(double? share) => share is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unset";
}
