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

        var p = new double[heads.TotalActions];
        var logP = new double[heads.TotalActions];
        var loss = 0.0;
        for (var r = 0; r < rows; r++)
        {
            heads.RowDistribution(z, rows, r, mask, p, logP);
            for (var h = 0; h < heads.HeadCount; h++)
            {
                var (offset, k) = (heads.Offset(h), heads.ActionCount(h));
                var targetMass = 0.0;
                for (var a = 0; a < k; a++)
                {
                    targetMass += t[(offset + a) * rows + r];
                }

                for (var a = 0; a < k; a++)
                {
                    var index = (offset + a) * rows + r;
                    if (double.IsNegativeInfinity(logP[offset + a]))
                    {
                        if (t[index] != 0.0)
                        {
                            throw new ArgumentException(
                                $"Row {r}, head {h}: target puts mass on masked action {a}.", nameof(targets));
                        }

                        g[index] = 0.0;
                        continue;
                    }

                    loss -= t[index] * logP[offset + a];
                    g[index] = scale * (p[offset + a] * targetMass - t[index]);
                }
            }
        }

        return scale * loss;
    }
}
