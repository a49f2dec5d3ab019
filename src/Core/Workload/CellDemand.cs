using MecActors.Core.Scenarios;

namespace MecActors.Core.Workload;

/// <summary>The evolving model popularity of every cell, and the per-cell request counts that drive it and the cache.</summary>
public sealed class CellDemand
{
    private readonly PopularityProcess[] _cells;
    private readonly int _models;

    public CellDemand(ScenarioSpec scenario, int seed)
    {
        _models = scenario.Models.Count;
        _cells = new PopularityProcess[scenario.EdgeCount];
        for (var n = 0; n < _cells.Length; n++)
        {
            _cells[n] = new PopularityProcess(n, _models, scenario.Workload, seed, scenario.Episode);
        }
    }

    public double[] PopularityOf(int edge) => _cells[edge].Current;

    /// <summary>Per edge, how often each model type was requested by the edge's own devices.</summary>
    public int[][] Count(IReadOnlyList<TaskRequest> tasks)
    {
        var counts = new int[_cells.Length][];
        for (var n = 0; n < counts.Length; n++)
        {
            counts[n] = new int[_models];
        }

        foreach (var task in tasks)
        {
            counts[task.LocalEdge][task.ModelId]++;
        }

        return counts;
    }

    /// <summary>Moves every cell's popularity with the slot's requests.</summary>
    public void Observe(int[][] counts)
    {
        for (var n = 0; n < _cells.Length; n++)
        {
            _cells[n].Observe(counts[n]);
        }
    }
}
