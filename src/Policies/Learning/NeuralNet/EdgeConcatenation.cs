using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// The features of a graph's directed edges from its nodes' (paper 002, eq. (13)): one output row per edge of
/// <see cref="Graph"/>, [h_source ‖ h_target]. No parameters; the gradient of an edge row goes back to both its nodes.
/// </summary>
public sealed class EdgeConcatenation : ILayer
{
    private GraphStructure? _forwarded;
    private int _features;

    /// <summary>The graph the next <see cref="Forward"/> runs over.</summary>
    public GraphStructure? Graph { get; set; }

    public IReadOnlyList<Parameter> Parameters => [];

    public Matrix<double> Forward(Matrix<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var graph = Graph ?? throw new InvalidOperationException("EdgeConcatenation: no graph set before Forward.");
        if (input.RowCount != graph.Nodes)
        {
            throw new ArgumentException($"expected {graph.Nodes} node rows, got {input.RowCount}", nameof(input));
        }

        _features = input.ColumnCount;
        var output = Matrix<double>.Build.Dense(graph.Edges.Count, 2 * _features);
        for (var e = 0; e < graph.Edges.Count; e++)
        {
            var (source, target) = graph.Edges[e];
            for (var f = 0; f < _features; f++)
            {
                output[e, f] = input[source, f];
                output[e, _features + f] = input[target, f];
            }
        }

        _forwarded = graph;
        return output;
    }

    public Matrix<double> Backward(Matrix<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var graph = _forwarded ?? throw new InvalidOperationException("EdgeConcatenation: Backward called before Forward.");
        var gradInput = Matrix<double>.Build.Dense(graph.Nodes, _features);
        for (var e = 0; e < graph.Edges.Count; e++)
        {
            var (source, target) = graph.Edges[e];
            for (var f = 0; f < _features; f++)
            {
                gradInput[source, f] += gradOutput[e, f];
                gradInput[target, f] += gradOutput[e, _features + f];
            }
        }

        return gradInput;
    }
}
