using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// A graph convolution (paper 002, eq. (12)): each node's new features are W · [h_v ‖ mean of h_u over its
/// neighbours] + b, the activation following as its own layer. The mean is the aggregation; a node without neighbours
/// aggregates zeros. Rows of the input are the nodes of <see cref="Graph"/>, which must be set before
/// <see cref="Forward"/>; the weights do not depend on the graph, so one layer serves graphs of any size.
/// Parameters are named "{name}.weight" and "{name}.bias" (a <see cref="Dense"/> of 2 x inputs).
/// </summary>
public sealed class GraphConvolution : ILayer
{
    private readonly Dense _linear;
    private readonly int _inputs;
    private GraphStructure? _forwarded;

    public GraphConvolution(string name, int inputs, int outputs, WeightInit init, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        _inputs = inputs;
        _linear = new Dense(name, 2 * inputs, outputs, init, random);
    }

    /// <summary>The graph the next <see cref="Forward"/> runs over.</summary>
    public GraphStructure? Graph { get; set; }

    public IReadOnlyList<Parameter> Parameters => _linear.Parameters;

    public Matrix<double> Forward(Matrix<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var graph = Graph ?? throw new InvalidOperationException("GraphConvolution: no graph set before Forward.");
        var nodes = graph.Nodes;
        if (input.RowCount != nodes || input.ColumnCount != _inputs)
        {
            throw new ArgumentException($"expected {nodes} nodes x {_inputs} features, got {input.RowCount} x {input.ColumnCount}", nameof(input));
        }

        // Column-major: the first half of the columns is the input itself, the second its neighbourhood means.
        var joined = Matrix<double>.Build.Dense(nodes, 2 * _inputs);
        var x = DenseStorage.Of(input, nameof(input));
        var j = DenseStorage.Of(joined);
        x.AsSpan().CopyTo(j);
        for (var f = 0; f < _inputs; f++)
        {
            var column = x.AsSpan(f * nodes, nodes);
            var mean = j.AsSpan((_inputs + f) * nodes, nodes);
            for (var v = 0; v < nodes; v++)
            {
                var neighbours = graph.Neighbours[v];
                if (neighbours.Length == 0)
                {
                    continue;
                }

                var sum = 0.0;
                foreach (var u in neighbours)
                {
                    sum += column[u];
                }

                mean[v] = sum / neighbours.Length;
            }
        }

        _forwarded = graph;
        return _linear.Forward(joined);
    }

    public Matrix<double> Backward(Matrix<double> gradOutput)
    {
        var graph = _forwarded ?? throw new InvalidOperationException("GraphConvolution: Backward called before Forward.");
        var nodes = graph.Nodes;
        var gradJoined = DenseStorage.Of(_linear.Backward(gradOutput));
        var gradInput = Matrix<double>.Build.Dense(nodes, _inputs);
        var dx = DenseStorage.Of(gradInput);
        gradJoined.AsSpan(0, nodes * _inputs).CopyTo(dx);
        for (var f = 0; f < _inputs; f++)
        {
            var column = dx.AsSpan(f * nodes, nodes);
            var mean = gradJoined.AsSpan((_inputs + f) * nodes, nodes);
            for (var v = 0; v < nodes; v++)
            {
                var neighbours = graph.Neighbours[v];
                if (neighbours.Length == 0)
                {
                    continue;
                }

                var share = mean[v] / neighbours.Length;
                foreach (var u in neighbours)
                {
                    column[u] += share;
                }
            }
        }

        return gradInput;
    }
}
