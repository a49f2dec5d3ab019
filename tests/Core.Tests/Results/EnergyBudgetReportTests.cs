using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using Xunit;

namespace MecActors.Core.Tests.Results;

public class EnergyBudgetReportTests
{
    private static TaskRecord Task(int slot, int device, double joules) =>
        new(0, slot, device, 0, 0, 0, 1, 0.8, true, 0, 0.1, 0, 0, 0, 0.1, TaskOutcome.Completed, string.Empty, joules);

    [Fact]
    public void A_device_over_its_budget_on_average_is_a_violation_and_its_queue_follows_the_lyapunov_update()
    {
        // Device 0 spends 0.5 J in slot 1 and nothing after: its queue rises to 0.4 and drains by 0.1 a slot.
        // Device 1 spends 0.15 J every slot of 4 (two tasks of 0.075 J in slot 2): 0.05 J over its budget each slot.
        var records = new List<TaskRecord> { Task(1, 0, 0.5), Task(1, 1, 0.15), Task(2, 1, 0.075), Task(2, 1, 0.075), Task(3, 1, 0.15), Task(4, 1, 0.15) };

        var report = EnergyBudgetReport.From(records, 4, 2, 0.1);

        // Averages: device 0 0.125 J a slot, device 1 0.15: both over 0.1.
        Assert.Equal(2, report.Violations);
        Assert.Equal(0.15, report.MaxDeviceEnergyPerSlotJ, 1e-12);
        // Queues: device 0 0.4, 0.3, 0.2, 0.1; device 1 0.05, 0.1, 0.15, 0.2.
        Assert.Equal(0.4, report.MaxQueueJ, 1e-12);
        Assert.Equal((1.0 + 0.5) / 8, report.AvgQueueJ, 1e-12);
        Assert.Equal(((0.1 / 4) + (0.2 / 4)) / 2, report.QueuePerSlotAtEndJ, 1e-12);
    }

    [Fact]
    public void Devices_within_their_budget_keep_empty_queues()
    {
        var records = new List<TaskRecord> { Task(1, 0, 0.05), Task(2, 0, 0.1), Task(2, 1, 0.02) };

        var report = EnergyBudgetReport.From(records, 2, 3, 0.1);

        Assert.Equal(0, report.Violations);
        Assert.Equal(0.0, report.MaxQueueJ);
        Assert.Equal(0.075, report.MaxDeviceEnergyPerSlotJ, 1e-12);
    }
}
