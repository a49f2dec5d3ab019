using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// A trainable tensor and the gradient accumulated for it. Layers own their parameters and add
/// into <see cref="Gradient"/> on every backward pass; optimisers read it and update <see cref="Value"/>.
/// </summary>
public sealed class Parameter
{
    public Parameter(string name, Matrix<double> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        _ = DenseStorage.Of(value, nameof(value)); // rejects non-dense storage up front
        Name = name;
        Value = value;
        Gradient = Matrix<double>.Build.Dense(value.RowCount, value.ColumnCount);
    }

    /// <summary>Unique within a network, e.g. "hidden1.weight"; save/load matches on it.</summary>
    public string Name { get; }

    public Matrix<double> Value { get; }

    public Matrix<double> Gradient { get; }

    public int Rows => Value.RowCount;

    public int Columns => Value.ColumnCount;

    public int Count => Value.RowCount * Value.ColumnCount;

    public string Shape => $"{Rows}x{Columns}";

    public void ZeroGradient() => DenseStorage.Of(Gradient).AsSpan().Clear();

    public override string ToString() => $"{Name} ({Shape})";
}
