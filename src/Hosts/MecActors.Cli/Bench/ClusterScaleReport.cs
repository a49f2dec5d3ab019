using System.Globalization;

namespace MecActors.Cli.Bench;

/// <summary>Prints a <see cref="ClusterScaleResult"/>.</summary>
internal static class ClusterScaleReport
{
    private const double MiB = 1024.0 * 1024.0;

    public static void Print(ClusterScaleResult r, TextWriter output)
    {
        output.WriteLine(
            $"scale on a cluster: scenario {r.Scenario} with U = {BenchReport.Count(r.Devices)} devices, N = {BenchReport.Count(r.Edges)} edges, "
            + $"policy {r.Policy}, seed {r.Seed}, {BenchReport.Count(r.Slots)} slots, median of {r.Repeat}, {r.Workers} worker nodes (seed {r.SeedNode})");
        output.WriteLine($"  slots/s                                  {BenchReport.Rate(r.SlotsPerSecond)}");
        output.WriteLine($"  tasks/s                                  {BenchReport.Rate(r.TasksPerSecond)}");
        output.WriteLine($"  protocol msgs/s (count as in 1 process)  {BenchReport.Rate(r.ProtocolMessagesPerSecond)}  ({BenchReport.Count(r.ProtocolMessagesPerRun)} per run, plus {BenchReport.Count(r.CellMessagesPerRun)} coordinator-cell messages)");
        output.WriteLine($"  run s / setup s (median)                 {Seconds(r.RunSecondsMedian)} / {Seconds(r.SetupSecondsMedian)}");
        output.WriteLine($"  raw Akka remote msgs/s                   {BenchReport.Rate(r.RemoteMessagesPerSecond)}  ({BenchReport.Count(r.RemoteRoundTrips)} Identify round trips, pipelined, same run)");
        output.WriteLine($"  submitter peak working set MiB           {(r.SubmitterPeakWorkingSet / MiB).ToString("N1", CultureInfo.InvariantCulture)}");
        output.WriteLine($"ratio: protocol msgs/s / raw remote msgs/s = {r.MessageRateRatio.ToString("0.00", CultureInfo.InvariantCulture)}");
        output.WriteLine($"{BenchReport.Count(r.Tasks)} tasks ({BenchReport.Count(r.ExecutedTasks)} executed)");
        foreach (var warning in r.Warnings)
        {
            output.WriteLine($"  warning: {warning}");
        }
    }

    private static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
