using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>Layers applied in order; itself a layer, so stacks nest.</summary>
public sealed class Sequential : ILayer
{
    private readonly ILayer[] _layers;

    public Sequential(params ILayer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0 || layers.Any(l => l is null))
        {
            throw new ArgumentException("A sequential stack needs at least one layer and no null layers.", nameof(layers));
        }

        _layers = [.. layers];
        Parameters = [.. _layers.SelectMany(l => l.Parameters)];
        Parameters.RequireUniqueNames();
    }

    public IReadOnlyList<ILayer> Layers => _layers;

    public IReadOnlyList<Parameter> Parameters { get; }

    public Matrix<double> Forward(Matrix<double> input)
    {
        var current = input;
        foreach (var layer in _layers)
        {
            current = layer.Forward(current);
        }

        return current;
    }

    public Matrix<double> Backward(Matrix<double> gradOutput)
    {
        var current = gradOutput;
        for (var i = _layers.Length - 1; i >= 0; i--)
        {
            current = _layers[i].Backward(current);
        }

        return current;
    }
}
