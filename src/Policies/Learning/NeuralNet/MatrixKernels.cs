using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Dense products on column-major arrays, register-blocked and SIMD-vectorised. The managed
/// MathNet provider is an order of magnitude slower at the small shapes a policy network uses
/// (tens of rows, ~100 columns), which would dominate a training run.
/// </summary>
internal static class MatrixKernels
{
    /// <summary>c (m×n) = a (m×k) · b (k×n), or c += a · b when <paramref name="accumulate"/>.</summary>
    /// <remarks>Vectorised along the rows of <paramref name="c"/>: fast when m is at least a few SIMD widths.</remarks>
    public static void Multiply(
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate)
    {
        CheckLengths(a.Length, m * k, b.Length, k * n, c.Length, m * n);
        ref var aRef = ref MemoryMarshal.GetReference(a);
        ref var bRef = ref MemoryMarshal.GetReference(b);
        ref var cRef = ref MemoryMarshal.GetReference(c);
        var width = Vector<double>.Count;

        var j = 0;
        for (; j + 4 <= n; j += 4)
        {
            var i = 0;
            for (; i + 2 * width <= m; i += 2 * width)
            {
                MultiplyBlock2x4(ref aRef, ref bRef, ref cRef, m, k, i, j, accumulate);
            }

            for (; i + width <= m; i += width)
            {
                MultiplyBlock1x4(ref aRef, ref bRef, ref cRef, m, k, i, j, accumulate);
            }

            for (; i < m; i++)
            {
                for (var col = j; col < j + 4; col++)
                {
                    c[col * m + i] = (accumulate ? c[col * m + i] : 0.0) + RowDotColumn(ref aRef, ref bRef, m, k, i, col);
                }
            }
        }

        for (; j < n; j++)
        {
            var i = 0;
            for (; i + width <= m; i += width)
            {
                MultiplyBlock1x1(ref aRef, ref bRef, ref cRef, m, k, i, j, accumulate);
            }

            for (; i < m; i++)
            {
                c[j * m + i] = (accumulate ? c[j * m + i] : 0.0) + RowDotColumn(ref aRef, ref bRef, m, k, i, j);
            }
        }
    }

    /// <summary>c (m×n) = aᵀ · b with a stored as k×m, i.e. c[i, j] = a[:, i] · b[:, j].</summary>
    /// <remarks>Vectorised along k: the fast path when c has few rows (acting on a single state).</remarks>
    public static void MultiplyTransposedLeft(
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n)
    {
        CheckLengths(a.Length, k * m, b.Length, k * n, c.Length, m * n);
        var width = Vector<double>.Count;
        for (var i = 0; i < m; i++)
        {
            var left = a.Slice(i * k, k);
            var j = 0;
            for (; j + 4 <= n; j += 4)
            {
                var b0 = b.Slice(j * k, k);
                var b1 = b.Slice((j + 1) * k, k);
                var b2 = b.Slice((j + 2) * k, k);
                var b3 = b.Slice((j + 3) * k, k);
                Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
                var p = 0;
                for (; p + width <= k; p += width)
                {
                    var x = new Vector<double>(left[p..]);
                    s0 = Vector.MultiplyAddEstimate(x, new Vector<double>(b0[p..]), s0);
                    s1 = Vector.MultiplyAddEstimate(x, new Vector<double>(b1[p..]), s1);
                    s2 = Vector.MultiplyAddEstimate(x, new Vector<double>(b2[p..]), s2);
                    s3 = Vector.MultiplyAddEstimate(x, new Vector<double>(b3[p..]), s3);
                }

                double t0 = Vector.Sum(s0), t1 = Vector.Sum(s1), t2 = Vector.Sum(s2), t3 = Vector.Sum(s3);
                for (; p < k; p++)
                {
                    t0 += left[p] * b0[p];
                    t1 += left[p] * b1[p];
                    t2 += left[p] * b2[p];
                    t3 += left[p] * b3[p];
                }

                c[j * m + i] = t0;
                c[(j + 1) * m + i] = t1;
                c[(j + 2) * m + i] = t2;
                c[(j + 3) * m + i] = t3;
            }

            for (; j < n; j++)
            {
                c[j * m + i] = Dot(left, b.Slice(j * k, k));
            }
        }
    }

    /// <summary>destination (columns×rows) = sourceᵀ, source being rows×columns.</summary>
    public static void Transpose(ReadOnlySpan<double> source, Span<double> destination, int rows, int columns)
    {
        CheckLengths(source.Length, rows * columns, destination.Length, rows * columns, 0, 0);
        for (var col = 0; col < columns; col++)
        {
            var column = source.Slice(col * rows, rows);
            for (var row = 0; row < rows; row++)
            {
                destination[row * columns + col] = column[row];
            }
        }
    }

    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var width = Vector<double>.Count;
        var sum = Vector<double>.Zero;
        var p = 0;
        for (; p + width <= x.Length; p += width)
        {
            sum = Vector.MultiplyAddEstimate(new Vector<double>(x[p..]), new Vector<double>(y[p..]), sum);
        }

        var total = Vector.Sum(sum);
        for (; p < x.Length; p++)
        {
            total += x[p] * y[p];
        }

        return total;
    }

    public static void Scale(Span<double> values, double factor)
    {
        var width = Vector<double>.Count;
        var scale = new Vector<double>(factor);
        var i = 0;
        for (; i + width <= values.Length; i += width)
        {
            (new Vector<double>(values[i..]) * scale).CopyTo(values[i..]);
        }

        for (; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyBlock2x4(
        ref double aRef, ref double bRef, ref double cRef, int m, int k, int i, int j, bool accumulate)
    {
        var width = Vector<double>.Count;
        nuint c0 = (nuint)(j * m + i), c1 = c0 + (nuint)m, c2 = c1 + (nuint)m, c3 = c2 + (nuint)m;
        nuint w = (nuint)width;
        Vector<double> s00, s10, s01, s11, s02, s12, s03, s13;
        if (accumulate)
        {
            s00 = Vector.LoadUnsafe(ref cRef, c0);
            s10 = Vector.LoadUnsafe(ref cRef, c0 + w);
            s01 = Vector.LoadUnsafe(ref cRef, c1);
            s11 = Vector.LoadUnsafe(ref cRef, c1 + w);
            s02 = Vector.LoadUnsafe(ref cRef, c2);
            s12 = Vector.LoadUnsafe(ref cRef, c2 + w);
            s03 = Vector.LoadUnsafe(ref cRef, c3);
            s13 = Vector.LoadUnsafe(ref cRef, c3 + w);
        }
        else
        {
            s00 = s10 = s01 = s11 = s02 = s12 = s03 = s13 = Vector<double>.Zero;
        }

        ref var b0 = ref Unsafe.Add(ref bRef, j * k);
        ref var b1 = ref Unsafe.Add(ref b0, k);
        ref var b2 = ref Unsafe.Add(ref b1, k);
        ref var b3 = ref Unsafe.Add(ref b2, k);
        for (var p = 0; p < k; p++)
        {
            var offset = (nuint)(p * m + i);
            var x0 = Vector.LoadUnsafe(ref aRef, offset);
            var x1 = Vector.LoadUnsafe(ref aRef, offset + w);
            var y = new Vector<double>(Unsafe.Add(ref b0, p));
            s00 = Vector.MultiplyAddEstimate(x0, y, s00);
            s10 = Vector.MultiplyAddEstimate(x1, y, s10);
            y = new Vector<double>(Unsafe.Add(ref b1, p));
            s01 = Vector.MultiplyAddEstimate(x0, y, s01);
            s11 = Vector.MultiplyAddEstimate(x1, y, s11);
            y = new Vector<double>(Unsafe.Add(ref b2, p));
            s02 = Vector.MultiplyAddEstimate(x0, y, s02);
            s12 = Vector.MultiplyAddEstimate(x1, y, s12);
            y = new Vector<double>(Unsafe.Add(ref b3, p));
            s03 = Vector.MultiplyAddEstimate(x0, y, s03);
            s13 = Vector.MultiplyAddEstimate(x1, y, s13);
        }

        s00.StoreUnsafe(ref cRef, c0);
        s10.StoreUnsafe(ref cRef, c0 + w);
        s01.StoreUnsafe(ref cRef, c1);
        s11.StoreUnsafe(ref cRef, c1 + w);
        s02.StoreUnsafe(ref cRef, c2);
        s12.StoreUnsafe(ref cRef, c2 + w);
        s03.StoreUnsafe(ref cRef, c3);
        s13.StoreUnsafe(ref cRef, c3 + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyBlock1x4(
        ref double aRef, ref double bRef, ref double cRef, int m, int k, int i, int j, bool accumulate)
    {
        nuint c0 = (nuint)(j * m + i), c1 = c0 + (nuint)m, c2 = c1 + (nuint)m, c3 = c2 + (nuint)m;
        Vector<double> s0, s1, s2, s3;
        if (accumulate)
        {
            s0 = Vector.LoadUnsafe(ref cRef, c0);
            s1 = Vector.LoadUnsafe(ref cRef, c1);
            s2 = Vector.LoadUnsafe(ref cRef, c2);
            s3 = Vector.LoadUnsafe(ref cRef, c3);
        }
        else
        {
            s0 = s1 = s2 = s3 = Vector<double>.Zero;
        }

        ref var b0 = ref Unsafe.Add(ref bRef, j * k);
        ref var b1 = ref Unsafe.Add(ref b0, k);
        ref var b2 = ref Unsafe.Add(ref b1, k);
        ref var b3 = ref Unsafe.Add(ref b2, k);
        for (var p = 0; p < k; p++)
        {
            var x = Vector.LoadUnsafe(ref aRef, (nuint)(p * m + i));
            s0 = Vector.MultiplyAddEstimate(x, new Vector<double>(Unsafe.Add(ref b0, p)), s0);
            s1 = Vector.MultiplyAddEstimate(x, new Vector<double>(Unsafe.Add(ref b1, p)), s1);
            s2 = Vector.MultiplyAddEstimate(x, new Vector<double>(Unsafe.Add(ref b2, p)), s2);
            s3 = Vector.MultiplyAddEstimate(x, new Vector<double>(Unsafe.Add(ref b3, p)), s3);
        }

        s0.StoreUnsafe(ref cRef, c0);
        s1.StoreUnsafe(ref cRef, c1);
        s2.StoreUnsafe(ref cRef, c2);
        s3.StoreUnsafe(ref cRef, c3);
    }

    // A lone column (e.g. a batch of one) has no neighbours to share loads with; four partial sums
    // over p keep several FMAs in flight instead of waiting on one dependency chain.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyBlock1x1(
        ref double aRef, ref double bRef, ref double cRef, int m, int k, int i, int j, bool accumulate)
    {
        var c0 = (nuint)(j * m + i);
        var s0 = accumulate ? Vector.LoadUnsafe(ref cRef, c0) : Vector<double>.Zero;
        Vector<double> s1 = Vector<double>.Zero, s2 = Vector<double>.Zero, s3 = Vector<double>.Zero;
        ref var b0 = ref Unsafe.Add(ref bRef, j * k);
        var p = 0;
        for (; p + 4 <= k; p += 4)
        {
            s0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref aRef, (nuint)(p * m + i)), new Vector<double>(Unsafe.Add(ref b0, p)), s0);
            s1 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref aRef, (nuint)((p + 1) * m + i)), new Vector<double>(Unsafe.Add(ref b0, p + 1)), s1);
            s2 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref aRef, (nuint)((p + 2) * m + i)), new Vector<double>(Unsafe.Add(ref b0, p + 2)), s2);
            s3 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref aRef, (nuint)((p + 3) * m + i)), new Vector<double>(Unsafe.Add(ref b0, p + 3)), s3);
        }

        for (; p < k; p++)
        {
            s0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref aRef, (nuint)(p * m + i)), new Vector<double>(Unsafe.Add(ref b0, p)), s0);
        }

        (s0 + s1 + (s2 + s3)).StoreUnsafe(ref cRef, c0);
    }

    private static double RowDotColumn(ref double aRef, ref double bRef, int m, int k, int i, int j)
    {
        var sum = 0.0;
        for (var p = 0; p < k; p++)
        {
            sum += Unsafe.Add(ref aRef, p * m + i) * Unsafe.Add(ref bRef, j * k + p);
        }

        return sum;
    }

    // The unchecked loads above rely on these lengths; a mismatch is a caller bug, not bad data.
    private static void CheckLengths(int aLength, int aExpected, int bLength, int bExpected, int cLength, int cExpected)
    {
        if (aLength != aExpected || bLength != bExpected || cLength != cExpected)
        {
            throw new ArgumentException("Matrix storage does not match the stated dimensions.");
        }
    }
}
