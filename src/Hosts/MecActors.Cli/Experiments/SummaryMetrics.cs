using MecActors.Core.Metrics;

namespace MecActors.Cli.Experiments;

/// <summary>A metric of one run's summary, named as in summary.json.</summary>
internal sealed record SummaryMetric(string Name, Func<PolicySummary, double> Of);

/// <summary>The metrics of summary.json's policy rows, in the contract's order (docs/architecture.md, "Results contract").</summary>
internal static class SummaryMetrics
{
    public static IReadOnlyList<SummaryMetric> All { get; } =
    [
        new("avgDelayMs", p => p.AvgDelayMs),
        new("avgAccuracy", p => p.AvgAccuracy),
        new("objective", p => p.Objective),
        new("tasks", p => p.Tasks),
        new("completed", p => p.Completed),
        new("missedDeadline", p => p.MissedDeadline),
        new("dropped", p => p.Dropped),
        new("ssp", p => p.Ssp),
        new("throughputPerSlot", p => p.ThroughputPerSlot),
        new("cacheHitRate", p => p.CacheHitRate),
        new("avgTransmissionMs", p => p.AvgTransmissionMs),
        new("avgQueueingMs", p => p.AvgQueueingMs),
        new("avgDownloadMs", p => p.AvgDownloadMs),
        new("avgComputeMs", p => p.AvgComputeMs),
        new("successAccuracy", p => p.SuccessAccuracy),
    ];

    /// <summary>The index of <paramref name="name"/> in <see cref="All"/>.</summary>
    /// <exception cref="ArgumentException">No metric has that name.</exception>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"unknown metric '{name}'; known: {string.Join(", ", All.Select(m => m.Name))}", nameof(name));
    }
}
