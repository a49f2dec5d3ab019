using MecActors.Core.Decisions;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// Each task's response time (eq. (1), paper 003: request transfer, queueing, compute, result return) for a step's
/// actions, from its <see cref="StepTiming"/>, as the emulation times the routes: links dedicated, processors k-core fifo
/// serving in (arrival, task) order. Two route families: the orchestrated one of the agents (the request carries the
/// input to the orchestrator in the cloud, whose decision travels to the node that computes) and the fixed placements'
/// (the input goes straight to the node that computes; no decision is asked for).
/// </summary>
public static class ResponseModel
{
    private const int StackLimit = 32;

    public static void Predict(StepTiming timing, ReadOnlySpan<OrchestrationAction> actions, bool orchestrated, Span<double> responses)
    {
        var n = actions.Length;
        Span<double> decided = n <= StackLimit ? stackalloc double[n] : new double[n];
        Span<double> ready = n <= StackLimit ? stackalloc double[n] : new double[n];
        Span<double> duration = n <= StackLimit ? stackalloc double[n] : new double[n];
        CloudPass(timing, actions, orchestrated, decided, responses);

        // The edge: its tasks' inputs (fixed) or decisions (orchestrated) arrive, then queue for its cores.
        var jobs = 0;
        for (var i = 0; i < n; i++)
        {
            if (actions[i].Node == NodeKind.Edge)
            {
                ready[i] = orchestrated ? decided[i] + timing.DecisionToEdge : timing.Upload[i];
                duration[i] = timing.Duration(NodeKind.Edge, actions[i].Variant, i);
                jobs++;
            }
        }

        if (jobs > 0)
        {
            Fifo(actions, NodeKind.Edge, timing.EdgeCores, ready, duration, responses);
            for (var i = 0; i < n; i++)
            {
                if (actions[i].Node == NodeKind.Edge)
                {
                    responses[i] += timing.ResultFromEdge[i];
                }
            }
        }

        // Each device runs only its own task.
        for (var i = 0; i < n; i++)
        {
            if (actions[i].Node == NodeKind.Device)
            {
                var start = orchestrated ? decided[i] + timing.DecisionToDevice[i] : 0.0;
                responses[i] = start + timing.Duration(NodeKind.Device, actions[i].Variant, i);
            }
        }
    }

    /// <summary>
    /// The cloud's fifo cores, serving the orchestrator's decisions (when they take time) and the cloud's inferences in
    /// arrival order; writes each task's decision time and the cloud tasks' responses.
    /// </summary>
    private static void CloudPass(StepTiming timing, ReadOnlySpan<OrchestrationAction> actions, bool orchestrated, Span<double> decided, Span<double> responses)
    {
        var n = actions.Length;
        Span<double> freeAt = timing.CloudCores <= StackLimit ? stackalloc double[timing.CloudCores] : new double[timing.CloudCores];
        freeAt.Clear();
        Span<double> pendingReady = n <= StackLimit ? stackalloc double[n] : new double[n];
        Span<sbyte> pendingKind = n <= StackLimit ? stackalloc sbyte[n] : new sbyte[n];
        const sbyte none = 0, decision = 1, inference = 2;
        for (var i = 0; i < n; i++)
        {
            var atCloud = actions[i].Node == NodeKind.Cloud || orchestrated;
            pendingKind[i] = none;
            if (!atCloud)
            {
                continue;
            }

            var arrives = timing.Upload[i] + timing.CloudUplink[i];
            if (orchestrated && timing.DecisionSeconds > 0)
            {
                pendingReady[i] = arrives;
                pendingKind[i] = decision;
                continue;
            }

            decided[i] = arrives;
            if (actions[i].Node == NodeKind.Cloud)
            {
                pendingReady[i] = arrives;
                pendingKind[i] = inference;
            }
        }

        while (true)
        {
            var next = -1;
            for (var i = 0; i < n; i++)
            {
                if (pendingKind[i] != none && (next < 0 || pendingReady[i] < pendingReady[next]))
                {
                    next = i;
                }
            }

            if (next < 0)
            {
                return;
            }

            var core = 0;
            for (var c = 1; c < freeAt.Length; c++)
            {
                if (freeAt[c] < freeAt[core])
                {
                    core = c;
                }
            }

            var start = Math.Max(pendingReady[next], freeAt[core]);
            var isDecision = pendingKind[next] == decision;
            var end = start + (isDecision ? timing.DecisionDuration : timing.Duration(NodeKind.Cloud, actions[next].Variant, next));
            freeAt[core] = end;
            if (isDecision)
            {
                decided[next] = end;
                pendingKind[next] = actions[next].Node == NodeKind.Cloud ? inference : none;
                pendingReady[next] = end;
            }
            else
            {
                responses[next] = end + timing.ResultFromCloud[next];
                pendingKind[next] = none;
            }
        }
    }

    /// <summary>k-core fifo over the tasks placed on <paramref name="node"/>, in (ready, task) order; writes each one's end.</summary>
    private static void Fifo(ReadOnlySpan<OrchestrationAction> actions, NodeKind node, int cores, ReadOnlySpan<double> ready, ReadOnlySpan<double> duration, Span<double> ends)
    {
        var n = actions.Length;
        Span<double> freeAt = cores <= StackLimit ? stackalloc double[cores] : new double[cores];
        freeAt.Clear();
        Span<bool> done = n <= StackLimit ? stackalloc bool[n] : new bool[n];
        done.Clear();
        while (true)
        {
            var next = -1;
            for (var i = 0; i < n; i++)
            {
                if (!done[i] && actions[i].Node == node && (next < 0 || ready[i] < ready[next]))
                {
                    next = i;
                }
            }

            if (next < 0)
            {
                return;
            }

            var core = 0;
            for (var c = 1; c < cores; c++)
            {
                if (freeAt[c] < freeAt[core])
                {
                    core = c;
                }
            }

            var end = Math.Max(ready[next], freeAt[core]) + duration[next];
            freeAt[core] = end;
            ends[next] = end;
            done[next] = true;
        }
    }
}
