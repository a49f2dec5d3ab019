namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// DROO's order-preserving quantisation (Huang, Bi, Zhang 2020, Sec. IV-B), for one choice among several per task: the
/// first candidate takes each task's highest score; the k-th (k &gt;= 2) takes the task with the (k-1)-th smallest gap
/// between its best and second-best scores and moves it, and every task with the same best option and a gap no
/// larger, to its second-best option. With two options per task this is DROO's rule of thresholding the relaxed
/// binary action at the (k-1)-th value closest to 0.5. Candidates may repeat when fewer tasks than K exist.
/// </summary>
public static class OrderPreservingQuantiser
{
    /// <summary>
    /// Up to <paramref name="count"/> distinct candidates from <paramref name="scores"/> (tasks x options, row-major):
    /// each an option index per task.
    /// </summary>
    public static List<int[]> Candidates(ReadOnlySpan<double> scores, int tasks, int options, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (scores.Length != tasks * options)
        {
            throw new ArgumentException($"{scores.Length} scores for {tasks} tasks x {options} options", nameof(scores));
        }

        var best = new int[tasks];
        var second = new int[tasks];
        var gap = new double[tasks];
        for (var u = 0; u < tasks; u++)
        {
            var row = scores.Slice(u * options, options);
            var b = 0;
            for (var o = 1; o < options; o++)
            {
                if (row[o] > row[b])
                {
                    b = o;
                }
            }

            var s = b == 0 ? Math.Min(1, options - 1) : 0;
            for (var o = 0; o < options; o++)
            {
                if (o != b && row[o] > row[s])
                {
                    s = o;
                }
            }

            (best[u], second[u], gap[u]) = (b, s, row[b] - row[s]);
        }

        var result = new List<int[]>(count) { best };
        if (options == 1)
        {
            return result;
        }

        var byGap = Enumerable.Range(0, tasks).OrderBy(u => gap[u]).ThenBy(u => u).ToArray();
        for (var k = 1; k < count && k <= tasks; k++)
        {
            var pivot = byGap[k - 1];
            var candidate = (int[])best.Clone();
            for (var u = 0; u < tasks; u++)
            {
                if (best[u] == best[pivot] && gap[u] <= gap[pivot])
                {
                    candidate[u] = second[u];
                }
            }

            if (!result.Any(c => c.AsSpan().SequenceEqual(candidate)))
            {
                result.Add(candidate);
            }
        }

        return result;
    }
}
