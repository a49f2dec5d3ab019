namespace MecActors.Actors;

/// <summary>
/// Which fiber paths take part in a wave: a path (a, b) does while a task routed from cell a to edge b is in
/// flight (released and not yet reported), whether it is still uploading, on the fiber or at the edge. The others
/// hold nothing and can receive nothing before the next decision, so they sit the wave out: with N edges that
/// spares up to 3 N (N - 1) messages a wave. Counting until the report, not until the task leaves the fiber,
/// keeps the rule a superset of the paths that carry anything.
/// </summary>
public sealed class FiberActivity
{
    private readonly int _edges;
    private readonly int[,] _inFlight;
    private int _active;

    public FiberActivity(int edges)
    {
        _edges = edges;
        _inFlight = new int[edges, edges];
    }

    /// <summary>All fiber paths, N (N - 1).</summary>
    public int PathCount => _edges * (_edges - 1);

    /// <summary>Paths with a task in flight.</summary>
    public int ActiveCount => _active;

    public void Released(int localEdge, int targetEdge)
    {
        if (localEdge != targetEdge && _inFlight[localEdge, targetEdge]++ == 0)
        {
            _active++;
        }
    }

    public void Ended(int localEdge, int targetEdge)
    {
        if (localEdge == targetEdge)
        {
            return;
        }

        if (_inFlight[localEdge, targetEdge] == 0)
        {
            throw new InvalidOperationException($"fiber {localEdge}->{targetEdge}: a task ended that was never released");
        }

        if (--_inFlight[localEdge, targetEdge] == 0)
        {
            _active--;
        }
    }

    /// <summary>The target edges of the active paths leaving cell <paramref name="cell"/>, ascending.</summary>
    public int[] ActiveFrom(int cell) => Active(cell, leaving: true);

    /// <summary>The source cells of the active paths into edge <paramref name="edge"/>, ascending.</summary>
    public int[] ActiveInto(int edge) => Active(edge, leaving: false);

    /// <summary>The other ends of the active paths leaving <paramref name="edge"/> or arriving at it (a plain loop: it runs every wave).</summary>
    private int[] Active(int edge, bool leaving)
    {
        var ends = new List<int>();
        for (var other = 0; other < _edges; other++)
        {
            if ((leaving ? _inFlight[edge, other] : _inFlight[other, edge]) > 0)
            {
                ends.Add(other);
            }
        }

        return ends.ToArray();
    }
}
