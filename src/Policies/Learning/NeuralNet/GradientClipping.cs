namespace MecActors.Policies.Learning.NeuralNet;

public static class GradientClipping
{
    /// <summary>
    /// The L2 norm of all gradients taken together.
    /// </summary>
    public static double GlobalNorm(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sumOfSquares = 0.0;
        foreach (var parameter in parameters)
        {
            var gradient = DenseStorage.Of(parameter.Gradient).AsSpan();
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
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        var list = parameters as IReadOnlyCollection<Parameter> ?? [.. parameters];
        var norm = GlobalNorm(list);
        if (norm <= maxNorm || !double.IsFinite(norm))
        {
            return norm;
        }

        var factor = maxNorm / norm;
        foreach (var parameter in list)
        {
            var gradient = DenseStorage.Of(parameter.Gradient);
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] *= factor;
            }
        }

        return norm;
    }
}
