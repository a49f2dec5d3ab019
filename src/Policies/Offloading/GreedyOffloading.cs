using MecActors.Core.Decisions;

namespace MecActors.Policies.Offloading;

/// <summary>
/// Myopic best response: tasks are decided one by one in observation order, each taking the (edge, exit)
/// that minimises alpha * D - beta * Acc (objective (4)), where D is <see cref="SystemView.EstimateDelaySeconds"/>
/// given the edge's cache, the queues of the resources on the way and the tasks already sent to that edge in this slot. An edge that
/// misses the model and could not store it (the task would be dropped) is chosen only if no other edge is
/// allowed. Ties go to the lower edge, then the lower exit. Deterministic; it does not learn, so its state is its mode alone.
/// </summary>
public sealed class GreedyOffloading : IOffloadingPolicy, IResumablePolicy
{
    private const string StateKind = "greedy";

    public GreedyOffloading(GreedyMode mode)
    {
        Mode = mode;
    }

    public GreedyMode Mode { get; }

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var system = observation.System;
        var scenario = system.Scenario;
        var objective = scenario.Objective;
        var edges = scenario.EdgeCount;
        var status = StatusByEdge(observation.Edges, edges);
        var assigned = new int[edges];
        var decisions = new OffloadDecision[observation.Tasks.Count];
        var freeEdge = (Mode & GreedyMode.Edge) != 0;
        var freeExit = (Mode & GreedyMode.Exit) != 0;

        for (var i = 0; i < decisions.Length; i++)
        {
            var task = observation.Tasks[i];
            var model = scenario.Models[task.ModelId];
            var firstEdge = freeEdge ? 0 : task.LocalEdge;
            var lastEdge = freeEdge ? edges - 1 : task.LocalEdge;
            var firstExit = freeExit ? 1 : model.ExitCount;

            var best = new OffloadDecision(task.LocalEdge, model.ExitCount);
            var bestFeasible = false;
            var bestCost = double.PositiveInfinity;
            var found = false;
            var uplink = system.UplinkSeconds(task, observation.Queues);
            var exits = model.ExitCount;
            for (var n = firstEdge; n <= lastEdge; n++)
            {
                var edge = status[n];
                var cached = edge is not null && edge.Cached[task.ModelId];
                var storage = edge?.StorageBytes ?? scenario.Edges[n].StorageBytes;
                var feasible = cached || model.SizeBits <= storage * 8.0;
                var ready = system.ReadySeconds(task, n, cached, observation.Queues, uplink);
                var rate = system.EdgeComputeRate(n, assigned[n] + 1, observation.Queues);
                for (var b = firstExit; b <= exits; b++)
                {
                    var delay = ready + (model.CyclesTo(b) / rate);
                    var cost = objective.Cost(delay, model.AccuracyAt(b));
                    if (!found || (feasible && !bestFeasible) || (feasible == bestFeasible && cost < bestCost))
                    {
                        best = new OffloadDecision(n, b);
                        bestCost = cost;
                        bestFeasible = feasible;
                        found = true;
                    }
                }
            }

            decisions[i] = best;
            assigned[best.TargetEdge]++;
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
    }

    public byte[] CaptureState() => StateBytes.Write(StateKind, writer => writer.Write((int)Mode));

    /// <exception cref="InvalidDataException">The capture is of a greedy policy of another mode.</exception>
    public void RestoreState(byte[] state) => StateBytes.Read(state, StateKind, reader =>
    {
        var mode = (GreedyMode)reader.ReadInt32();
        if (mode != Mode)
        {
            throw new InvalidDataException($"the state is of the {mode} greedy policy, this one is {Mode}");
        }
    });

    private static EdgeStatus?[] StatusByEdge(IReadOnlyList<EdgeStatus> statuses, int edges)
    {
        var byEdge = new EdgeStatus?[edges];
        foreach (var s in statuses)
        {
            if (s.Edge >= 0 && s.Edge < edges)
            {
                byEdge[s.Edge] = s;
            }
        }

        return byEdge;
    }
}
