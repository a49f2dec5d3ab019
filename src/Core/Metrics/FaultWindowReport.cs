using MecActors.Core.Emulation;
using MecActors.Core.Faults;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Metrics;

/// <summary>
/// One fault's effect on a run: the tasks of the slots before it, during it and after it (by the slot each was
/// released in; a drop counts in the window of the slot it happened in, so the tasks a crash loses count during it),
/// and the recovery time: how many slots after the fault's end the moving success probability (over the
/// last <see cref="MovingSlots"/> slots since the end) takes to come back within 5% of its value before the fault.
/// Null when the fault never ends in the run, when nothing ran before it, or when it does not come back.
/// </summary>
public sealed record FaultWindowReport(
    string Fault,
    int FirstSlot,
    int LastSlot,
    WindowMetrics Before,
    WindowMetrics During,
    WindowMetrics After,
    int? RecoverySlots)
{
    /// <summary>The moving window of the recovery time, in slots.</summary>
    public const int MovingSlots = 10;

    /// <summary>How close to its value before the fault the moving success probability must come: within 5%.</summary>
    public const double RecoveredShare = 0.95;

    /// <summary>Every fault of <paramref name="plan"/> over the records of a run of <paramref name="slots"/> slots.</summary>
    public static IReadOnlyList<FaultWindowReport> From(IReadOnlyList<TaskRecord> records, int slots, double slotSeconds, FaultPlan plan)
    {
        var bySlot = new List<TaskRecord>[slots + 1];
        var droppedBySlot = new List<TaskRecord>[slots + 1];
        for (var s = 0; s <= slots; s++)
        {
            bySlot[s] = [];
            droppedBySlot[s] = [];
        }

        foreach (var r in records)
        {
            if (r.Slot >= 1 && r.Slot <= slots)
            {
                bySlot[r.Slot].Add(r);
            }

            if (r.Outcome == TaskOutcome.Dropped)
            {
                droppedBySlot[Math.Clamp((int)Math.Floor(r.End / slotSeconds) + 1, 1, slots)].Add(r);
            }
        }

        var reports = new List<FaultWindowReport>();
        foreach (var fault in plan.Faults)
        {
            // Slot k spans [(k - 1) T, k T): the fault is in force during the slots it overlaps.
            var (from, to) = fault.Window;
            var first = Math.Clamp((int)Math.Floor(from / slotSeconds) + 1, 1, slots + 1);
            var last = double.IsPositiveInfinity(to) ? slots : Math.Clamp((int)Math.Ceiling(to / slotSeconds), first - 1, slots);
            var before = WindowMetrics.Of(bySlot, droppedBySlot, 1, first - 1);
            var during = WindowMetrics.Of(bySlot, droppedBySlot, first, last);
            var after = WindowMetrics.Of(bySlot, droppedBySlot, last + 1, slots);
            var recovery = double.IsPositiveInfinity(to) || before.Tasks == 0 ? null : Recovery(bySlot, last + 1, slots, before.Ssp);
            reports.Add(new FaultWindowReport(fault.ToString(), first, last, before, during, after, recovery));
        }

        return reports;
    }

    private static int? Recovery(List<TaskRecord>[] bySlot, int from, int to, double sspBefore)
    {
        for (var s = from; s <= to; s++)
        {
            var window = WindowMetrics.Of(bySlot, bySlot, Math.Max(from, s - MovingSlots + 1), s);
            if (window.Tasks > 0 && window.Ssp >= RecoveredShare * sspBefore)
            {
                return s - from + 1;
            }
        }

        return null;
    }
}

/// <summary>The tasks released in a range of slots: how many, their mean delay (over those that ran), their success probability, and the drops by reason.</summary>
public sealed record WindowMetrics(int FirstSlot, int LastSlot, int Tasks, double AvgDelayMs, double Ssp, IReadOnlyDictionary<string, int> DroppedByReason)
{
    /// <summary>The tasks released in slots <paramref name="first"/>..<paramref name="last"/>, with the drops of <paramref name="droppedBySlot"/> in those slots.</summary>
    public static WindowMetrics Of(List<TaskRecord>[] bySlot, List<TaskRecord>[] droppedBySlot, int first, int last)
    {
        var slots = Enumerable.Range(first, Math.Max(0, last - first + 1)).ToArray();
        var released = Of(slots.SelectMany(s => bySlot[s]), first, last);
        var dropped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in slots.SelectMany(s => droppedBySlot[s]))
        {
            dropped[r.DropReason] = dropped.GetValueOrDefault(r.DropReason) + 1;
        }

        return released with { DroppedByReason = dropped };
    }

    public static WindowMetrics Of(IEnumerable<TaskRecord> records, int first, int last)
    {
        int tasks = 0, completed = 0, ran = 0;
        var delay = 0.0;
        var dropped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            tasks++;
            if (r.Outcome == TaskOutcome.Dropped)
            {
                dropped[r.DropReason] = dropped.GetValueOrDefault(r.DropReason) + 1;
                continue;
            }

            ran++;
            delay += r.DelayS;
            if (r.Outcome == TaskOutcome.Completed)
            {
                completed++;
            }
        }

        return new WindowMetrics(first, last, tasks, ran == 0 ? 0.0 : delay / ran * 1000.0, tasks == 0 ? 0.0 : (double)completed / tasks, dropped);
    }
}
