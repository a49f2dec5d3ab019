using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Tests.NeuralNet;

internal static class TestMatrices
{
    /// <summary>Uniform entries in [min, max) from a fixed seed.</summary>
    public static Matrix<double> Uniform(int rows, int columns, int seed, double min = -1.0, double max = 1.0)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(rows, columns, (_, _) => min + (max - min) * random.NextDouble());
    }

    /// <summary>Entries with magnitude in [0.1, 1) and random sign: clear of ReLU's kink at 0.</summary>
    public static Matrix<double> AwayFromZero(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(
            rows, columns, (_, _) => (random.Next(2) == 0 ? -1 : 1) * (0.1 + 0.9 * random.NextDouble()));
    }

    public static double[] Values(Matrix<double> matrix) => matrix.ToColumnMajorArray();
}
