using MecActors.Core.Decisions;

namespace MecActors.Policies.Caching;

/// <summary>
/// Popularity-based caching (paper 000, Sec. III-A): each edge counts the model types its own devices
/// requested over the last W slots and, for the next slot, caches the most requested ones greedily by count
/// (ties: lower model id), skipping a model that does not fit and continuing with the next (C3).
/// Before any slot has been observed every count is zero, so the edges rank models by id. The window is its state.
/// </summary>
public sealed class PopularityCaching : ICachingPolicy, IResumablePolicy
{
    private const string StateKind = "popularity-caching";

    private readonly List<(int Slot, int[][] Counts)> _window = new();

    public PopularityCaching(int windowSlots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSlots, 1);
        WindowSlots = windowSlots;
    }

    /// <summary>With the window the scenario gives (<see cref="PopularityCachingSettings"/>).</summary>
    public PopularityCaching(SystemView system)
        : this(system.Scenario.PolicyParameters.Get<PopularityCachingSettings>().WindowSlots)
    {
    }

    /// <summary>W: how many of the most recent slots the request counts cover.</summary>
    public int WindowSlots { get; }

    /// <summary>
    /// Records the requests of slot <c>NextSlot - 1</c> (each edge's entry counts the requests per model type;
    /// recording the same slot again replaces it) and places the caches of <c>NextSlot</c>.
    /// </summary>
    public bool[][] Place(CacheObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var scenario = observation.System.Scenario;
        var edges = scenario.EdgeCount;
        var models = scenario.Models.Count;
        Record(observation, edges, models);

        var placement = new bool[edges][];
        for (var n = 0; n < edges; n++)
        {
            var counts = new int[models];
            foreach (var (_, slotCounts) in _window)
            {
                for (var m = 0; m < models; m++)
                {
                    counts[m] += slotCounts[n][m];
                }
            }

            placement[n] = CachePacking.Fill(Rank(counts), CachePacking.CapacityBits(scenario, n), scenario);
        }

        return placement;
    }

    /// <summary>The requests of <paramref name="model"/> at <paramref name="edge"/> within the current window.</summary>
    public int CountInWindow(int edge, int model)
    {
        var total = 0;
        foreach (var (_, counts) in _window)
        {
            if (edge < counts.Length && model < counts[edge].Length)
            {
                total += counts[edge][model];
            }
        }

        return total;
    }

    /// <summary>The window: per slot recorded, each edge's request counts.</summary>
    public byte[] CaptureState() => StateBytes.Write(StateKind, writer =>
    {
        writer.Write(WindowSlots);
        writer.Write(_window.Count);
        foreach (var (slot, counts) in _window)
        {
            writer.Write(slot);
            writer.Write(counts.Length);
            foreach (var perModel in counts)
            {
                StateBytes.WriteArray(writer, perModel);
            }
        }
    });

    /// <exception cref="InvalidDataException">The capture is of a window of another length.</exception>
    public void RestoreState(byte[] state) => StateBytes.Read(state, StateKind, reader =>
    {
        var windowSlots = reader.ReadInt32();
        if (windowSlots != WindowSlots)
        {
            throw new InvalidDataException($"the state is of a {windowSlots}-slot window, this one has {WindowSlots}");
        }

        _window.Clear();
        for (var n = StateBytes.ReadCount(reader); n > 0; n--)
        {
            var slot = reader.ReadInt32();
            var counts = new int[StateBytes.ReadCount(reader)][];
            for (var e = 0; e < counts.Length; e++)
            {
                counts[e] = StateBytes.ReadInts(reader);
            }

            _window.Add((slot, counts));
        }
    });

    private void Record(CacheObservation observation, int edges, int models)
    {
        var ended = observation.NextSlot - 1;
        _window.RemoveAll(e => e.Slot >= ended || e.Slot <= ended - WindowSlots);
        if (ended < 1)
        {
            return;
        }

        var requests = observation.RequestsPerEdge;
        if (requests.Count > edges)
        {
            throw new ArgumentException($"requests are given for {requests.Count} edges, the system has {edges}", nameof(observation));
        }

        var counts = new int[edges][];
        for (var n = 0; n < edges; n++)
        {
            counts[n] = new int[models];
            if (n >= requests.Count || requests[n] is not { } perModel)
            {
                continue;
            }

            if (perModel.Length != models)
            {
                throw new ArgumentException($"edge {n} has request counts for {perModel.Length} models, the system has {models}", nameof(observation));
            }

            perModel.CopyTo(counts[n], 0);
        }

        _window.Add((ended, counts));
    }

    private static int[] Rank(int[] counts)
    {
        var order = new int[counts.Length];
        for (var m = 0; m < order.Length; m++)
        {
            order[m] = m;
        }

        Array.Sort(order, (a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
        return order;
    }
}
