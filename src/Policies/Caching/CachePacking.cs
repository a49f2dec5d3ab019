using MecActors.Core.Scenarios;

namespace MecActors.Policies.Caching;

/// <summary>
/// Fills one edge's storage with models taken in a given order, skipping a model that does not fit and
/// continuing with the next, so the cached set always satisfies constraint C3 (total size &lt;= S_n).
/// </summary>
internal static class CachePacking
{
    /// <summary>Storage of <paramref name="edge"/> in bits (scenario storage is in bytes).</summary>
    public static double CapacityBits(ScenarioSpec scenario, int edge) => scenario.Edges[edge].StorageBytes * 8.0;

    public static bool[] Fill(IEnumerable<int> order, double capacityBits, ScenarioSpec scenario)
    {
        var models = scenario.Models;
        var cached = new bool[models.Count];
        var used = 0.0;
        foreach (var m in order)
        {
            var size = models[m].SizeBits;
            if (cached[m] || used + size > capacityBits)
            {
                continue;
            }

            cached[m] = true;
            used += size;
        }

        return cached;
    }
}
