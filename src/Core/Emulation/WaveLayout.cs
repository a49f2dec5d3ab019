namespace MecActors.Core.Emulation;

/// <summary>
/// What one resource does in a wave: how many tasks enter it from their devices, which resources send it a batch
/// and which it sends one to, the downloads it carries and, for a processor, the slot's K. A link into it from a
/// resource of the same cycle that comes at or after it in the wave's order is a back link: its batch is the one
/// of the previous pass (none in the first), see <see cref="WaveLayout"/>.
/// </summary>
public sealed record WaveRole(
    ResourceRef Resource,
    int Entries,
    ResourceRef[] Upstream,
    ResourceRef[] BackUpstream,
    ResourceRef[] Downstream,
    ResourceRef[] BackDownstream,
    ModelDownload[] Fetches,
    int ComputeJobs)
{
    internal sealed class Builder(ResourceRef resource)
    {
        public ResourceRef Resource { get; } = resource;

        public int Entries { get; set; }

        public int ComputeJobs { get; set; }

        public List<ResourceRef> Upstream { get; } = new();

        public List<ResourceRef> Downstream { get; } = new();

        public List<ModelDownload> Fetches { get; } = new();
    }
}

/// <summary>
/// One horizon wave: every resource taking part and its role, in a fixed order. When the active links form
/// cycles (routes that go back and forth between nodes), the wave is repeated to its fixpoint
/// (docs/architecture.md, Waves): every pass starts each resource from its state at the wave's start, feeds it the
/// wave's entries, the batches of this pass on forward links and those of the previous pass on back links, and
/// ends when no back link's batch changed. Forward links never form a cycle, so every pass runs through.
/// </summary>
public sealed class WaveLayout
{
    private readonly Dictionary<ResourceRef, int> _index;
    private readonly int[] _forwardOrder;

    private WaveLayout(int slot, double horizon, WaveRole[] roles, bool cyclic, Dictionary<ResourceRef, int> index, int[] forwardOrder)
    {
        Slot = slot;
        Horizon = horizon;
        Roles = roles;
        Cyclic = cyclic;
        _index = index;
        _forwardOrder = forwardOrder;
        foreach (var role in roles)
        {
            Links += role.Downstream.Length;
        }
    }

    public int Slot { get; }

    public double Horizon { get; }

    /// <summary>The resources taking part, ordered by resource.</summary>
    public IReadOnlyList<WaveRole> Roles { get; }

    /// <summary>Whether some link is a back link, so the wave runs in passes to a fixpoint.</summary>
    public bool Cyclic { get; }

    /// <summary>Active links: each carries one batch a pass.</summary>
    public int Links { get; }

    /// <summary>The roles in an order where every forward upstream of a resource comes before it.</summary>
    public IEnumerable<WaveRole> InForwardOrder()
    {
        foreach (var i in _forwardOrder)
        {
            yield return Roles[i];
        }
    }

    /// <summary>
    /// This layout's resources and links (a shape, built with no tasks) for the wave to <paramref name="horizon"/> of
    /// slot <paramref name="slot"/>: with the entries, downloads and K of <paramref name="decision"/>.
    /// </summary>
    internal WaveLayout For(int slot, double horizon, SlotDecision? decision)
    {
        var roles = (WaveRole[])((WaveRole[])Roles).Clone();
        if (decision is not null)
        {
            var entries = new int[roles.Length];
            foreach (var plan in decision.Plans)
            {
                if (plan.DropReason is null)
                {
                    entries[IndexOf(plan.Entry)]++;
                }
            }

            for (var i = 0; i < roles.Length; i++)
            {
                if (entries[i] > 0)
                {
                    roles[i] = roles[i] with { Entries = entries[i] };
                }
            }

            foreach (var download in decision.Downloads)
            {
                var i = IndexOf(download.Link);
                roles[i] = roles[i] with { Fetches = [.. roles[i].Fetches, download] };
            }

            foreach (var jobs in decision.ComputeJobs)
            {
                var i = IndexOf(jobs.Resource);
                roles[i] = roles[i] with { ComputeJobs = jobs.Count };
            }
        }

        return new WaveLayout(slot, horizon, roles, Cyclic, _index, _forwardOrder);
    }

    private int IndexOf(ResourceRef resource) => _index.TryGetValue(resource, out var i)
        ? i
        : throw new InvalidOperationException($"{resource} has work in the wave but is on no link of a route in flight");

    private static int[] ForwardOrder(WaveRole[] roles, Dictionary<ResourceRef, int> index)
    {
        var order = new List<int>(roles.Length);
        var waiting = new int[roles.Length];
        var ready = new Queue<int>();
        for (var i = 0; i < roles.Length; i++)
        {
            waiting[i] = roles[i].Upstream.Length - roles[i].BackUpstream.Length;
            if (waiting[i] == 0)
            {
                ready.Enqueue(i);
            }
        }

        while (ready.Count > 0)
        {
            var i = ready.Dequeue();
            order.Add(i);
            var role = roles[i];
            foreach (var next in role.Downstream)
            {
                if (Array.IndexOf(role.BackDownstream, next) < 0 && --waiting[index[next]] == 0)
                {
                    ready.Enqueue(index[next]);
                }
            }
        }

        return order.ToArray();
    }

    internal static WaveLayout Build(int slot, double horizon, IEnumerable<WaveRole.Builder> builders)
    {
        var list = builders.ToList();
        var index = new Dictionary<ResourceRef, int>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            index.Add(list[i].Resource, i);
            list[i].Upstream.Sort();
            list[i].Downstream.Sort();
        }

        var back = BackLinks(list, index);
        var roles = new WaveRole[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var b = list[i];
            var r = b.Resource;
            roles[i] = new WaveRole(
                r,
                b.Entries,
                b.Upstream.ToArray(),
                back.Count == 0 ? [] : b.Upstream.Where(u => back.Contains((u, r))).ToArray(),
                b.Downstream.ToArray(),
                back.Count == 0 ? [] : b.Downstream.Where(d => back.Contains((r, d))).ToArray(),
                b.Fetches.ToArray(),
                b.ComputeJobs);
        }

        return new WaveLayout(slot, horizon, roles, back.Count > 0, index, ForwardOrder(roles, index));
    }

    /// <summary>
    /// The links that close a cycle: within each strongly connected component (Tarjan), a link from a resource to one
    /// that comes at or before it in the component's order (the order of resources, a fixed one; it decides only how
    /// many passes a wave takes, never its result).
    /// </summary>
    private static HashSet<(ResourceRef, ResourceRef)> BackLinks(List<WaveRole.Builder> nodes, Dictionary<ResourceRef, int> index)
    {
        var component = StronglyConnected(nodes, index);
        var back = new HashSet<(ResourceRef, ResourceRef)>();
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var d in nodes[i].Downstream)
            {
                var j = index[d];
                if (component[i] == component[j] && j <= i)
                {
                    back.Add((nodes[i].Resource, d));
                }
            }
        }

        return back;
    }

    private static int[] StronglyConnected(List<WaveRole.Builder> nodes, Dictionary<ResourceRef, int> index)
    {
        var n = nodes.Count;
        var order = new int[n];
        var low = new int[n];
        var component = new int[n];
        var onStack = new bool[n];
        var stack = new Stack<int>();
        Array.Fill(order, -1);
        var counter = 0;
        var components = 0;

        // Iterative Tarjan: a wave can span thousands of resources.
        var work = new Stack<(int Node, int Next)>();
        for (var root = 0; root < n; root++)
        {
            if (order[root] >= 0)
            {
                continue;
            }

            work.Push((root, 0));
            order[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (work.Count > 0)
            {
                var (v, next) = work.Pop();
                var downstream = nodes[v].Downstream;
                if (next < downstream.Count)
                {
                    work.Push((v, next + 1));
                    var w = index[downstream[next]];
                    if (order[w] < 0)
                    {
                        order[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        work.Push((w, 0));
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], order[w]);
                    }

                    continue;
                }

                if (low[v] == order[v])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        component[w] = components;
                    }
                    while (w != v);
                    components++;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        return component;
    }
}
