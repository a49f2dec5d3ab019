using MecActors.Core.Metrics;

namespace MecActors.Cli.Experiments;

/// <summary>One policy's metrics over its replications (every seed and evaluation episode), in <see cref="SummaryMetrics"/> order.</summary>
internal sealed record PolicyStatistics(string Name, int N, IReadOnlyList<SampleStatistics> Metrics)
{
    public SampleStatistics this[string metric] => Metrics[SummaryMetrics.IndexOf(metric)];

    /// <param name="runs">The policy's run summaries, one per replication.</param>
    public static PolicyStatistics Of(string name, IReadOnlyList<PolicySummary> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var metrics = new SampleStatistics[SummaryMetrics.All.Count];
        var values = new double[runs.Count];
        for (var m = 0; m < metrics.Length; m++)
        {
            for (var r = 0; r < runs.Count; r++)
            {
                values[r] = SummaryMetrics.All[m].Of(runs[r]);
            }

            metrics[m] = SampleStatistics.Of(values);
        }

        return new PolicyStatistics(name, runs.Count, metrics);
    }
}
