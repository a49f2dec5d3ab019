using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Softmax, log-softmax and entropy restricted to allowed entries. An empty
/// <c>allowed</c> span means "no mask". A masked entry's probability is exactly 0 and its
/// log-probability −∞; a distribution with nothing allowed is an error.
/// </summary>
public static class MaskedSoftmax
{
    public static void Softmax(ReadOnlySpan<double> logits, ReadOnlySpan<bool> allowed, Span<double> probabilities)
    {
        RequireLength(logits, probabilities.Length, nameof(probabilities));
        if (!TryDistribution(logits, allowed, probabilities, []))
        {
            throw new ArgumentException("Every entry is masked.", nameof(allowed));
        }
    }

    public static void LogSoftmax(ReadOnlySpan<double> logits, ReadOnlySpan<bool> allowed, Span<double> logProbabilities)
    {
        RequireLength(logits, logProbabilities.Length, nameof(logProbabilities));
        if (!TryDistribution(logits, allowed, [], logProbabilities))
        {
            throw new ArgumentException("Every entry is masked.", nameof(allowed));
        }
    }

    /// <summary>−Σ p·log p, with 0·log 0 = 0 (so masked entries add nothing).</summary>
    public static double Entropy(ReadOnlySpan<double> probabilities)
    {
        var entropy = 0.0;
        foreach (var p in probabilities)
        {
            if (p > 0.0)
            {
                entropy -= p * Math.Log(p);
            }
        }

        return entropy;
    }

    /// <summary>One distribution per row of <paramref name="logits"/>.</summary>
    public static void Softmax(Matrix<double> logits, ActionMask? mask, Matrix<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(logits);
        CategoricalHeads.Single(logits.ColumnCount).Probabilities(logits, mask, probabilities);
    }

    /// <summary>One distribution per row of <paramref name="logits"/>; masked entries get −∞.</summary>
    public static void LogSoftmax(Matrix<double> logits, ActionMask? mask, Matrix<double> logProbabilities)
    {
        ArgumentNullException.ThrowIfNull(logits);
        CategoricalHeads.Single(logits.ColumnCount).LogProbabilities(logits, mask, logProbabilities);
    }

    /// <summary>Entropy of each row's distribution.</summary>
    public static void Entropy(Matrix<double> logits, ActionMask? mask, Vector<double> entropies)
    {
        ArgumentNullException.ThrowIfNull(logits);
        CategoricalHeads.Single(logits.ColumnCount).Entropy(logits, mask, entropies);
    }

    /// <summary>
    /// Writes the masked softmax into <paramref name="probabilities"/> and/or its logarithm into
    /// <paramref name="logProbabilities"/> (pass an empty span for an output not wanted; the
    /// log-probabilities may overwrite the logits in place). One exponential per entry. Returns
    /// false when nothing is allowed.
    /// </summary>
    internal static bool TryDistribution(
        ReadOnlySpan<double> logits, ReadOnlySpan<bool> allowed, Span<double> probabilities, Span<double> logProbabilities)
    {
        var wantProbabilities = !probabilities.IsEmpty;
        var wantLogProbabilities = !logProbabilities.IsEmpty;
        var masked = !allowed.IsEmpty;
        if ((masked && allowed.Length != logits.Length)
            || (wantProbabilities && probabilities.Length != logits.Length)
            || (wantLogProbabilities && logProbabilities.Length != logits.Length))
        {
            throw new ArgumentException("Logits, mask and output lengths differ.");
        }

        // Shifting by the largest allowed logit keeps every exponent ≤ 0, so nothing overflows,
        // and keeps differences small, so nothing is lost against a huge normaliser.
        var max = double.NegativeInfinity;
        var anyAllowed = false;
        for (var j = 0; j < logits.Length; j++)
        {
            if (!masked || allowed[j])
            {
                anyAllowed = true;
                max = Math.Max(max, logits[j]);
            }
        }

        if (!anyAllowed)
        {
            return false;
        }

        var sum = 0.0;
        for (var j = 0; j < logits.Length; j++)
        {
            if (!masked || allowed[j])
            {
                var shifted = logits[j] - max;
                var exponential = Math.Exp(shifted);
                sum += exponential;
                if (wantProbabilities)
                {
                    probabilities[j] = exponential;
                }

                if (wantLogProbabilities)
                {
                    logProbabilities[j] = shifted;
                }
            }
            else
            {
                if (wantProbabilities)
                {
                    probabilities[j] = 0.0;
                }

                if (wantLogProbabilities)
                {
                    logProbabilities[j] = double.NegativeInfinity;
                }
            }
        }

        if (wantProbabilities)
        {
            var inverse = 1.0 / sum;
            for (var j = 0; j < probabilities.Length; j++)
            {
                probabilities[j] *= inverse;
            }
        }

        if (wantLogProbabilities)
        {
            var logSum = Math.Log(sum);
            for (var j = 0; j < logProbabilities.Length; j++)
            {
                logProbabilities[j] -= logSum;
            }
        }

        return true;
    }

    private static void RequireLength(ReadOnlySpan<double> logits, int outputLength, string argumentName)
    {
        if (outputLength != logits.Length)
        {
            throw new ArgumentException($"Expected {logits.Length} outputs but got {outputLength}.", argumentName);
        }
    }
}
