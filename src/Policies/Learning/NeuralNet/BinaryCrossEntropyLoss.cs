using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Binary cross-entropy of logits against targets in [0, 1], each element an independent yes/no
/// decision (DROO trains its offloading network this way). Works on logits rather than on
/// sigmoid outputs so saturated units neither overflow nor lose their gradient.
/// </summary>
public static class BinaryCrossEntropyLoss
{
    /// <summary>
    /// Returns mean over elements of −[t·log σ(z) + (1 − t)·log(1 − σ(z))] and writes its gradient
    /// (σ(z) − t)/N with respect to the logits.
    /// </summary>
    public static double Compute(Matrix<double> logits, Matrix<double> targets, Matrix<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(gradient);
        DenseStorage.RequireShape(targets, logits.RowCount, logits.ColumnCount, nameof(targets));
        DenseStorage.RequireShape(gradient, logits.RowCount, logits.ColumnCount, nameof(gradient));
        var z = DenseStorage.Of(logits, nameof(logits));
        var t = DenseStorage.Of(targets, nameof(targets));
        var g = DenseStorage.Of(gradient, nameof(gradient));
        var scale = 1.0 / z.Length;
        var loss = 0.0;
        for (var i = 0; i < z.Length; i++)
        {
            // max(z, 0) − z·t + log(1 + e^(−|z|)) equals the textbook form without overflow.
            loss += Math.Max(z[i], 0.0) - z[i] * t[i] + Math.Log(1.0 + Math.Exp(-Math.Abs(z[i])));
            g[i] = scale * (Sigmoid.Of(z[i]) - t[i]);
        }

        return scale * loss;
    }
}
