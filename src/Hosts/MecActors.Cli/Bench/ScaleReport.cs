using System.Globalization;
using Spectre.Console;

namespace MecActors.Cli.Bench;

/// <summary>Prints a <see cref="ScaleResult"/> as a table and ratios, and writes it as JSON.</summary>
internal static class ScaleReport
{
    private const double MiB = 1024.0 * 1024.0;

    public static void Print(ScaleResult result, TextWriter output)
    {
        var console = BenchReport.ConsoleFor(output);

        output.WriteLine(
            $"scale: scenario {result.Scenario} with U = {Count(result.Devices)} devices, N = {Count(result.Edges)} edges "
            + $"(copies of edge 0), {result.Topology} topology, policy {result.Policy}, seed {result.Seed}, {Count(result.Slots)} slots, "
            + $"median of {result.Repeat}, {result.ProcessorCount} cores, {result.Runtime}, akka config: {result.AkkaConfig}");

        var e = result.Emulator;
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("figure"));
        table.AddColumn(new TableColumn("1 process").RightAligned());
        table.AddRow("slots/s", Rate(e.SlotsPerSecond));
        table.AddRow("tasks/s", Rate(e.TasksPerSecond));
        table.AddRow("msgs/s", Rate(e.MessagesPerSecond));
        table.AddRow("msgs/run (exact)", Count(e.MessagesPerRun));
        table.AddRow("msgs/slot", Count((e.MessagesPerRun - e.MessagesPerSetupRun) / Math.Max(1, result.Slots)));
        table.AddRow("run s / setup s (median)", $"{Seconds(e.RunSecondsMedian)} / {Seconds(e.SetupSecondsMedian)}");
        table.AddRow("processor s / run s (median)", $"{Seconds(e.RunProcessorSecondsMedian)} / {Seconds(e.RunSecondsMedian)}");
        table.AddRow("reference model slots/s", Rate(result.Reference.SlotsPerSecond));
        table.AddRow("reference processor s / run s (median)", $"{Seconds(result.Reference.ProcessorSecondsMedian)} / {Seconds(result.Reference.SecondsMedian)}");
        table.AddRow("raw Akka fan-out msgs/s", Rate(result.RawAkka.MessagesPerSecond));
        table.AddRow("managed heap before / peak / after MiB", $"{Mib(result.Memory.ManagedBytesBefore)} / {Mib(result.Memory.ManagedBytesPeakDuringRuns)} / {Mib(result.Memory.ManagedBytesAfter)}");
        table.AddRow("working set peak during runs MiB", Mib(result.Memory.WorkingSetPeakDuringRuns));
        table.AddRow("process peak working set MiB", Mib(result.Memory.PeakWorkingSetAtEnd));
        table.AddRow("allocated per slot MiB", Mib(result.Memory.AllocatedBytesPerSlot));
        table.AddRow("GC pauses, share of the emulator runs", FormattableString.Invariant($"{result.Memory.GcPauseShareOfRuns:P0}"));
        table.AddRow("GCs gen0 / gen1 / gen2", $"{result.Memory.Gen0Collections} / {result.Memory.Gen1Collections} / {result.Memory.Gen2Collections}");
        console.Write(table);

        output.WriteLine(
            $"ratios: emulator msgs/s / raw Akka msgs/s = {Ratio(result.MessageRateRatio)}; "
            + $"emulator slots/s / reference slots/s = {Ratio(result.SlotRateRatio)}; "
            + $"slots/s / goal {Rate(result.GoalSlotsPerSecond)} = {Ratio(e.SlotsPerSecond / result.GoalSlotsPerSecond)}");
        output.WriteLine("on a cluster: mec bench --scale --cluster SEED against running nodes; scripts/bench-scale.sh runs both");
        output.WriteLine("emu: timed from StartRun to RunCompleted, minus the median setup run (0 slots: actor creation, an empty");
        output.WriteLine("     drain wave); msgs: exact, from ProtocolMessageCount (per wave: OpenWave and HorizonReached per resource taking part, a batch per active link)");
        output.WriteLine("processor s: the process's processor time over a run, every thread (GC and JIT included); over the run's wall time, the cores kept busy");
        output.WriteLine(
            $"raw Akka: one coordinator and {Count(result.RawAkka.Workers)} workers, {Count(result.RawAkka.Rounds)} rounds of "
            + $"{Count(2L * result.RawAkka.Workers)} messages ({Count(result.RawAkka.Messages)}, the emulator's slot messages), same process and run");
        output.WriteLine(
            $"memory: managed heap from GC.GetTotalMemory, sampled every 50 ms during the emulator runs; process peak from "
            + $"Process.PeakWorkingSet64 ({Mib(result.Memory.PeakWorkingSetAfterEmulator)} MiB after the emulator runs); {result.Memory.GcMode} GC");
        output.WriteLine($"{Count(result.Tasks)} tasks ({Count(result.ExecutedTasks)} executed)");
        if (result.MessageCheck is { } check)
        {
            output.WriteLine(check.Matches
                ? $"message check ({result.MessageCheckSlots} slots, full scale): mailbox count {Count(check.Counted)} = formula"
                : $"message check ({result.MessageCheckSlots} slots, full scale): mailbox count {Count(check.Counted)} != formula {Count(check.Formula)}");
        }

        foreach (var warning in result.Warnings)
        {
            output.WriteLine($"  warning: {warning}");
        }
    }

    private static string Count(long value) => BenchReport.Count(value);

    private static string Rate(double value) => BenchReport.Rate(value);

    private static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => (bytes / MiB).ToString("N1", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
