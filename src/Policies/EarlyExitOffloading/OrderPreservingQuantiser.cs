namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// DROO's order-preserving quantisation (Huang, Bi, Zhang 2020, Sec. IV-B), for one choice among several per task: the
/// first candidate takes each task's highest score; for the k-th (k &gt;= 2), take the (task, option) pair with the
/// (k-1)-th smallest gap between the task's best score and that option's, and move that task, and every task with the
/// same best option whose gap to that option is no larger, to that option. With two options per task this is DROO's
/// rule of thresholding the relaxed binary action at the (k-1)-th value closest to 0.5. Repeated candidates are skipped.
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
        for (var u = 0; u < tasks; u++)
        {
            var row = scores.Slice(u * options, options);
            for (var o = 1; o < options; o++)
            {
                if (row[o] > row[best[u]])
                {
                    best[u] = o;
                }
            }
        }

        var gaps = new List<(double Gap, int Task, int Option)>(tasks * (options - 1));
        for (var u = 0; u < tasks; u++)
        {
            for (var o = 0; o < options; o++)
            {
                if (o != best[u])
                {
                    gaps.Add((scores[(u * options) + best[u]] - scores[(u * options) + o], u, o));
                }
            }
        }

        gaps.Sort();
        var result = new List<int[]>(count) { best };
        for (var p = 0; p < gaps.Count && result.Count < count; p++)
        {
            var (gap, pivot, option) = gaps[p];
            var candidate = (int[])best.Clone();
            for (var u = 0; u < tasks; u++)
            {
                if (best[u] == best[pivot] && u != pivot ? scores[(u * options) + best[u]] - scores[(u * options) + option] <= gap : u == pivot)
                {
                    candidate[u] = option;
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
