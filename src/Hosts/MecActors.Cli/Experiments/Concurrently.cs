namespace MecActors.Cli.Experiments;

/// <summary>Runs independent jobs a bounded number at a time; each result lands at its job's index, whatever finished first.</summary>
internal static class Concurrently
{
    /// <summary>
    /// Runs <paramref name="body"/> for 0 .. <paramref name="count"/> − 1, starting them in index order with at most
    /// <paramref name="parallel"/> running at once (1: one after another).
    /// </summary>
    public static async Task<T[]> RunAsync<T>(int count, int parallel, Func<int, Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        var results = new T[count];
        await Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
                async (i, _) => results[i] = await body(i).ConfigureAwait(false))
            .ConfigureAwait(false);
        return results;
    }
}
