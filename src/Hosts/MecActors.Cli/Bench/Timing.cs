using System.Diagnostics;

namespace MecActors.Cli.Bench;

/// <summary>Stopwatch timing and the median of repeated samples.</summary>
internal static class Timing
{
    /// <summary>Collects garbage left by earlier work so that it is not charged to the next timed section.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static double Seconds(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The processor time of the whole process so far, every thread (the GC's and the JIT's included): over a timed
    /// section against its wall time, how many cores the section kept busy.
    /// </summary>
    public static double ProcessorSeconds() => Environment.CpuUsage.TotalTime.TotalSeconds;

    public static double Median(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }

        var sorted = samples.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
