using MecActors.Core.Decisions;
using MecActors.Core.Faults;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>
/// Everything a slot's decision sets in motion: the plans, the model downloads, and, per processor, how many
/// compute stages of the slot's tasks it will run (the K of an equal share per slot).
/// </summary>
public sealed record SlotDecision(
    SlotObservation Observation,
    OffloadDecision[] Actions,
    TaskPlan[] Plans,
    ModelDownload[] Downloads,
    ResourceCount[] ComputeJobs);

/// <summary>A count for one resource.</summary>
public readonly record struct ResourceCount(ResourceRef Resource, int Count);

/// <summary>
/// Step 2 of the slot protocol, shared by every driver: observe, ask the policy, and turn its answer into plans.
/// The policy sees what it can know: the nodes' capacity available in the slot, the links to the cloud, the memory
/// loads, and with imperfect CSI the devices' channel estimates; the plans use the true channels. Misses for the same model at one edge in a slot share one download.
/// </summary>
public sealed class SlotDecider
{
    private readonly SystemView _system;
    private readonly IOffloadingPolicy _policy;
    private readonly ResourceConditions _conditions;
    private IReadOnlyList<ResourceRef>? _resources;

    /// <param name="seed">The run seed the conditions are drawn under (the scenario's own by default).</param>
    public SlotDecider(SystemView system, IOffloadingPolicy policy, int? seed = null)
    {
        _system = system;
        _policy = policy;
        _conditions = new ResourceConditions(system.Scenario, seed ?? system.Scenario.Seed);
    }

    /// <param name="logged">The slot's actions as decided before (a run emulated again), or null to ask the policy.</param>
    public SlotDecision Decide(int slot, IReadOnlyList<TaskRequest> tasks, IReadOnlyList<EdgeStatus> edges, ResourceQueues queues, OffloadDecision[]? logged = null)
    {
        var system = _system;
        var time = (slot - 1) * system.Scenario.SlotSeconds;
        var observation = new SlotObservation(slot, time, Estimates(tasks), Available(slot, edges), system)
        {
            Queues = queues,
            Down = DownAt(time),
            Monitored = _conditions.Monitored(slot),
        };
        var actions = logged ?? (tasks.Count == 0 ? [] : _policy.Decide(observation));
        if (actions.Length != tasks.Count)
        {
            throw new InvalidOperationException(
                $"slot {slot}: {(logged is null ? "the policy returned" : "the log holds")} {actions.Length} decisions for {tasks.Count} tasks");
        }

        var allocated = SlotAllocations.Resolve(system.Scenario, tasks, actions);
        var plans = new TaskPlan[tasks.Count];
        var computeJobs = new Dictionary<ResourceRef, int>();
        var downloads = new Dictionary<(int Edge, int Model), int>();
        var faults = system.Scenario.Faults;
        var reroutes = observation.Down.Count > 0 && faults.OnFault == FaultResponse.Reroute;
        var losesTransfers = faults.LosesTransfers;
        for (var i = 0; i < tasks.Count; i++)
        {
            var plan = PlanBuilder.Build(system, tasks[i], allocated[i], edges[actions[i].TargetEdge], _conditions);
            if (reroutes && Crosses(plan, observation.Down))
            {
                plan = Rerouted(tasks[i], allocated[i], edges, observation.Down) ?? plan;
            }

            if (system.TracesTasks)
            {
                plan = plan with { Traced = true };
            }

            if (losesTransfers)
            {
                plan = plan with { RunSeed = _conditions.Seed };
            }

            plans[i] = plan;
            if (plan.DropReason is not null)
            {
                continue;
            }

            foreach (var stage in plan.Route)
            {
                if (stage.Kind == StageKind.Compute)
                {
                    System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(computeJobs, stage.Resource, out _)++;
                }
            }

            if (plan.Fetch is { } fetch)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(downloads, (fetch.Resource.A, plan.Request.ModelId), out _)++;
            }
        }

        // Downloads in (edge, model) order, as every driver sends them.
        var fetches = new ModelDownload[downloads.Count];
        var k = 0;
        foreach (var ((edge, model), joiners) in downloads)
        {
            fetches[k++] = new ModelDownload(edge, model, slot, system.Scenario.Models[model].SizeBits, time, joiners);
        }

        Array.Sort(fetches, static (a, b) => a.Edge != b.Edge ? a.Edge.CompareTo(b.Edge) : a.ModelId.CompareTo(b.ModelId));

        var counts = new ResourceCount[computeJobs.Count];
        k = 0;
        foreach (var (resource, count) in computeJobs)
        {
            counts[k++] = new ResourceCount(resource, count);
        }

        Array.Sort(counts, static (a, b) => a.Resource.CompareTo(b.Resource));

        return new SlotDecision(observation, actions, plans, fetches, counts);
    }

    private static bool Crosses(TaskPlan plan, IReadOnlyList<ResourceRef> down)
    {
        foreach (var stage in plan.Route)
        {
            if (down.Contains(stage.Resource))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The same decision at the nearest other edge (by hops, then index) whose route is up, or null when there is none.</summary>
    private TaskPlan? Rerouted(TaskRequest task, OffloadDecision decision, IReadOnlyList<EdgeStatus> edges, IReadOnlyList<ResourceRef> down)
    {
        var topology = _system.Topology;
        var candidates = Enumerable.Range(0, _system.Scenario.EdgeCount)
            .Where(n => n != decision.TargetEdge)
            .OrderBy(n => topology.Hops(task.LocalEdge, n))
            .ThenBy(n => n);
        foreach (var n in candidates)
        {
            var plan = PlanBuilder.Build(_system, task, decision with { TargetEdge = n }, edges[n], _conditions);
            if (plan.DropReason is null && !Crosses(plan, down))
            {
                return plan;
            }
        }

        return null;
    }

    /// <summary>The resources the fault plan has down at <paramref name="time"/>.</summary>
    private IReadOnlyList<ResourceRef> DownAt(double time)
    {
        var faults = _system.Scenario.Faults;
        return faults.IsEmpty ? [] : faults.DownAt(time, _resources ??= SystemResources.Of(_system), _system.Scenario);
    }

    private IReadOnlyList<TaskRequest> Estimates(IReadOnlyList<TaskRequest> tasks)
    {
        if (_system.Scenario.Conditions.ChannelEstimateError == 0.0)
        {
            return tasks;
        }

        var estimates = new TaskRequest[tasks.Count];
        for (var i = 0; i < estimates.Length; i++)
        {
            estimates[i] = _conditions.Estimate(tasks[i]);
        }

        return estimates;
    }

    /// <summary>Each edge's state with the capacity available to the slot's tasks.</summary>
    private IReadOnlyList<EdgeStatus> Available(int slot, IReadOnlyList<EdgeStatus> edges)
    {
        if (!_system.Scenario.Conditions.VariesAvailability)
        {
            return edges;
        }

        var available = new EdgeStatus[edges.Count];
        for (var n = 0; n < available.Length; n++)
        {
            available[n] = edges[n] with { CapacityHz = edges[n].CapacityHz * _conditions.Availability(n, slot) };
        }

        return available;
    }
}
