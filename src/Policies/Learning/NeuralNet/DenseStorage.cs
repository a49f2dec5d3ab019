using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Direct access to a dense matrix's column-major array, so hot loops avoid the virtual,
/// range-checked indexer. Sparse or diagonal matrices are rejected rather than copied.
/// </summary>
internal static class DenseStorage
{
    public static double[] Of(Matrix<double> matrix, string argumentName = "matrix") =>
        matrix.AsColumnMajorArray()
        ?? throw new ArgumentException("Only dense matrices (Matrix<double>.Build.Dense) are supported.", argumentName);

    public static double[] Of(Vector<double> vector, string argumentName = "vector") =>
        vector.AsArray()
        ?? throw new ArgumentException("Only dense vectors (Vector<double>.Build.Dense) are supported.", argumentName);

    public static void RequireShape(Matrix<double> matrix, int rows, int columns, string argumentName)
    {
        if (matrix.RowCount != rows || matrix.ColumnCount != columns)
        {
            throw new ArgumentException(
                $"Expected a {rows}x{columns} matrix but got {matrix.RowCount}x{matrix.ColumnCount}.", argumentName);
        }
    }
}
