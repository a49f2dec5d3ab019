namespace MecActors.Core.Emulation;

/// <summary>
/// The routes in flight and the resource graph they span: a link u -> v is active while a task whose route goes
/// from u to v (or whose fetch over u joins its compute at v) is in flight, from its release to its report,
/// whether it is still before u, between them or past v; a superset of the links that can carry anything. A wave
/// is laid out from it (<see cref="Layout"/>): the resources on active links take part, each waiting for a batch
/// from every active upstream; the others hold nothing and sit the wave out.
/// </summary>
public sealed class RouteActivity
{
    private readonly Dictionary<(ResourceRef From, ResourceRef To), int> _links = new();
    private readonly Dictionary<ResourceRef, int> _alone = new();
    private readonly Dictionary<long, TaskPlan> _inFlight = new();
    private readonly List<(ResourceRef From, ResourceRef To)> _scratch = new();

    /// <summary>Tasks released and not yet reported.</summary>
    public int InFlight => _inFlight.Count;

    public void Released(TaskPlan plan)
    {
        _inFlight.Add(plan.Request.TaskId, plan);
        Count(plan, +1);
    }

    /// <summary>The task has ended; returns its plan.</summary>
    public TaskPlan Ended(long taskId)
    {
        if (!_inFlight.Remove(taskId, out var plan))
        {
            throw new InvalidOperationException($"task {taskId} ended but was never released");
        }

        Count(plan, -1);
        return plan;
    }

    /// <summary>Forgets every task in flight (their work was lost with a node).</summary>
    public void Clear()
    {
        _inFlight.Clear();
        _links.Clear();
        _alone.Clear();
    }

    /// <summary>
    /// The wave to <paramref name="horizon"/> of slot <paramref name="slot"/>, with the tasks the slot's decision
    /// releases (already <see cref="Released"/>) entering from their devices and its downloads.
    /// </summary>
    public WaveLayout Layout(int slot, double horizon, SlotDecision? decision)
    {
        var roles = new SortedDictionary<ResourceRef, WaveRole.Builder>();
        WaveRole.Builder Role(ResourceRef r)
        {
            if (!roles.TryGetValue(r, out var b))
            {
                b = new WaveRole.Builder(r);
                roles.Add(r, b);
            }

            return b;
        }

        foreach (var ((from, to), _) in _links)
        {
            Role(from).Downstream.Add(to);
            Role(to).Upstream.Add(from);
        }

        foreach (var (resource, _) in _alone)
        {
            Role(resource);
        }

        if (decision is not null)
        {
            foreach (var plan in decision.Plans)
            {
                if (plan.DropReason is null)
                {
                    Role(plan.Entry).Entries++;
                }
            }

            foreach (var download in decision.Downloads)
            {
                Role(download.Link).Fetches.Add(download);
            }

            foreach (var jobs in decision.ComputeJobs)
            {
                Role(jobs.Resource).ComputeJobs = jobs.Count;
            }
        }

        return WaveLayout.Build(slot, horizon, roles.Values);
    }

    private void Count(TaskPlan plan, int delta)
    {
        _scratch.Clear();
        var route = plan.Route;
        for (var s = plan.FirstPathStage; s + 1 < route.Length; s++)
        {
            _scratch.Add((route[s].Resource, route[s + 1].Resource));
        }

        if (plan.Fetch is { } fetch)
        {
            foreach (var stage in route)
            {
                if (stage.JoinsFetch)
                {
                    _scratch.Add((fetch.Resource, stage.Resource));
                    break;
                }
            }
        }

        if (_scratch.Count == 0)
        {
            Add(_alone, plan.Entry, delta);
        }

        foreach (var link in _scratch)
        {
            Add(_links, link, delta);
        }
    }

    private static void Add<TKey>(Dictionary<TKey, int> counts, TKey key, int delta)
        where TKey : notnull
    {
        var n = counts.GetValueOrDefault(key) + delta;
        if (n < 0)
        {
            throw new InvalidOperationException($"{key}: more tasks ended than were released through it");
        }

        if (n == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = n;
        }
    }
}
