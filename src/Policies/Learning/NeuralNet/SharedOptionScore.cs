using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// A linear score shared by every action: logit[r, a] = w · φ[r, a, :], where φ describes action a of sample r
/// by the same P features for every action. Added to a network's logits it ties together what is learned about
/// all actions (a weight on "delay of this action" applies to each), where a dense head must learn each action's
/// column on its own. Features are stored sample by sample, action by action: φ[(r · A + a) · P + p].
/// </summary>
public sealed class SharedOptionScore
{
    private double[] _lastFeatures = [];
    private int _lastRows;

    public SharedOptionScore(string name, int actions, int features)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(actions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        Actions = actions;
        Features = features;

        // Zero: the score starts neutral and the logits start as the network's alone.
        Weight = new Parameter($"{name}.weight", Matrix<double>.Build.Dense(1, features));
        Parameters = [Weight];
    }

    public int Actions { get; }

    public int Features { get; }

    public Parameter Weight { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>w · φ for one action's features.</summary>
    public double Score(ReadOnlySpan<double> features)
    {
        var w = DenseStorage.Of(Weight.Value);
        var score = 0.0;
        for (var p = 0; p < Features; p++)
        {
            score += w[p] * features[p];
        }

        return score;
    }

    /// <summary>Adds the score of every action to <paramref name="logits"/> (rows × actions), remembering φ for the backward pass.</summary>
    public void AddTo(Matrix<double> logits, double[] features)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(features);
        var rows = logits.RowCount;
        Check(rows, logits.ColumnCount, features.Length);
        var z = DenseStorage.Of(logits);
        for (var r = 0; r < rows; r++)
        {
            for (var a = 0; a < Actions; a++)
            {
                z[a * rows + r] += Score(features.AsSpan((r * Actions + a) * Features, Features));
            }
        }

        _lastFeatures = features;
        _lastRows = rows;
    }

    /// <summary>Adds ∂loss/∂w = Σ_r Σ_a ∂loss/∂logit[r, a] · φ[r, a, :] into the weight's gradient.</summary>
    public void Backward(Matrix<double> gradLogits)
    {
        ArgumentNullException.ThrowIfNull(gradLogits);
        var rows = gradLogits.RowCount;
        if (rows != _lastRows)
        {
            throw new InvalidOperationException($"Backward over {rows} rows after a forward pass over {_lastRows}.");
        }

        var g = DenseStorage.Of(gradLogits);
        var dw = DenseStorage.Of(Weight.Gradient);
        for (var r = 0; r < rows; r++)
        {
            for (var a = 0; a < Actions; a++)
            {
                var grad = g[a * rows + r];
                if (grad == 0.0)
                {
                    continue;
                }

                var phi = _lastFeatures.AsSpan((r * Actions + a) * Features, Features);
                for (var p = 0; p < Features; p++)
                {
                    dw[p] += grad * phi[p];
                }
            }
        }
    }

    private void Check(int rows, int columns, int featureCount)
    {
        if (columns != Actions || featureCount != rows * Actions * Features)
        {
            throw new ArgumentException(
                $"Expected {Actions} logit columns and {rows * Actions * Features} features; got {columns} and {featureCount}.");
        }
    }
}
