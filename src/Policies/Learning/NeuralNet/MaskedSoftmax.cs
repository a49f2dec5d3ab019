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
        if (!TryLogSoftmax(logits, allowed, probabilities))
        {
            throw new ArgumentException("Every entry is masked.", nameof(allowed));
        }

        Exponentiate(probabilities);
    }

    public static void LogSoftmax(ReadOnlySpan<double> logits, ReadOnlySpan<bool> allowed, Span<double> logProbabilities)
    {
        if (!TryLogSoftmax(logits, allowed, logProbabilities))
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

    /// <summary>Writes log-softmax (−∞ where masked); false when nothing is allowed.</summary>
    internal static bool TryLogSoftmax(ReadOnlySpan<double> logits, ReadOnlySpan<bool> allowed, Span<double> output)
    {
        if (output.Length != logits.Length || (!allowed.IsEmpty && allowed.Length != logits.Length))
        {
            throw new ArgumentException("Logits, mask and output lengths differ.");
        }

        // Subtracting the largest allowed logit keeps every exponent ≤ 0, so nothing overflows.
        var max = double.NegativeInfinity;
        var anyAllowed = false;
        for (var j = 0; j < logits.Length; j++)
        {
            if (allowed.IsEmpty || allowed[j])
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
            if (allowed.IsEmpty || allowed[j])
            {
                sum += Math.Exp(logits[j] - max);
            }
        }

        var logNormaliser = max + Math.Log(sum);
        for (var j = 0; j < logits.Length; j++)
        {
            output[j] = allowed.IsEmpty || allowed[j] ? logits[j] - logNormaliser : double.NegativeInfinity;
        }

        return true;
    }

    internal static void Exponentiate(Span<double> values)
    {
        for (var j = 0; j < values.Length; j++)
        {
            // exp(−∞) is exactly 0, which is what makes masked probabilities exact zeros.
            values[j] = Math.Exp(values[j]);
        }
    }
}
