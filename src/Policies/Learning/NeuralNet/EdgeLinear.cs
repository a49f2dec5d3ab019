using MathNet.Numerics.LinearAlgebra;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// A linear map of the features of a graph's directed edges (paper 002, eq. (13), and the first layer of eq. (14)'s
/// MLP): one output row per edge of <see cref="Graph"/>, W · [h_source ‖ h_target] + b. Computed as
/// W_s h_source + W_t h_target, each node projected once rather than once per edge (a graph has far more edges than
/// nodes), which is the same map. The projections are one <see cref="Dense"/> of 2 x outputs, "{name}.weight" and
/// "{name}.bias": [W_s | W_t] and [b_s | b_t], whose sum b_s + b_t is the edge's bias.
/// </summary>
public sealed class EdgeLinear : ILayer
{
    private readonly Dense _projection;
    private readonly int _outputs;
    private GraphStructure? _forwarded;

    public EdgeLinear(string name, int inputs, int outputs, WeightInit init, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        _outputs = outputs;
        _projection = new Dense(name, inputs, 2 * outputs, init, random);
    }

    /// <summary>The graph the next <see cref="Forward"/> runs over.</summary>
    public GraphStructure? Graph { get; set; }

    public IReadOnlyList<Parameter> Parameters => _projection.Parameters;

    public Matrix<double> Forward(Matrix<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var graph = Graph ?? throw new InvalidOperationException("EdgeLinear: no graph set before Forward.");
        if (input.RowCount != graph.Nodes)
        {
            throw new ArgumentException($"expected {graph.Nodes} node rows, got {input.RowCount}", nameof(input));
        }

        var nodes = graph.Nodes;
        var edges = graph.Edges.Count;
        var projected = DenseStorage.Of(_projection.Forward(input));
        var output = Matrix<double>.Build.Dense(edges, _outputs);
        var y = DenseStorage.Of(output);
        for (var o = 0; o < _outputs; o++)
        {
            var source = projected.AsSpan(o * nodes, nodes);
            var target = projected.AsSpan((_outputs + o) * nodes, nodes);
            var column = y.AsSpan(o * edges, edges);
            for (var e = 0; e < edges; e++)
            {
                var (s, t) = graph.Edges[e];
                column[e] = source[s] + target[t];
            }
        }

        _forwarded = graph;
        return output;
    }

    public Matrix<double> Backward(Matrix<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var graph = _forwarded ?? throw new InvalidOperationException("EdgeLinear: Backward called before Forward.");
        var nodes = graph.Nodes;
        var edges = graph.Edges.Count;
        DenseStorage.RequireShape(gradOutput, edges, _outputs, nameof(gradOutput));
        var dy = DenseStorage.Of(gradOutput, nameof(gradOutput));
        var gradProjected = Matrix<double>.Build.Dense(nodes, 2 * _outputs);
        var dp = DenseStorage.Of(gradProjected);
        for (var o = 0; o < _outputs; o++)
        {
            var source = dp.AsSpan(o * nodes, nodes);
            var target = dp.AsSpan((_outputs + o) * nodes, nodes);
            var column = dy.AsSpan(o * edges, edges);
            for (var e = 0; e < edges; e++)
            {
                var (s, t) = graph.Edges[e];
                source[s] += column[e];
                target[t] += column[e];
            }
        }

        return _projection.Backward(gradProjected);
    }
}
