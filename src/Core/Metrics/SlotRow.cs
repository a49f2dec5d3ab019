using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Metrics;

/// <summary>One row of slots.csv: a policy's tasks decided in one slot, however late they ended.</summary>
public sealed record SlotRow(string Policy, int Slot, PolicySummary Summary)
{
    public static List<SlotRow> From(PolicyRun run, ISlotObjective objective)
    {
        var rows = new List<SlotRow>(run.Slots);
        var bySlot = new List<TaskRecord>[run.Slots];
        for (var t = 0; t < bySlot.Length; t++)
        {
            bySlot[t] = new List<TaskRecord>();
        }

        foreach (var r in run.Records)
        {
            bySlot[r.Slot - 1].Add(r);
        }

        for (var t = 0; t < bySlot.Length; t++)
        {
            rows.Add(new SlotRow(run.Name, t + 1, PolicySummary.From(run.Name, bySlot[t], 1, objective)));
        }

        return rows;
    }
}
