using MecActors.Core.Emulation;

namespace MecActors.Core.Metrics;

/// <summary>
/// How a run's devices kept a budget of average energy per slot E (the long-term constraint of paper 004): each
/// device's energy per slot e_u(t) is the energy of the tasks its slot-t decisions caused, and its virtual queue
/// Q_u(t+1) = max(Q_u(t) + e_u(t) - E, 0) starts at 0. <see cref="Violations"/> counts the devices whose average over
/// the run exceeds E; the queues' mean and maximum are over every device and slot, and
/// <see cref="QueuePerSlotAtEndJ"/> is the mean over devices of Q_u(T) / T, which falls towards 0 for mean rate stable
/// queues.
/// </summary>
public sealed record EnergyBudgetReport(double BudgetJ, int Violations, double MaxDeviceEnergyPerSlotJ, double AvgQueueJ, double MaxQueueJ, double QueuePerSlotAtEndJ)
{
    public static EnergyBudgetReport From(IReadOnlyList<TaskRecord> records, int slots, int devices, double budgetJ)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slots);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(devices);
        var perSlot = new double[devices, slots];
        foreach (var r in records)
        {
            perSlot[r.Device, r.Slot - 1] += r.EnergyJ;
        }

        int violations = 0;
        double worst = 0, queueSum = 0, queueMax = 0, atEnd = 0;
        for (var u = 0; u < devices; u++)
        {
            var total = 0.0;
            var queue = 0.0;
            for (var t = 0; t < slots; t++)
            {
                total += perSlot[u, t];
                queue = Math.Max(queue + perSlot[u, t] - budgetJ, 0.0);
                queueSum += queue;
                queueMax = Math.Max(queueMax, queue);
            }

            var average = total / slots;
            worst = Math.Max(worst, average);
            violations += average > budgetJ ? 1 : 0;
            atEnd += queue / slots;
        }

        return new EnergyBudgetReport(budgetJ, violations, worst, queueSum / (devices * (double)slots), queueMax, atEnd / devices);
    }
}
