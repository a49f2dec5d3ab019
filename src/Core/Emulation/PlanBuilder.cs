using MecActors.Core.Decisions;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>Turns a policy's decision for a task into a route of stages.</summary>
public static class PlanBuilder
{
    public static TaskPlan Build(SystemView system, TaskRequest task, OffloadDecision decision, EdgeStatus target)
    {
        var scenario = system.Scenario;
        var model = scenario.Models[task.ModelId];
        if (decision.TargetEdge < 0 || decision.TargetEdge >= scenario.EdgeCount)
        {
            throw new InvalidOperationException($"task {task.TaskId}: decision names edge {decision.TargetEdge}, outside 0..{scenario.EdgeCount - 1}");
        }

        if (decision.Exit < 1 || decision.Exit > model.ExitCount)
        {
            throw new InvalidOperationException($"task {task.TaskId}: exit {decision.Exit} violates C2 (model {model.Name} has {model.ExitCount} exits)");
        }

        var cached = target.Cached[task.ModelId];
        var accuracy = model.AccuracyAt(decision.Exit);
        if (!cached && model.SizeBits > target.StorageBytes * 8.0)
        {
            return new TaskPlan(task, decision.TargetEdge, decision.Exit, accuracy, false, [], DropReasons.ModelExceedsStorage);
        }

        var route = new List<Stage>(4);
        if (!cached)
        {
            route.Add(new Stage(StageKind.Fetch, ResourceRef.Backhaul(decision.TargetEdge), model.SizeBits, 1.0, task.ModelId));
        }

        route.Add(new Stage(StageKind.Transfer, ResourceRef.Wireless(task.LocalEdge), task.InputBits, task.SpectralEfficiency));
        if (decision.TargetEdge != task.LocalEdge)
        {
            route.Add(new Stage(StageKind.Transfer, ResourceRef.Fiber(task.LocalEdge, decision.TargetEdge), task.InputBits));
        }

        route.Add(new Stage(StageKind.Compute, ResourceRef.EdgeCompute(decision.TargetEdge), model.CyclesTo(decision.Exit), 1.0, task.ModelId));
        return new TaskPlan(task, decision.TargetEdge, decision.Exit, accuracy, cached, route.ToArray(), null);
    }
}
