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
    // Links and lone entries are numbered once, when first seen, and counted in arrays by number: every task counts
    // its route's links in at its release and out at its end, and in paper 000 a slot's links vanish with its tasks
    // and return with the next slot's.
    private readonly Dictionary<(ResourceRef From, ResourceRef To), int> _linkIds = new(LinkComparer.Instance);
    private readonly Dictionary<ResourceRef, int> _aloneIds = new(LinkComparer.Instance);
    private readonly List<(ResourceRef From, ResourceRef To)> _links = new();
    private readonly List<ResourceRef> _alone = new();
    private readonly List<ulong> _linkMix = new();
    private readonly List<ulong> _aloneMix = new();
    private int[] _linkTasks = new int[16];
    private int[] _aloneTasks = new int[4];
    private int _activeLinks;
    private int _activeAlone;
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
        Array.Clear(_linkTasks);
        Array.Clear(_aloneTasks);
        _activeLinks = 0;
        _activeAlone = 0;
        _signature = 0;
    }

    /// <summary>
    /// The wave to <paramref name="horizon"/> of slot <paramref name="slot"/>, with the tasks the slot's decision
    /// releases (already <see cref="Released"/>) entering from their devices and its downloads.
    /// </summary>
    public WaveLayout Layout(int slot, double horizon, SlotDecision? decision)
    {
        // The same links come back wave after wave, so shapes are kept by the set of active links, told apart by an
        // order-free signature and checked link by link.
        if (!_shapes.TryGetValue(_signature, out var shape) || !Matches(shape))
        {
            if (_shapes.Count >= MaxShapes)
            {
                _shapes.Clear();
            }

            shape = new Shape(BuildShape(), Active(_linkTasks, _links.Count), Active(_aloneTasks, _alone.Count));
            _shapes[_signature] = shape;
        }

        return shape.Layout.For(slot, horizon, decision);
    }

    /// <summary>Shapes kept at most; a run whose routes vary more builds the rest afresh.</summary>
    private const int MaxShapes = 256;

    private bool Matches(Shape shape)
    {
        if (_activeLinks != shape.Links.Length || _activeAlone != shape.Alone.Length)
        {
            return false;
        }

        foreach (var id in shape.Links)
        {
            if (_linkTasks[id] == 0)
            {
                return false;
            }
        }

        foreach (var id in shape.Alone)
        {
            if (_aloneTasks[id] == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int[] Active(int[] tasks, int known)
    {
        var active = new List<int>();
        for (var id = 0; id < known; id++)
        {
            if (tasks[id] > 0)
            {
                active.Add(id);
            }
        }

        return [.. active];
    }

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

        for (var id = 0; id < _links.Count; id++)
        {
            if (_linkTasks[id] > 0)
            {
                var (from, to) = _links[id];
                Role(from).Downstream.Add(to);
                Role(to).Upstream.Add(from);
            }
        }

        for (var id = 0; id < _alone.Count; id++)
        {
            if (_aloneTasks[id] > 0)
            {
                Role(_alone[id]);
            }
        }

        return WaveLayout.Build(0, 0.0, roles.Values);
    }

    private int LinkId((ResourceRef From, ResourceRef To) link)
    {
        ref var id = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_linkIds, link, out var known);
        if (!known)
        {
            id = _links.Count;
            _links.Add(link);
            _linkMix.Add(Mix((Hash(link.From) * 31) + Hash(link.To)));
            Grow(ref _linkTasks, _links.Count);
        }

        return id;
    }

    private int AloneId(ResourceRef entry)
    {
        ref var id = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_aloneIds, entry, out var known);
        if (!known)
        {
            id = _alone.Count;
            _alone.Add(entry);
            _aloneMix.Add(Mix(Hash(entry) ^ 0x9E3779B97F4A7C15UL));
            Grow(ref _aloneTasks, _alone.Count);
        }

        return id;
    }

    private static void Grow(ref int[] counts, int needed)
    {
        if (counts.Length < needed)
        {
            Array.Resize(ref counts, Math.Max(needed, counts.Length * 2));
        }
    }

    /// <summary>Counts a task in or out of the links its route spans from its first path stage on, and its fetch's join; a route of one resource, of its entry alone.</summary>
    private void Count(TaskPlan plan, int delta)
    {
        var route = plan.Route;
        var links = 0;
        for (var s = plan.FirstPathStage; s + 1 < route.Length; s++)
        {
            CountLink(LinkId((route[s].Resource, route[s + 1].Resource)), delta);
            links++;
        }

        if (plan.Fetch is { } fetch)
        {
            foreach (var stage in route)
            {
                if (stage.JoinsFetch)
                {
                    CountLink(LinkId((fetch.Resource, stage.Resource)), delta);
                    links++;
                    break;
                }
            }
        }

        if (links == 0)
        {
            var id = AloneId(plan.Entry);
            if (Add(_aloneTasks, id, delta, plan.Entry))
            {
                _signature ^= _aloneMix[id];
                _activeAlone += delta;
            }
        }
    }

    private void CountLink(int id, int delta)
    {
        if (Add(_linkTasks, id, delta, _links[id]))
        {
            _signature ^= _linkMix[id];
            _activeLinks += delta;
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

    /// <summary>Counts a task in or out of a link; true when the link became active or idle.</summary>
    private static bool Add<TKey>(int[] counts, int id, int delta, TKey key)
    {
        var n = counts[id] + delta;
        if (n < 0)
        {
            throw new InvalidOperationException($"{key}: more tasks ended than were released through it");
        }

        counts[id] = n;
        return n == 0 || n == delta;
    }

    /// <summary>Resources and links by value, hashed from their packed fields.</summary>
    private sealed class LinkComparer : IEqualityComparer<(ResourceRef From, ResourceRef To)>, IEqualityComparer<ResourceRef>
    {
        public static readonly LinkComparer Instance = new();

        public bool Equals((ResourceRef From, ResourceRef To) x, (ResourceRef From, ResourceRef To) y) => Equals(x.From, y.From) && Equals(x.To, y.To);

        public int GetHashCode((ResourceRef From, ResourceRef To) link) => (int)(Mix((Hash(link.From) * 31) + Hash(link.To)) >> 32);

        public bool Equals(ResourceRef x, ResourceRef y) => x.Kind == y.Kind && x.A == y.A && x.B == y.B;

        public int GetHashCode(ResourceRef resource) => (int)(Mix(Hash(resource)) >> 32);
    }

    /// <summary>A wave's shape and the numbers of the active links and lone entries it was built for.</summary>
    private sealed record Shape(WaveLayout Layout, int[] Links, int[] Alone);
}
