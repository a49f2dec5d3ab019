using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// A shared trunk feeding several heads, e.g. an actor-critic with a policy head (logits) and a
/// value head (a <see cref="Dense"/> with one output). Backward sums the heads' gradients into
/// the trunk, so one pass trains everything.
/// </summary>
public sealed class MultiHeadNetwork
{
    private readonly ILayer[] _heads;
    private readonly Matrix<double>[] _outputs;
    private readonly BatchBuffer _trunkGradients = new();

    public MultiHeadNetwork(ILayer trunk, params ILayer[] heads)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        ArgumentNullException.ThrowIfNull(heads);
        if (heads.Length == 0 || heads.Any(h => h is null))
        {
            throw new ArgumentException("At least one head is needed and none may be null.", nameof(heads));
        }

        Trunk = trunk;
        _heads = [.. heads];
        _outputs = new Matrix<double>[heads.Length];
        Parameters = [.. trunk.Parameters, .. _heads.SelectMany(h => h.Parameters)];
        Parameters.RequireUniqueNames();
    }

    public ILayer Trunk { get; }

    public IReadOnlyList<ILayer> Heads => _heads;

    /// <summary>Trunk parameters first, then each head's in order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Each head's output, in head order. The list and matrices are reused by the next call.</summary>
    public IReadOnlyList<Matrix<double>> Forward(Matrix<double> input)
    {
        var features = Trunk.Forward(input);
        for (var h = 0; h < _heads.Length; h++)
        {
            _outputs[h] = _heads[h].Forward(features);
        }

        return _outputs;
    }

    /// <summary>
    /// Back-propagates one gradient per head (null for a head that takes no part in the loss)
    /// and returns ∂loss/∂input.
    /// </summary>
    public Matrix<double> Backward(params ReadOnlySpan<Matrix<double>?> headGradients)
    {
        if (headGradients.Length != _heads.Length)
        {
            throw new ArgumentException(
                $"Expected {_heads.Length} head gradients but got {headGradients.Length}.", nameof(headGradients));
        }

        Matrix<double>? sum = null;
        for (var h = 0; h < _heads.Length; h++)
        {
            if (headGradients[h] is not { } gradient)
            {
                continue;
            }

            var contribution = _heads[h].Backward(gradient);
            if (sum is null)
            {
                sum = _trunkGradients.For(contribution.RowCount, contribution.ColumnCount);
                DenseStorage.Of(contribution).CopyTo(DenseStorage.Of(sum), 0);
            }
            else
            {
                var target = DenseStorage.Of(sum).AsSpan();
                var source = DenseStorage.Of(contribution).AsSpan();
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] += source[i];
                }
            }
        }

        return Trunk.Backward(sum ?? throw new ArgumentException("At least one head gradient must be given.", nameof(headGradients)));
    }
}
