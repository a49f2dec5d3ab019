using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Independent categorical distributions laid side by side in one logits row: head h owns the
/// columns [Offset(h), Offset(h) + ActionCount(h)). With one head per device and K (edge, exit)
/// pairs each, a row holds U·K logits and an action row holds U choices; the joint log-probability
/// and entropy are the sums over heads. Actions are indices within their head.
/// </summary>
public sealed class CategoricalHeads
{
    // Wider rows fall back to heap buffers rather than risking a deep stack.
    private const int StackLimit = 1024;

    private readonly int[] _sizes;
    private readonly int[] _offsets;

    public CategoricalHeads(int headCount, int actionsPerHead)
        : this(Enumerable.Repeat(actionsPerHead, headCount).ToArray())
    {
    }

    public CategoricalHeads(IReadOnlyList<int> actionsPerHead)
    {
        ArgumentNullException.ThrowIfNull(actionsPerHead);
        if (actionsPerHead.Count == 0 || actionsPerHead.Any(k => k < 1))
        {
            throw new ArgumentException("Need at least one head, each with at least one action.", nameof(actionsPerHead));
        }

        _sizes = [.. actionsPerHead];
        _offsets = new int[_sizes.Length];
        for (var h = 1; h < _sizes.Length; h++)
        {
            _offsets[h] = _offsets[h - 1] + _sizes[h - 1];
        }

        TotalActions = _offsets[^1] + _sizes[^1];
    }

    public static CategoricalHeads Single(int actions) => new([actions]);

    public int HeadCount => _sizes.Length;

    /// <summary>Logit columns needed: the sum of all heads' action counts.</summary>
    public int TotalActions { get; }

    public int ActionCount(int head) => _sizes[head];

    /// <summary>First logit column of <paramref name="head"/>.</summary>
    public int Offset(int head) => _offsets[head];

    /// <summary>Per-head masked softmax; masked entries get exactly 0.</summary>
    public void Probabilities(Matrix<double> logits, ActionMask? mask, Matrix<double> probabilities)
    {
        var z = Check(logits, mask);
        var output = CheckLike(probabilities, logits.RowCount, nameof(probabilities));
        var rows = logits.RowCount;
        Span<double> p = TotalActions <= StackLimit ? stackalloc double[TotalActions] : new double[TotalActions];
        for (var r = 0; r < rows; r++)
        {
            RowDistribution(z, rows, r, mask, p, []);
            Scatter(p, output, rows, r);
        }
    }

    /// <summary>Per-head masked log-softmax; masked entries get −∞.</summary>
    public void LogProbabilities(Matrix<double> logits, ActionMask? mask, Matrix<double> logProbabilities)
    {
        var z = Check(logits, mask);
        var output = CheckLike(logProbabilities, logits.RowCount, nameof(logProbabilities));
        var rows = logits.RowCount;
        Span<double> logP = TotalActions <= StackLimit ? stackalloc double[TotalActions] : new double[TotalActions];
        for (var r = 0; r < rows; r++)
        {
            RowDistribution(z, rows, r, mask, [], logP);
            Scatter(logP, output, rows, r);
        }
    }

    /// <summary>
    /// Draws one action per head and row from <paramref name="probabilities"/> (as produced by
    /// <see cref="Probabilities"/>), using one uniform draw each. Zero-probability entries, and so
    /// masked ones, are never chosen.
    /// </summary>
    public void Sample(Matrix<double> probabilities, Random random, int[,] actions)
    {
        ArgumentNullException.ThrowIfNull(random);
        var p = Check(probabilities, null);
        var rows = probabilities.RowCount;
        CheckActionsShape(actions, rows);
        for (var r = 0; r < rows; r++)
        {
            for (var h = 0; h < _sizes.Length; h++)
            {
                var u = random.NextDouble();
                var cumulative = 0.0;
                var chosen = -1;
                var lastPositive = -1;
                for (var a = 0; a < _sizes[h]; a++)
                {
                    var pa = p[(_offsets[h] + a) * rows + r];
                    if (pa <= 0.0)
                    {
                        continue;
                    }

                    lastPositive = a;
                    cumulative += pa;
                    if (u < cumulative)
                    {
                        chosen = a;
                        break;
                    }
                }

                if (lastPositive < 0)
                {
                    throw new ArgumentException($"Row {r}, head {h} has no action with positive probability.", nameof(probabilities));
                }

                // Rounding can leave the total a hair below u; the last possible action takes that sliver.
                actions[r, h] = chosen >= 0 ? chosen : lastPositive;
            }
        }
    }

    /// <summary>The allowed action with the largest logit, per head and row (lowest index on ties).</summary>
    public void Greedy(Matrix<double> logits, ActionMask? mask, int[,] actions)
    {
        var z = Check(logits, mask);
        var rows = logits.RowCount;
        CheckActionsShape(actions, rows);
        for (var r = 0; r < rows; r++)
        {
            var allowed = mask is null ? ReadOnlySpan<bool>.Empty : mask.Row(r);
            for (var h = 0; h < _sizes.Length; h++)
            {
                var best = -1;
                var bestLogit = double.NegativeInfinity;
                for (var a = 0; a < _sizes[h]; a++)
                {
                    var column = _offsets[h] + a;
                    if (!allowed.IsEmpty && !allowed[column])
                    {
                        continue;
                    }

                    var logit = z[column * rows + r];
                    if (best < 0 || logit > bestLogit)
                    {
                        best = a;
                        bestLogit = logit;
                    }
                }

                actions[r, h] = best >= 0 ? best : throw AllMasked(r, h);
            }
        }
    }

    /// <summary>Joint log-probability per row: Σ over heads of log π_h(a_h).</summary>
    public void LogProbability(Matrix<double> logits, ActionMask? mask, int[,] actions, Vector<double> logProbabilities)
    {
        var z = Check(logits, mask);
        var rows = logits.RowCount;
        CheckActionsShape(actions, rows);
        var output = CheckRowVector(logProbabilities, rows, nameof(logProbabilities));
        Span<double> logP = TotalActions <= StackLimit ? stackalloc double[TotalActions] : new double[TotalActions];
        for (var r = 0; r < rows; r++)
        {
            RowDistribution(z, rows, r, mask, [], logP);
            var sum = 0.0;
            for (var h = 0; h < _sizes.Length; h++)
            {
                sum += logP[_offsets[h] + ChosenAction(actions, r, h, mask)];
            }

            output[r] = sum;
        }
    }

    /// <summary>Joint entropy per row: Σ over heads of the head's entropy.</summary>
    public void Entropy(Matrix<double> logits, ActionMask? mask, Vector<double> entropies)
    {
        var z = Check(logits, mask);
        var rows = logits.RowCount;
        var output = CheckRowVector(entropies, rows, nameof(entropies));
        Span<double> p = TotalActions <= StackLimit ? stackalloc double[TotalActions] : new double[TotalActions];
        Span<double> logP = TotalActions <= StackLimit ? stackalloc double[TotalActions] : new double[TotalActions];
        for (var r = 0; r < rows; r++)
        {
            RowDistribution(z, rows, r, mask, p, logP);
            output[r] = SegmentEntropy(p, logP);
        }
    }

    /// <summary>
    /// The actor loss L = (1/B) Σ_rows Σ_heads [ −advantage · log π_h(a_h) − entropyCoefficient · H_h ]
    /// with one advantage per row shared by all heads, and its gradient with respect to the logits
    /// written into <paramref name="gradLogits"/> (masked entries get exactly 0).
    /// </summary>
    public PolicyLoss PolicyGradient(
        Matrix<double> logits,
        ActionMask? mask,
        int[,] actions,
        Vector<double> advantages,
        double entropyCoefficient,
        Matrix<double> gradLogits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var advantage = CheckRowVector(advantages, logits.RowCount, nameof(advantages));
        return PolicyGradient(logits, mask, actions, advantage, headStride: 0, entropyCoefficient, gradLogits);
    }

    /// <summary>
    /// As the shared-advantage form, but with one advantage per row and head (rows × HeadCount),
    /// so each head is credited with its own return, e.g. its device's share of the reward.
    /// </summary>
    public PolicyLoss PolicyGradient(
        Matrix<double> logits,
        ActionMask? mask,
        int[,] actions,
        Matrix<double> headAdvantages,
        double entropyCoefficient,
        Matrix<double> gradLogits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(headAdvantages);
        DenseStorage.RequireShape(headAdvantages, logits.RowCount, HeadCount, nameof(headAdvantages));
        var advantage = DenseStorage.Of(headAdvantages, nameof(headAdvantages));
        return PolicyGradient(logits, mask, actions, advantage, headStride: logits.RowCount, entropyCoefficient, gradLogits);
    }

    /// <summary>One row's per-head distributions (either output may be empty when not wanted).</summary>
    internal void RowDistribution(
        double[] logits, int rows, int row, ActionMask? mask, Span<double> probabilities, Span<double> logProbabilities)
    {
        // Gather into whichever output exists; the log-probabilities may be computed in place.
        var work = logProbabilities.IsEmpty ? probabilities : logProbabilities;
        for (var j = 0; j < TotalActions; j++)
        {
            work[j] = logits[j * rows + row];
        }

        var allowedRow = mask is null ? ReadOnlySpan<bool>.Empty : mask.Row(row);
        for (var h = 0; h < _sizes.Length; h++)
        {
            var (offset, k) = (_offsets[h], _sizes[h]);
            var allowed = allowedRow.IsEmpty ? allowedRow : allowedRow.Slice(offset, k);
            var p = probabilities.IsEmpty ? probabilities : probabilities.Slice(offset, k);
            var logP = logProbabilities.IsEmpty ? logProbabilities : logProbabilities.Slice(offset, k);
            if (!MaskedSoftmax.TryDistribution(work.Slice(offset, k), allowed, p, logP))
            {
                throw AllMasked(row, h);
            }
        }
    }

    /// <summary>Validates shapes and returns the logits' storage.</summary>
    internal double[] Check(Matrix<double> logits, ActionMask? mask)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.ColumnCount != TotalActions)
        {
            throw new ArgumentException(
                $"Expected {TotalActions} logit columns ({HeadCount} heads) but got {logits.ColumnCount}.", nameof(logits));
        }

        mask?.RequireShape(logits.RowCount, logits.ColumnCount);
        return DenseStorage.Of(logits, nameof(logits));
    }

    /// <summary>−Σ p·log p over a span, skipping zero probabilities (masked entries).</summary>
    internal static double SegmentEntropy(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> logProbabilities)
    {
        var entropy = 0.0;
        for (var j = 0; j < probabilities.Length; j++)
        {
            if (probabilities[j] > 0.0)
            {
                entropy -= probabilities[j] * logProbabilities[j];
            }
        }

        return entropy;
    }

    private PolicyLoss PolicyGradient(
        Matrix<double> logits,
        ActionMask? mask,
        int[,] actions,
        double[] advantage,
        int headStride,
        double entropyCoefficient,
        Matrix<double> gradLogits)
    {
        var z = Check(logits, mask);
        var rows = logits.RowCount;
        CheckActionsShape(actions, rows);
        var grad = CheckLike(gradLogits, rows, nameof(gradLogits));
        var scale = 1.0 / rows;

        Span<double> p = TotalActions <= StackLimit ? stackalloc double[TotalActions] : new double[TotalActions];
        Span<double> logP = TotalActions <= StackLimit ? stackalloc double[TotalActions] : new double[TotalActions];
        double loss = 0.0, logProbabilitySum = 0.0, entropySum = 0.0;
        for (var r = 0; r < rows; r++)
        {
            RowDistribution(z, rows, r, mask, p, logP);
            for (var h = 0; h < _sizes.Length; h++)
            {
                var (offset, k) = (_offsets[h], _sizes[h]);
                var chosen = ChosenAction(actions, r, h, mask);
                var a = advantage[r + h * headStride];
                var entropy = SegmentEntropy(p.Slice(offset, k), logP.Slice(offset, k));
                loss += -a * logP[offset + chosen] - entropyCoefficient * entropy;
                logProbabilitySum += logP[offset + chosen];
                entropySum += entropy;

                // ∂(−A·log p_a)/∂z_j = A·(p_j − [j = a]);  ∂(−c·H)/∂z_j = c·p_j·(log p_j + H).
                // A masked entry has p_j = 0 and no influence on the loss: its gradient is exactly 0.
                for (var j = 0; j < k; j++)
                {
                    var pj = p[offset + j];
                    var g = pj > 0.0
                        ? a * (pj - (j == chosen ? 1.0 : 0.0)) + entropyCoefficient * pj * (logP[offset + j] + entropy)
                        : j == chosen ? -a : 0.0;
                    grad[(offset + j) * rows + r] = scale * g;
                }
            }
        }

        return new PolicyLoss(scale * loss, scale * logProbabilitySum, scale * entropySum);
    }

    private static void Scatter(ReadOnlySpan<double> row, double[] matrix, int rows, int r)
    {
        for (var j = 0; j < row.Length; j++)
        {
            matrix[j * rows + r] = row[j];
        }
    }

    private double[] CheckLike(Matrix<double> result, int rows, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(result, argumentName);
        DenseStorage.RequireShape(result, rows, TotalActions, argumentName);
        return DenseStorage.Of(result, argumentName);
    }

    private int ChosenAction(int[,] actions, int row, int head, ActionMask? mask)
    {
        var action = actions[row, head];
        if (action < 0 || action >= _sizes[head])
        {
            throw new ArgumentException(
                $"Row {row}, head {head}: action {action} is outside 0..{_sizes[head] - 1}.", nameof(actions));
        }

        if (mask is not null && !mask.IsAllowed(row, _offsets[head] + action))
        {
            throw new ArgumentException($"Row {row}, head {head}: action {action} is masked.", nameof(actions));
        }

        return action;
    }

    private void CheckActionsShape(int[,] actions, int rows)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.GetLength(0) != rows || actions.GetLength(1) != HeadCount)
        {
            throw new ArgumentException(
                $"Expected actions of shape {rows}x{HeadCount} but got {actions.GetLength(0)}x{actions.GetLength(1)}.",
                nameof(actions));
        }
    }

    private static double[] CheckRowVector(Vector<double> vector, int rows, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(vector, argumentName);
        if (vector.Count != rows)
        {
            throw new ArgumentException($"Expected {rows} entries (one per row) but got {vector.Count}.", argumentName);
        }

        return DenseStorage.Of(vector, argumentName);
    }

    private static ArgumentException AllMasked(int row, int head) =>
        new($"Row {row}, head {head}: every action is masked.");
}
