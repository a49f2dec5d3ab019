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
    private readonly Dictionary<(ResourceRef From, ResourceRef To), int> _links = new(LinkComparer.Instance);
    private readonly Dictionary<ResourceRef, int> _alone = new(LinkComparer.Instance);
    private readonly Dictionary<long, TaskPlan> _inFlight = new();
    private readonly Dictionary<ulong, Shape> _shapes = new();
    private ulong _signature;

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
        _signature = 0;
    }

    /// <summary>
    /// The wave to <paramref name="horizon"/> of slot <paramref name="slot"/>, with the tasks the slot's decision
    /// releases (already <see cref="Released"/>) entering from their devices and its downloads.
    /// </summary>
    public WaveLayout Layout(int slot, double horizon, SlotDecision? decision)
    {
        // The same links come back wave after wave (in paper 000 they vanish when a slot's tasks end and return with
        // the next slot's), so shapes are kept by the set of active links, told apart by an order-free signature and
        // checked link by link.
        if (!_shapes.TryGetValue(_signature, out var shape) || !shape.Matches(_links, _alone))
        {
            if (_shapes.Count >= MaxShapes)
            {
                _shapes.Clear();
            }

            shape = new Shape(BuildShape(), [.. _links.Keys], [.. _alone.Keys]);
            _shapes[_signature] = shape;
        }

        return shape.Layout.For(slot, horizon, decision);
    }

    /// <summary>Shapes kept at most; a run whose routes vary more builds the rest afresh.</summary>
    private const int MaxShapes = 256;

    private WaveLayout BuildShape()
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

        return WaveLayout.Build(0, 0.0, roles.Values);
    }

    private void Count(TaskPlan plan, int delta)
    {
        var route = plan.Route;
        var links = 0;
        for (var s = plan.FirstPathStage; s + 1 < route.Length; s++)
        {
            CountLink((route[s].Resource, route[s + 1].Resource), delta);
            links++;
        }

        if (plan.Fetch is { } fetch)
        {
            foreach (var stage in route)
            {
                if (stage.JoinsFetch)
                {
                    CountLink((fetch.Resource, stage.Resource), delta);
                    links++;
                    break;
                }
            }
        }

        if (links == 0 && Add(_alone, plan.Entry, delta))
        {
            _signature ^= Mix(Hash(plan.Entry) ^ 0x9E3779B97F4A7C15UL);
        }
    }

    private void CountLink((ResourceRef From, ResourceRef To) link, int delta)
    {
        if (Add(_links, link, delta))
        {
            _signature ^= Mix(Hash(link.From) * 31 + Hash(link.To));
        }
    }

    private static ulong Hash(ResourceRef r) => ((ulong)r.Kind << 48) ^ ((ulong)(uint)r.A << 24) ^ (uint)r.B;

    /// <summary>SplitMix64's finaliser: spreads a key over all 64 bits, so XOR-ing keys in and out stays order-free.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Counts a task in or out; true when the key appeared or disappeared. One lookup unless the key goes.</summary>
    private static bool Add<TKey>(Dictionary<TKey, int> counts, TKey key, int delta)
        where TKey : notnull
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        var n = count + delta;
        if (n < 0)
        {
            counts.Remove(key);
            throw new InvalidOperationException($"{key}: more tasks ended than were released through it");
        }

        if (n == 0)
        {
            counts.Remove(key);
            return true;
        }

        count = n;
        return n == delta;
    }

    /// <summary>Resources and links by value, hashed from their packed fields: they are counted in and out for every task.</summary>
    private sealed class LinkComparer : IEqualityComparer<(ResourceRef From, ResourceRef To)>, IEqualityComparer<ResourceRef>
    {
        public static readonly LinkComparer Instance = new();

        public bool Equals((ResourceRef From, ResourceRef To) x, (ResourceRef From, ResourceRef To) y) => Equals(x.From, y.From) && Equals(x.To, y.To);

        public int GetHashCode((ResourceRef From, ResourceRef To) link) => (int)(Mix((Hash(link.From) * 31) + Hash(link.To)) >> 32);

        public bool Equals(ResourceRef x, ResourceRef y) => x.Kind == y.Kind && x.A == y.A && x.B == y.B;

        public int GetHashCode(ResourceRef resource) => (int)(Mix(Hash(resource)) >> 32);
    }

    /// <summary>A wave's shape and the active links it was built for.</summary>
    private sealed record Shape(WaveLayout Layout, (ResourceRef From, ResourceRef To)[] Links, ResourceRef[] Alone)
    {
        public bool Matches(Dictionary<(ResourceRef From, ResourceRef To), int> active, Dictionary<ResourceRef, int> activeAlone)
        {
            if (active.Count != Links.Length || activeAlone.Count != Alone.Length)
            {
                return false;
            }

            foreach (var link in Links)
            {
                if (!active.ContainsKey(link))
                {
                    return false;
                }
            }

            foreach (var resource in Alone)
            {
                if (!activeAlone.ContainsKey(resource))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
