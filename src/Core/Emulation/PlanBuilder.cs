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

        var route = new List<Stage>(3 + system.Topology.Hops(task.LocalEdge, decision.TargetEdge));
        if (!cached)
        {
            route.Add(new Stage(StageKind.Fetch, ResourceRef.Backhaul(decision.TargetEdge), model.SizeBits, 1.0, task.ModelId));
        }

        route.Add(new Stage(StageKind.Transfer, ResourceRef.Wireless(task.LocalEdge), task.InputBits, task.SpectralEfficiency));
        AddFiberHops(system, route, task.LocalEdge, decision.TargetEdge, task.InputBits);
        route.Add(new Stage(StageKind.Compute, ResourceRef.EdgeCompute(decision.TargetEdge), model.CyclesTo(decision.Exit), 1.0, task.ModelId, JoinsFetch: !cached));
        return new TaskPlan(task, decision.TargetEdge, decision.Exit, accuracy, cached, route.ToArray(), null);
    }

    /// <summary>Store-and-forward over each physical link of the path from <paramref name="from"/> to <paramref name="to"/> (eq. (2), paper 000, hop by hop).</summary>
    public static void AddFiberHops(SystemView system, List<Stage> route, int from, int to, double bits)
    {
        var at = from;
        while (at != to)
        {
            var next = system.Topology.NextHop(at, to);
            route.Add(new Stage(StageKind.Transfer, ResourceRef.Fiber(at, next), bits));
            at = next;
        }
    }
}
