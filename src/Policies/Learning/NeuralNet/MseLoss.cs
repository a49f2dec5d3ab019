using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>Mean squared error over all elements, e.g. a value head against its return targets.</summary>
public static class MseLoss
{
    /// <summary>Returns mean((prediction − target)²) and writes its gradient 2(prediction − target)/N.</summary>
    public static double Compute(Matrix<double> predictions, Matrix<double> targets, Matrix<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(gradient);
        DenseStorage.RequireShape(targets, predictions.RowCount, predictions.ColumnCount, nameof(targets));
        return Compute(DenseStorage.Of(predictions, nameof(predictions)), DenseStorage.Of(targets, nameof(targets)), predictions, gradient);
    }

    /// <summary>Single-column predictions (a value head) against one target per row.</summary>
    public static double Compute(Matrix<double> predictions, Vector<double> targets, Matrix<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(gradient);
        if (predictions.ColumnCount != 1 || targets.Count != predictions.RowCount)
        {
            throw new ArgumentException(
                $"Expected predictions with one column and {predictions.RowCount} targets; got " +
                $"{predictions.RowCount}x{predictions.ColumnCount} and {targets.Count}.");
        }

        return Compute(DenseStorage.Of(predictions, nameof(predictions)), DenseStorage.Of(targets, nameof(targets)), predictions, gradient);
    }

    private static double Compute(double[] p, double[] t, Matrix<double> predictions, Matrix<double> gradient)
    {
        DenseStorage.RequireShape(gradient, predictions.RowCount, predictions.ColumnCount, nameof(gradient));
        var g = DenseStorage.Of(gradient, nameof(gradient));
        var scale = 1.0 / p.Length;
        var loss = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var error = p[i] - t[i];
            loss += error * error;
            g[i] = 2.0 * scale * error;
        }

        return scale * loss;
    }
}
