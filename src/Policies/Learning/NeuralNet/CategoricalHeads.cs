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
    // Longer heads fall back to a heap buffer rather than risking a deep stack.
    private const int StackLimit = 512;

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
        LargestHead = _sizes.Max();
    }

    public static CategoricalHeads Single(int actions) => new([actions]);

    public int HeadCount => _sizes.Length;

    /// <summary>Logit columns needed: the sum of all heads' action counts.</summary>
    public int TotalActions { get; }

    private int LargestHead { get; }

    public int ActionCount(int head) => _sizes[head];

    /// <summary>First logit column of <paramref name="head"/>.</summary>
    public int Offset(int head) => _offsets[head];

    /// <summary>Per-head masked softmax; masked entries get exactly 0.</summary>
    public void Probabilities(Matrix<double> logits, ActionMask? mask, Matrix<double> probabilities)
    {
        LogProbabilities(logits, mask, probabilities);
        MaskedSoftmax.Exponentiate(DenseStorage.Of(probabilities));
    }

    /// <summary>Per-head masked log-softmax; masked entries get −∞.</summary>
    public void LogProbabilities(Matrix<double> logits, ActionMask? mask, Matrix<double> logProbabilities)
    {
        var z = Check(logits, mask);
        ArgumentNullException.ThrowIfNull(logProbabilities);
        DenseStorage.RequireShape(logProbabilities, logits.RowCount, TotalActions, nameof(logProbabilities));
        var output = DenseStorage.Of(logProbabilities);
        var rows = logits.RowCount;
        Span<double> segment = LargestHead <= StackLimit ? stackalloc double[LargestHead] : new double[LargestHead];
        Span<double> logP = LargestHead <= StackLimit ? stackalloc double[LargestHead] : new double[LargestHead];
        for (var r = 0; r < rows; r++)
        {
            for (var h = 0; h < _sizes.Length; h++)
            {
                var k = _sizes[h];
                SegmentLogSoftmax(z, rows, r, h, mask, segment[..k], logP[..k]);
                Scatter(logP[..k], output, rows, r, _offsets[h]);
            }
        }
    }

    /// <summary>
    /// Draws one action per head and row from <paramref name="probabilities"/> (as produced by
    /// <see cref="Probabilities"/>), using one uniform draw each. Zero-probability entries, and so
    /// masked ones, are never chosen.
    /// </summary>
    public void Sample(Matrix<double> probabilities, Random random, int[,] actions)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
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
            for (var h = 0; h < _sizes.Length; h++)
            {
                var best = -1;
                var bestLogit = double.NegativeInfinity;
                for (var a = 0; a < _sizes[h]; a++)
                {
                    var column = _offsets[h] + a;
                    if (mask is not null && !mask.IsAllowed(r, column))
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
        Span<double> segment = LargestHead <= StackLimit ? stackalloc double[LargestHead] : new double[LargestHead];
        Span<double> logP = LargestHead <= StackLimit ? stackalloc double[LargestHead] : new double[LargestHead];
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var h = 0; h < _sizes.Length; h++)
            {
                var k = _sizes[h];
                SegmentLogSoftmax(z, rows, r, h, mask, segment[..k], logP[..k]);
                sum += logP[ChosenAction(actions, r, h, mask)];
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
        Span<double> segment = LargestHead <= StackLimit ? stackalloc double[LargestHead] : new double[LargestHead];
        Span<double> logP = LargestHead <= StackLimit ? stackalloc double[LargestHead] : new double[LargestHead];
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var h = 0; h < _sizes.Length; h++)
            {
                var k = _sizes[h];
                SegmentLogSoftmax(z, rows, r, h, mask, segment[..k], logP[..k]);
                sum += EntropyFromLogProbabilities(logP[..k]);
            }

            output[r] = sum;
        }
    }

    /// <summary>
    /// The actor loss L = (1/B) Σ_rows [ −advantage · log π(a) − entropyCoefficient · H ], with
    /// log π(a) and H summed over heads, and its gradient with respect to the logits written into
    /// <paramref name="gradLogits"/> (masked entries get exactly 0).
    /// </summary>
    public PolicyLoss PolicyGradient(
        Matrix<double> logits,
        ActionMask? mask,
        int[,] actions,
        Vector<double> advantages,
        double entropyCoefficient,
        Matrix<double> gradLogits)
    {
        var z = Check(logits, mask);
        var rows = logits.RowCount;
        CheckActionsShape(actions, rows);
        var advantage = CheckRowVector(advantages, rows, nameof(advantages));
        ArgumentNullException.ThrowIfNull(gradLogits);
        DenseStorage.RequireShape(gradLogits, rows, TotalActions, nameof(gradLogits));
        var grad = DenseStorage.Of(gradLogits);
        var scale = 1.0 / rows;

        Span<double> segment = LargestHead <= StackLimit ? stackalloc double[LargestHead] : new double[LargestHead];
        Span<double> logP = LargestHead <= StackLimit ? stackalloc double[LargestHead] : new double[LargestHead];
        double loss = 0.0, logProbabilitySum = 0.0, entropySum = 0.0;
        for (var r = 0; r < rows; r++)
        {
            for (var h = 0; h < _sizes.Length; h++)
            {
                var k = _sizes[h];
                SegmentLogSoftmax(z, rows, r, h, mask, segment[..k], logP[..k]);
                var chosen = ChosenAction(actions, r, h, mask);
                var entropy = EntropyFromLogProbabilities(logP[..k]);
                loss += -advantage[r] * logP[chosen] - entropyCoefficient * entropy;
                logProbabilitySum += logP[chosen];
                entropySum += entropy;

                // ∂(−A·log p_a)/∂z_j = A·(p_j − [j = a]);  ∂(−c·H)/∂z_j = c·p_j·(log p_j + H).
                for (var a = 0; a < k; a++)
                {
                    var index = (_offsets[h] + a) * rows + r;
                    if (double.IsNegativeInfinity(logP[a]))
                    {
                        grad[index] = 0.0;
                        continue;
                    }

                    var p = Math.Exp(logP[a]);
                    var g = advantage[r] * (p - (a == chosen ? 1.0 : 0.0))
                        + entropyCoefficient * p * (logP[a] + entropy);
                    grad[index] = scale * g;
                }
            }
        }

        return new PolicyLoss(scale * loss, scale * logProbabilitySum, scale * entropySum);
    }

    /// <summary>Log-softmax of one head's segment of one row (−∞ where masked).</summary>
    internal void SegmentLogSoftmax(
        double[] logits, int rows, int row, int head, ActionMask? mask, Span<double> segment, Span<double> logProbabilities)
    {
        Gather(logits, rows, row, _offsets[head], segment);
        var allowed = mask is null ? ReadOnlySpan<bool>.Empty : mask.Row(row).Slice(_offsets[head], _sizes[head]);
        if (!MaskedSoftmax.TryLogSoftmax(segment, allowed, logProbabilities))
        {
            throw AllMasked(row, head);
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

    internal static void Gather(double[] matrix, int rows, int row, int firstColumn, Span<double> destination)
    {
        for (var j = 0; j < destination.Length; j++)
        {
            destination[j] = matrix[(firstColumn + j) * rows + row];
        }
    }

    internal static void Scatter(ReadOnlySpan<double> source, double[] matrix, int rows, int row, int firstColumn)
    {
        for (var j = 0; j < source.Length; j++)
        {
            matrix[(firstColumn + j) * rows + row] = source[j];
        }
    }

    private static double EntropyFromLogProbabilities(ReadOnlySpan<double> logProbabilities)
    {
        var entropy = 0.0;
        foreach (var logP in logProbabilities)
        {
            if (!double.IsNegativeInfinity(logP))
            {
                entropy -= Math.Exp(logP) * logP;
            }
        }

        return entropy;
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
