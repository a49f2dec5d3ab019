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
        if (input.RowCount != graph.Nodes || input.ColumnCount != _inputs)
        {
            throw new ArgumentException($"expected {graph.Nodes} nodes x {_inputs} features, got {input.RowCount} x {input.ColumnCount}", nameof(input));
        }

        var joined = Matrix<double>.Build.Dense(graph.Nodes, 2 * _inputs);
        for (var v = 0; v < graph.Nodes; v++)
        {
            var neighbours = graph.Neighbours[v];
            var scale = neighbours.Length == 0 ? 0.0 : 1.0 / neighbours.Length;
            for (var f = 0; f < _inputs; f++)
            {
                joined[v, f] = input[v, f];
                var sum = 0.0;
                foreach (var u in neighbours)
                {
                    sum += input[u, f];
                }

                joined[v, _inputs + f] = sum * scale;
            }
        }

        _forwarded = graph;
        return _linear.Forward(joined);
    }

    public Matrix<double> Backward(Matrix<double> gradOutput)
    {
        var graph = _forwarded ?? throw new InvalidOperationException("GraphConvolution: Backward called before Forward.");
        var gradJoined = _linear.Backward(gradOutput);
        var gradInput = Matrix<double>.Build.Dense(graph.Nodes, _inputs);
        for (var v = 0; v < graph.Nodes; v++)
        {
            var neighbours = graph.Neighbours[v];
            var scale = neighbours.Length == 0 ? 0.0 : 1.0 / neighbours.Length;
            for (var f = 0; f < _inputs; f++)
            {
                gradInput[v, f] += gradJoined[v, f];
                var share = gradJoined[v, _inputs + f] * scale;
                foreach (var u in neighbours)
                {
                    gradInput[u, f] += share;
                }
            }
        }

        return gradInput;
    }
}
