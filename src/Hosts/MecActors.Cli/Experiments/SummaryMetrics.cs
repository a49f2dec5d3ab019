using MecActors.Core.Metrics;

namespace MecActors.Cli.Experiments;

/// <summary>
/// A metric of one run's summary, named as in summary.json. An <paramref name="Optional"/> one exists only where the
/// scenario models it (device energy, an energy budget) and reads NaN elsewhere; replicated results and sweeps leave it
/// out where no run has it.
/// </summary>
internal sealed record SummaryMetric(string Name, Func<PolicySummary, double> Of, bool Optional = false);

/// <summary>
/// The metrics of summary.json's policy rows, in the contract's order (docs/architecture.md, "Results contract"), then
/// the optional ones of device energy and of the energy budget (paper 004).
/// </summary>
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
        new("avgEnergyJ", p => p.AvgEnergyJ ?? double.NaN, Optional: true),
        new("energyBudgetJ", p => p.EnergyBudget?.BudgetJ ?? double.NaN, Optional: true),
        new("energyBudgetViolations", p => p.EnergyBudget?.Violations ?? double.NaN, Optional: true),
        new("maxDeviceEnergyPerSlotJ", p => p.EnergyBudget?.MaxDeviceEnergyPerSlotJ ?? double.NaN, Optional: true),
        new("avgVirtualQueueJ", p => p.EnergyBudget?.AvgQueueJ ?? double.NaN, Optional: true),
        new("maxVirtualQueueJ", p => p.EnergyBudget?.MaxQueueJ ?? double.NaN, Optional: true),
        new("virtualQueuePerSlotAtEndJ", p => p.EnergyBudget?.QueuePerSlotAtEndJ ?? double.NaN, Optional: true),
    ];

    /// <summary>The indices in <see cref="All"/> of the metrics to report: every required one, an optional one where some value is a number.</summary>
    public static IReadOnlyList<int> Reported(IEnumerable<IReadOnlyList<double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = new bool[All.Count];
        foreach (var row in values)
        {
            for (var m = 0; m < All.Count; m++)
            {
                present[m] |= !All[m].Optional || !double.IsNaN(row[m]);
            }
        }

        return [.. Enumerable.Range(0, All.Count).Where(m => present[m] || !All[m].Optional)];
    }

    /// <summary><see cref="Reported(IEnumerable{IReadOnlyList{double}})"/> over the policies' means.</summary>
    public static IReadOnlyList<int> Reported(IEnumerable<PolicyStatistics> policies) =>
        Reported(policies.Select(p => (IReadOnlyList<double>)[.. p.Metrics.Select(s => s.Mean)]));

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
