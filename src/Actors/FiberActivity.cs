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
    public int[] ActiveFrom(int cell) => Edges(b => _inFlight[cell, b] > 0);

    /// <summary>The source cells of the active paths into edge <paramref name="edge"/>, ascending.</summary>
    public int[] ActiveInto(int edge) => Edges(a => _inFlight[a, edge] > 0);

    private int[] Edges(Func<int, bool> active) => Enumerable.Range(0, _edges).Where(active).ToArray();
}
