using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Softmax cross-entropy of logits against target distributions (one-hot labels or soft targets,
/// e.g. a DROO-style best decision), per categorical head, for supervised training.
/// </summary>
public static class CrossEntropyLoss
{
    /// <summary>
    /// Returns (1/B) Σ_rows Σ_heads −Σ_j t_j · log p_j and writes its gradient with respect to the
    /// logits, p_j·Σt − t_j per head, divided by B. Without <paramref name="heads"/> each row is
    /// one distribution. A target mass on a masked entry is an error (its log-probability is −∞).
    /// </summary>
    public static double Compute(
        Matrix<double> logits,
        Matrix<double> targets,
        Matrix<double> gradient,
        CategoricalHeads? heads = null,
        ActionMask? mask = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(gradient);
        heads ??= CategoricalHeads.Single(logits.ColumnCount);
        var z = heads.Check(logits, mask);
        var rows = logits.RowCount;
        DenseStorage.RequireShape(targets, rows, logits.ColumnCount, nameof(targets));
        DenseStorage.RequireShape(gradient, rows, logits.ColumnCount, nameof(gradient));
        var t = DenseStorage.Of(targets, nameof(targets));
        var g = DenseStorage.Of(gradient, nameof(gradient));
        var scale = 1.0 / rows;

        var largest = Enumerable.Range(0, heads.HeadCount).Max(heads.ActionCount);
        var segment = new double[largest];
        var logP = new double[largest];
        var loss = 0.0;
        for (var r = 0; r < rows; r++)
        {
            for (var h = 0; h < heads.HeadCount; h++)
            {
                var k = heads.ActionCount(h);
                var offset = heads.Offset(h);
                heads.SegmentLogSoftmax(z, rows, r, h, mask, segment.AsSpan(0, k), logP.AsSpan(0, k));

                var targetMass = 0.0;
                for (var a = 0; a < k; a++)
                {
                    targetMass += t[(offset + a) * rows + r];
                }

                for (var a = 0; a < k; a++)
                {
                    var index = (offset + a) * rows + r;
                    if (double.IsNegativeInfinity(logP[a]))
                    {
                        if (t[index] != 0.0)
                        {
                            throw new ArgumentException(
                                $"Row {r}, head {h}: target puts mass on masked action {a}.", nameof(targets));
                        }

                        g[index] = 0.0;
                        continue;
                    }

                    loss -= t[index] * logP[a];
                    g[index] = scale * (Math.Exp(logP[a]) * targetMass - t[index]);
                }
            }
        }

        return scale * loss;
    }
}
