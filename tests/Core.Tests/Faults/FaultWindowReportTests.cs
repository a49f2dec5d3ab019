using MecActors.Core.Emulation;
using MecActors.Core.Faults;
using MecActors.Core.Metrics;
using Xunit;

namespace MecActors.Core.Tests.Faults;

/// <summary>A fault's windows and recovery time over hand-made records.</summary>
public class FaultWindowReportTests
{
    private static TaskRecord Task(long id, int slot, double end, TaskOutcome outcome, string reason = "") =>
        new(id, slot, 0, 0, 0, 0, 1, 0.8, true, slot - 1.0, end, 0, 0, 0, 0, outcome, reason);

    [Fact]
    public void Tasks_count_by_release_drops_by_when_they_happen_and_recovery_waits_for_the_moving_ssp()
    {
        // 1 s slots; a crash from 3 s to 5 s (slots 4 and 5). Slots 1-3 all on time; slot 3's task is lost at 3.5 s
        // (a drop in slot 4); slots 6 and 7 still late, slot 8 on time again.
        var records = new List<TaskRecord>
        {
            Task(0, 1, 0.5, TaskOutcome.Completed),
            Task(1, 2, 1.5, TaskOutcome.Completed),
            Task(2, 3, 3.5, TaskOutcome.Dropped, "edge-crash"),
            Task(3, 3, 2.5, TaskOutcome.Completed),
            Task(4, 4, 5.5, TaskOutcome.MissedDeadline),
            Task(5, 5, 6.5, TaskOutcome.MissedDeadline),
            Task(6, 6, 7.5, TaskOutcome.MissedDeadline),
            Task(7, 7, 8.5, TaskOutcome.MissedDeadline),
            Task(8, 8, 7.5, TaskOutcome.Completed),
        };
        var plan = new FaultPlan([new FaultSpec(FaultKind.EdgeCrash, new FaultTarget("edge", 0), 3.0, 5.0)], FaultResponse.Drop);

        var report = Assert.Single(FaultWindowReport.From(records, 8, 1.0, plan));

        Assert.Equal(("edge-crash edge:0", 4, 5), (report.Fault, report.FirstSlot, report.LastSlot));
        Assert.Equal(4, report.Before.Tasks);
        Assert.Equal(0.75, report.Before.Ssp, 12);
        Assert.Empty(report.Before.DroppedByReason);
        Assert.Equal(new Dictionary<string, int> { ["edge-crash"] = 1 }, report.During.DroppedByReason);
        Assert.Equal(0.0, report.During.Ssp);
        Assert.Equal(3, report.After.Tasks);

        // Moving ssp since slot 6: 0 (6), 0 (6-7), 1/3 (6-8): never within 5% of 0.75 in the run.
        Assert.Null(report.RecoverySlots);
    }

    [Fact]
    public void Recovery_is_the_first_slot_after_the_end_whose_moving_ssp_is_back_within_5_percent()
    {
        var records = new List<TaskRecord>
        {
            Task(0, 1, 0.5, TaskOutcome.Completed),
            Task(1, 2, 2.5, TaskOutcome.MissedDeadline),
            Task(2, 3, 3.5, TaskOutcome.MissedDeadline),
            Task(3, 4, 3.5, TaskOutcome.Completed),
            Task(4, 5, 4.5, TaskOutcome.Completed),
        };
        var plan = new FaultPlan([new FaultSpec(FaultKind.LinkDown, new FaultTarget("fiber"), 1.0, 2.0)], FaultResponse.Retry);

        var report = Assert.Single(FaultWindowReport.From(records, 5, 1.0, plan));

        // Before: slot 1, ssp 1. After the fault (slot 2): slot 3 is late (0), slots 3-4 give 0.5, slots 3-5 give 2/3: still
        // below 0.95, so not back.
        Assert.Equal((2, 2), (report.FirstSlot, report.LastSlot));
        Assert.Null(report.RecoverySlots);

        // Without slot 3's late task: slot 3 brings nothing (not yet back), slot 4 is on time: back 2 slots after the end.
        var withoutLate = Assert.Single(FaultWindowReport.From(records.Where(r => r.Slot != 3).ToList(), 5, 1.0, plan));
        Assert.Equal(2, withoutLate.RecoverySlots);
    }
}
