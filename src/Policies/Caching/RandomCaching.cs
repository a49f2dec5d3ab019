using MecActors.Core.Decisions;
using MecActors.Core.Randomness;

namespace MecActors.Policies.Caching;

/// <summary>
/// Random caching (paper 000, Sec. IV: "randomly selects caching decisions"): every slot each edge draws
/// each z_{m,n} as a fair coin, then takes the chosen types in a fresh random order, skipping one that
/// no longer fits (C3). Each edge draws from its own caching stream; the streams' positions are its state.
/// </summary>
public sealed class RandomCaching : ICachingPolicy, IResumablePolicy
{
    private const string StateKind = "random-caching";

    private readonly int _seed;
    private readonly Dictionary<int, RandomStream> _streams = new();

    public RandomCaching(int seed)
    {
        _seed = seed;
    }

    public bool[][] Place(CacheObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var scenario = observation.System.Scenario;
        var placement = new bool[scenario.EdgeCount][];
        for (var n = 0; n < placement.Length; n++)
        {
            var random = Stream(n);
            var order = Permutation.Of(scenario.Models.Count, random);
            var chosen = new List<int>(order.Length);
            foreach (var m in order)
            {
                if (random.NextDouble() < 0.5)
                {
                    chosen.Add(m);
                }
            }

            placement[n] = CachePacking.Fill(chosen, CachePacking.CapacityBits(scenario, n), scenario);
        }

        return placement;
    }

    /// <summary>The streams of the edges that have drawn, by edge.</summary>
    public byte[] CaptureState() => StateBytes.Write(StateKind, writer =>
    {
        writer.Write(_streams.Count);
        foreach (var edge in _streams.Keys.Order())
        {
            writer.Write(edge);
            _streams[edge].WriteState(writer);
        }
    });

    public void RestoreState(byte[] state) => StateBytes.Read(state, StateKind, reader =>
    {
        _streams.Clear();
        for (var n = StateBytes.ReadCount(reader); n > 0; n--)
        {
            var stream = Stream(reader.ReadInt32());
            stream.ReadState(reader);
        }
    });

    private RandomStream Stream(int edge)
    {
        if (!_streams.TryGetValue(edge, out var stream))
        {
            stream = RandomStream.For(_seed, StreamKind.Caching, edge);
            _streams.Add(edge, stream);
        }

        return stream;
    }
}
