using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

public static class MiniBatches
{
    /// <summary>
    /// One epoch over 0..count−1 in a shuffled order (Fisher–Yates on <paramref name="random"/>),
    /// cut into batches of <paramref name="batchSize"/>; the last may be shorter. All batches are
    /// views of one permutation array, so an epoch allocates once.
    /// </summary>
    public static IEnumerable<ArraySegment<int>> Shuffled(int count, int batchSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentNullException.ThrowIfNull(random);
        return Iterate(Permutation(count, random), batchSize);
    }

    /// <summary>A uniformly random permutation of 0..count−1.</summary>
    public static int[] Permutation(int count, Random random) => Core.Randomness.Permutation.Of(count, random);

    /// <summary>Copies the selected rows of <paramref name="source"/>, in order, into <paramref name="destination"/>.</summary>
    public static void GatherRows(Matrix<double> source, ReadOnlySpan<int> rows, Matrix<double> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        DenseStorage.RequireShape(destination, rows.Length, source.ColumnCount, nameof(destination));
        var from = DenseStorage.Of(source, nameof(source));
        var to = DenseStorage.Of(destination, nameof(destination));
        var sourceRows = source.RowCount;
        for (var i = 0; i < rows.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)rows[i], (uint)sourceRows, nameof(rows));
        }

        for (var c = 0; c < source.ColumnCount; c++)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                to[c * rows.Length + i] = from[c * sourceRows + rows[i]];
            }
        }
    }

    private static IEnumerable<ArraySegment<int>> Iterate(int[] order, int batchSize)
    {
        for (var start = 0; start < order.Length; start += batchSize)
        {
            yield return new ArraySegment<int>(order, start, Math.Min(batchSize, order.Length - start));
        }
    }
}
