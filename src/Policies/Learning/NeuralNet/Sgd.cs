namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>Plain stochastic gradient descent, optionally with (heavy-ball) momentum.</summary>
public sealed class Sgd : IOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly double[][]? _velocities;

    public Sgd(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0.0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        if (momentum is < 0.0 or >= 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must lie in [0, 1).");
        }

        _parameters = [.. parameters];
        _velocities = momentum > 0.0 ? [.. _parameters.Select(p => new double[p.Count])] : null;
        LearningRate = learningRate;
        Momentum = momentum;
    }

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public double LearningRate { get; set; }

    public double Momentum { get; }

    public long StepCount { get; private set; }

    public void Step()
    {
        StepCount++;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var theta = DenseStorage.Of(_parameters[i].Value);
            var grad = DenseStorage.Of(_parameters[i].Gradient);
            if (_velocities is null)
            {
                for (var j = 0; j < theta.Length; j++)
                {
                    theta[j] -= LearningRate * grad[j];
                }

                continue;
            }

            var velocity = _velocities[i];
            for (var j = 0; j < theta.Length; j++)
            {
                velocity[j] = Momentum * velocity[j] + grad[j];
                theta[j] -= LearningRate * velocity[j];
            }
        }
    }

    public void ZeroGrad() => _parameters.ZeroGradients();
}
