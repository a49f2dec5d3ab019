using MecActors.Core.Decisions;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>Everything a slot's decision sets in motion: the plans, the model downloads, and what each resource must expect.</summary>
public sealed record SlotDecision(
    SlotObservation Observation,
    OffloadDecision[] Actions,
    TaskPlan[] Plans,
    ModelDownload[] Downloads,
    int[] TasksPerEdge,
    int[] UploadsPerCell);

/// <summary>
/// Step 2 of the slot protocol, shared by the coordinator actor and the reference model: observe, ask the
/// policy, and turn its answer into plans. Misses for the same model at one edge in a slot share one download.
/// </summary>
public sealed class SlotDecider(SystemView system, IOffloadingPolicy policy)
{
    public SlotDecision Decide(int slot, IReadOnlyList<TaskRequest> tasks, IReadOnlyList<EdgeStatus> edges)
    {
        var time = (slot - 1) * system.Scenario.SlotSeconds;
        var observation = new SlotObservation(slot, time, tasks, edges, system);
        var actions = tasks.Count == 0 ? [] : policy.Decide(observation);
        if (actions.Length != tasks.Count)
        {
            throw new InvalidOperationException($"slot {slot}: the policy returned {actions.Length} decisions for {tasks.Count} tasks");
        }

        var plans = new TaskPlan[tasks.Count];
        var tasksPerEdge = new int[system.Edges];
        var uploadsPerCell = new int[system.Edges];
        var downloads = new SortedSet<(int Edge, int Model)>();
        for (var i = 0; i < tasks.Count; i++)
        {
            var plan = PlanBuilder.Build(system, tasks[i], actions[i], edges[actions[i].TargetEdge]);
            plans[i] = plan;
            if (plan.DropReason is not null)
            {
                continue;
            }

            tasksPerEdge[plan.TargetEdge]++;
            uploadsPerCell[plan.Request.LocalEdge]++;
            if (plan.Fetch is not null)
            {
                downloads.Add((plan.TargetEdge, plan.Request.ModelId));
            }
        }

        var fetches = new ModelDownload[downloads.Count];
        var k = 0;
        foreach (var (edge, model) in downloads)
        {
            fetches[k++] = new ModelDownload(edge, model, slot, system.Scenario.Models[model].SizeBits, time);
        }

        return new SlotDecision(observation, actions, plans, fetches, tasksPerEdge, uploadsPerCell);
    }
}
