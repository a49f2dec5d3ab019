using MecActors.Core.Emulation;

namespace MecActors.Core.Scenarios;

/// <summary>
/// Paper 000's objective (4): a task costs alpha * D (seconds) - beta * Acc, and a slot earns
/// R(t) = -(1/U) sum [alpha D_u - beta Acc_u] over the tasks that ran (Sec. III-B).
/// </summary>
public sealed record ObjectiveSpec(double Alpha, double Beta) : ISlotObjective
{
    public double Cost(double delaySeconds, double accuracy) => Alpha * delaySeconds - Beta * accuracy;

    public double Cost(TaskRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Cost(record.DelayS, record.Accuracy);
    }

    /// <summary>R(t); 0 for a slot in which no task ran.</summary>
    public double Reward(IReadOnlyList<TaskRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var cost = 0.0;
        var ran = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Ran)
            {
                cost += Cost(r.DelayS, r.Accuracy);
                ran++;
            }
        }

        // R(t) = -(1/U) sum [alpha D_u - beta Acc_u]: paper 000, Sec. III-B.
        return ran == 0 ? 0.0 : -cost / ran;
    }
}
