using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

/// <summary>Central-difference checks of analytic gradients.</summary>
internal static class GradientCheck
{
    public const double Tolerance = 1e-5;

    // Below this size a gradient is judged on absolute error (≈ Floor·Tolerance), since the
    // finite difference itself carries rounding noise of about 1e-16·|loss|/Step.
    private const double Floor = 1e-4;

    private const double Step = 1e-5;

    /// <summary>
    /// Largest relative error |a − n| / max(|a| + |n|, floor) between <paramref name="analytic"/>
    /// and the central difference (L(x + h) − L(x − h)) / 2h taken element by element of <paramref name="variable"/>.
    /// </summary>
    public static double MaxRelativeError(Matrix<double> variable, Matrix<double> analytic, Func<double> loss)
    {
        Assert.Equal(variable.RowCount, analytic.RowCount);
        Assert.Equal(variable.ColumnCount, analytic.ColumnCount);
        var worst = 0.0;
        for (var r = 0; r < variable.RowCount; r++)
        {
            for (var c = 0; c < variable.ColumnCount; c++)
            {
                var original = variable[r, c];
                variable[r, c] = original + Step;
                var plus = loss();
                variable[r, c] = original - Step;
                var minus = loss();
                variable[r, c] = original;

                var numeric = (plus - minus) / (2 * Step);
                var a = analytic[r, c];
                var error = Math.Abs(a - numeric) / Math.Max(Math.Abs(a) + Math.Abs(numeric), Floor);
                worst = Math.Max(worst, error);
            }
        }

        return worst;
    }

    public static void AssertMatches(Matrix<double> variable, Matrix<double> analytic, Func<double> loss, string what)
    {
        var error = MaxRelativeError(variable, analytic, loss);
        Assert.True(error < Tolerance, $"{what}: max relative error {error:E2} exceeds {Tolerance:E0}.");
    }

    /// <summary>Σ weights ⊙ output: a scalar loss whose gradient with respect to output is <paramref name="weights"/>.</summary>
    public static double WeightedSum(Matrix<double> output, Matrix<double> weights) =>
        output.PointwiseMultiply(weights).Enumerate().Sum();
}
