namespace MecActors.Policies.Lymdo;

/// <summary>
/// One slot as a partition rule sees it: its number and length, each UE's frames, its signal-to-noise ratio over the band, the backlogs of its
/// processor and transmitter, its virtual queue as the policy prices it (0 for a policy blind to the budget), the
/// partition points to choose from, and the drift-plus-penalty objective of any choice with the allocation that is
/// optimal given it.
/// </summary>
public sealed class PartitionSlot
{
    private readonly Func<int[], UeLoad[]> _loads;
    private readonly Func<SlotProblem, IReadOnlyList<UeLoad>, SlotAllocation> _allocate;

    public PartitionSlot(
        int slot,
        double slotSeconds,
        SlotProblem problem,
        Func<SlotProblem, IReadOnlyList<UeLoad>, SlotAllocation> allocate,
        Func<int[], UeLoad[]> loads,
        int[] frames,
        IReadOnlyList<int> points,
        int layers)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(allocate);
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(points);
        Slot = slot;
        SlotSeconds = slotSeconds;
        Problem = problem;
        _allocate = allocate;
        _loads = loads;
        Frames = frames;
        Points = points;
        Layers = layers;
        Active = [.. Enumerable.Range(0, frames.Length).Where(u => frames[u] > 0)];
        State = loads(Enumerable.Repeat(points[0], frames.Length).ToArray());
    }

    /// <summary>The slot's number t.</summary>
    public int Slot { get; }

    public double SlotSeconds { get; }

    public SlotProblem Problem { get; }

    /// <summary>n_u, the frames of each UE this slot.</summary>
    public IReadOnlyList<int> Frames { get; }

    /// <summary>The UEs with frames, in order.</summary>
    public IReadOnlyList<int> Active { get; }

    /// <summary>The partition points a rule chooses among.</summary>
    public IReadOnlyList<int> Points { get; }

    /// <summary>The chain's length L (every layer on the UE).</summary>
    public int Layers { get; }

    /// <summary>Each UE's load at the first partition point: its frames, SNR, backlogs and virtual queue.</summary>
    public IReadOnlyList<UeLoad> State { get; }

    /// <summary>The objective of <paramref name="points"/> (one per UE) under its optimal allocation.</summary>
    public double Objective(int[] points)
    {
        var loads = _loads(points);
        return Problem.Objective(loads, _allocate(Problem, loads));
    }

    /// <summary>
    /// Every combination of the points over the UEs with frames (the others at the first point); the first of least
    /// objective, the combinations counted with the first active UE's choice varying fastest.
    /// </summary>
    public int[] Exhaustive()
    {
        var ues = Frames.Count;
        var choice = new int[Active.Count];
        var points = Enumerable.Repeat(Points[0], ues).ToArray();
        var best = (int[])points.Clone();
        var bestObjective = double.PositiveInfinity;
        while (true)
        {
            for (var i = 0; i < Active.Count; i++)
            {
                points[Active[i]] = Points[choice[i]];
            }

            var objective = Objective(points);
            if (objective < bestObjective)
            {
                bestObjective = objective;
                Array.Copy(points, best, ues);
            }

            var digit = 0;
            while (digit < Active.Count && ++choice[digit] == Points.Count)
            {
                choice[digit++] = 0;
            }

            if (digit == Active.Count)
            {
                return best;
            }
        }
    }

    /// <summary>Whether two choices put every UE with frames at the same point.</summary>
    public bool SameForActive(int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        foreach (var u in Active)
        {
            if (a[u] != b[u])
            {
                return false;
            }
        }

        return true;
    }
}
