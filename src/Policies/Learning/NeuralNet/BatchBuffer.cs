using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Reusable result matrices, one per shape seen. An agent alternates between acting (batch 1)
/// and training (batch ~30), so keeping one per batch size avoids reallocating on every switch.
/// </summary>
internal sealed class BatchBuffer
{
    // A bound on distinct shapes kept; beyond it the cache restarts rather than growing.
    private const int MaxShapes = 8;

    private readonly Dictionary<(int Rows, int Columns), Matrix<double>> _byShape = [];

    public Matrix<double> For(int rows, int columns)
    {
        if (_byShape.TryGetValue((rows, columns), out var matrix))
        {
            return matrix;
        }

        if (_byShape.Count >= MaxShapes)
        {
            _byShape.Clear();
        }

        matrix = Matrix<double>.Build.Dense(rows, columns);
        _byShape[(rows, columns)] = matrix;
        return matrix;
    }
}
