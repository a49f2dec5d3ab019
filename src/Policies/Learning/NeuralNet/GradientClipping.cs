namespace MecActors.Policies.Learning.NeuralNet;

public static class GradientClipping
{
    /// <summary>The L2 norm of all gradients taken together.</summary>
    public static double GlobalNorm(IEnumerable<Parameter> parameters)
    {
        var list = AsList(parameters);
        var sumOfSquares = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            var gradient = DenseStorage.Of(list[i].Gradient).AsSpan();
            sumOfSquares += MatrixKernels.Dot(gradient, gradient);
        }

        return Math.Sqrt(sumOfSquares);
    }

    /// <summary>
    /// Scales all gradients by one common factor so their global L2 norm is at most
    /// <paramref name="maxNorm"/>, preserving the update's direction. Returns the norm before
    /// clipping (worth logging: a rising norm is an early sign of divergence). A non-finite norm
    /// leaves the gradients untouched for the caller to detect.
    /// </summary>
    public static double ClipGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        var list = AsList(parameters);
        var norm = GlobalNorm(list);
        if (norm <= maxNorm || !double.IsFinite(norm))
        {
            return norm;
        }

        var factor = maxNorm / norm;
        for (var i = 0; i < list.Count; i++)
        {
            MatrixKernels.Scale(DenseStorage.Of(list[i].Gradient), factor);
        }

        return norm;
    }

    // Indexing a list avoids allocating an enumerator on every training step.
    private static IReadOnlyList<Parameter> AsList(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters as IReadOnlyList<Parameter> ?? [.. parameters];
    }
}
