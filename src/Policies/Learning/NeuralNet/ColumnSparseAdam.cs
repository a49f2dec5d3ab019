namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Adam for a dense layer whose gradient lies in a few of its output columns each step, such as an output of one Q-value
/// per joint action trained on the actions taken: the lazy variant (PyTorch's SparseAdam), which moves the moments and
/// weights of those columns only, bias-corrected by the step count. Dense Adam would also move every other column by its
/// decaying momentum, which for 10^5 columns is the whole cost of a step; the two agree for the columns that have
/// gradient in every step.
/// </summary>
public sealed class ColumnSparseAdam
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private readonly double[] _weightFirst;
    private readonly double[] _weightSecond;
    private readonly double[] _biasFirst;
    private readonly double[] _biasSecond;

    /// <param name="weight">Inputs x outputs: column o holds the weights into output o.</param>
    /// <param name="bias">1 x outputs.</param>
    public ColumnSparseAdam(Parameter weight, Parameter bias, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Rows != 1 || bias.Columns != weight.Columns)
        {
            throw new ArgumentException($"the bias is {bias.Shape}, the weights {weight.Shape}: a bias has one row and a column per output", nameof(bias));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        if (beta1 is < 0.0 or >= 1.0 || beta2 is < 0.0 or >= 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "Both betas must lie in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        _weight = weight;
        _bias = bias;
        _weightFirst = new double[weight.Count];
        _weightSecond = new double[weight.Count];
        _biasFirst = new double[bias.Count];
        _biasSecond = new double[bias.Count];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public double LearningRate { get; set; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    public long StepCount { get; private set; }

    /// <summary>One update of <paramref name="columns"/> (each once) from their gradients; every other column stays.</summary>
    public void Step(IReadOnlyCollection<int> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        StepCount++;
        var stepSize = LearningRate / (1.0 - Math.Pow(Beta1, StepCount));
        var inverseSqrtCorrection2 = 1.0 / Math.Sqrt(1.0 - Math.Pow(Beta2, StepCount));
        var inputs = _weight.Rows;
        var theta = DenseStorage.Of(_weight.Value);
        var grad = DenseStorage.Of(_weight.Gradient);
        var biasTheta = DenseStorage.Of(_bias.Value);
        var biasGrad = DenseStorage.Of(_bias.Gradient);
        foreach (var o in columns)
        {
            var from = o * inputs;
            Update(theta.AsSpan(from, inputs), grad.AsSpan(from, inputs), _weightFirst.AsSpan(from, inputs), _weightSecond.AsSpan(from, inputs), stepSize, inverseSqrtCorrection2);
            Update(biasTheta.AsSpan(o, 1), biasGrad.AsSpan(o, 1), _biasFirst.AsSpan(o, 1), _biasSecond.AsSpan(o, 1), stepSize, inverseSqrtCorrection2);
        }
    }

    /// <summary>Clears the gradients of <paramref name="columns"/>, the only ones a step reads.</summary>
    public void ZeroGrad(IReadOnlyCollection<int> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var inputs = _weight.Rows;
        var grad = DenseStorage.Of(_weight.Gradient);
        var biasGrad = DenseStorage.Of(_bias.Gradient);
        foreach (var o in columns)
        {
            grad.AsSpan(o * inputs, inputs).Clear();
            biasGrad[o] = 0.0;
        }
    }

    private void Update(Span<double> theta, ReadOnlySpan<double> grad, Span<double> m, Span<double> v, double stepSize, double inverseSqrtCorrection2)
    {
        double b1 = Beta1, b2 = Beta2;
        for (var i = 0; i < theta.Length; i++)
        {
            var g = grad[i];
            m[i] = b1 * m[i] + (1.0 - b1) * g;
            v[i] = b2 * v[i] + (1.0 - b2) * g * g;
            theta[i] -= stepSize * m[i] / (Math.Sqrt(v[i]) * inverseSqrtCorrection2 + Epsilon);
        }
    }
}
