using System.Numerics;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Adam (Kingma &amp; Ba) with bias-corrected moment estimates, in the common form
/// θ ← θ − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε).
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly double[][] _firstMoments;
    private readonly double[][] _secondMoments;

    public Adam(
        IEnumerable<Parameter> parameters,
        double learningRate = 1e-3,
        double beta1 = 0.9,
        double beta2 = 0.999,
        double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        if (beta1 is < 0.0 or >= 1.0 || beta2 is < 0.0 or >= 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "Both betas must lie in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        _parameters = [.. parameters];
        _firstMoments = [.. _parameters.Select(p => new double[p.Count])];
        _secondMoments = [.. _parameters.Select(p => new double[p.Count])];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public double LearningRate { get; set; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    public long StepCount { get; private set; }

    public void Step()
    {
        StepCount++;
        var stepSize = LearningRate / (1.0 - Math.Pow(Beta1, StepCount));
        var inverseSqrtCorrection2 = 1.0 / Math.Sqrt(1.0 - Math.Pow(Beta2, StepCount));
        for (var i = 0; i < _parameters.Length; i++)
        {
            Update(
                DenseStorage.Of(_parameters[i].Value),
                DenseStorage.Of(_parameters[i].Gradient),
                _firstMoments[i],
                _secondMoments[i],
                stepSize,
                inverseSqrtCorrection2);
        }
    }

    public void ZeroGrad() => _parameters.ZeroGradients();

    /// <summary>The step count and both moment estimates of every parameter, for <see cref="ReadState"/>.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StepCount);
        for (var i = 0; i < _parameters.Length; i++)
        {
            StateBytes.WriteArray(writer, _firstMoments[i]);
            StateBytes.WriteArray(writer, _secondMoments[i]);
        }
    }

    /// <summary>Goes on from a state written by <see cref="WriteState"/> for parameters of the same shapes.</summary>
    /// <exception cref="InvalidDataException">A moment's length differs from its parameter's.</exception>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var steps = reader.ReadInt64();
        if (steps < 0)
        {
            throw new InvalidDataException($"Adam's step count is {steps}");
        }

        StepCount = steps;
        for (var i = 0; i < _parameters.Length; i++)
        {
            StateBytes.ReadArray(reader, _firstMoments[i]);
            StateBytes.ReadArray(reader, _secondMoments[i]);
        }
    }

    private void Update(Span<double> theta, ReadOnlySpan<double> grad, Span<double> m, Span<double> v, double stepSize, double inverseSqrtCorrection2)
    {
        double b1 = Beta1, b2 = Beta2, eps = Epsilon;
        var width = Vector<double>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vb1 = new Vector<double>(b1);
            var vb2 = new Vector<double>(b2);
            var vc1 = new Vector<double>(1.0 - b1);
            var vc2 = new Vector<double>(1.0 - b2);
            var vEps = new Vector<double>(eps);
            var vStep = new Vector<double>(stepSize);
            var vCorr = new Vector<double>(inverseSqrtCorrection2);
            for (; i + width <= theta.Length; i += width)
            {
                var g = new Vector<double>(grad[i..]);
                var mi = vb1 * new Vector<double>(m[i..]) + vc1 * g;
                var vi = vb2 * new Vector<double>(v[i..]) + vc2 * g * g;
                var denominator = Vector.SquareRoot(vi) * vCorr + vEps;
                var updated = new Vector<double>(theta[i..]) - vStep * mi / denominator;
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                updated.CopyTo(theta[i..]);
            }
        }

        for (; i < theta.Length; i++)
        {
            var g = grad[i];
            m[i] = b1 * m[i] + (1.0 - b1) * g;
            v[i] = b2 * v[i] + (1.0 - b2) * g * g;
            theta[i] -= stepSize * m[i] / (Math.Sqrt(v[i]) * inverseSqrtCorrection2 + eps);
        }
    }
}
