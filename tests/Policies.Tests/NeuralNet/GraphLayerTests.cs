using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class GraphLayerTests
{
    /// <summary>Two graphs side by side: a bipartite one of 3 devices and 2 options (edges from devices), and 2 nodes of which one has no neighbours.</summary>
    private static GraphStructure Graph()
    {
        var bipartite = new GraphStructure(
            5,
            [[3, 4], [3, 4], [3, 4], [0, 1, 2], [0, 1, 2]],
            [(0, 3), (0, 4), (1, 3), (1, 4), (2, 3), (2, 4)]);
        var pair = new GraphStructure(2, [[1], []], [(0, 1)]);
        return GraphStructure.Disjoint([bipartite, pair]);
    }

    [Fact]
    public void Disjoint_graphs_number_their_nodes_and_edges_on()
    {
        var graph = Graph();
        Assert.Equal(7, graph.Nodes);
        Assert.Equal([6], graph.Neighbours[5]);
        Assert.Empty(graph.Neighbours[6]);
        Assert.Equal((5, 6), graph.Edges[^1]);
    }

    [Fact]
    public void Convolution_joins_each_node_with_the_mean_of_its_neighbours()
    {
        var graph = Graph();
        var layer = new GraphConvolution("g", 3, 4, WeightInit.Xavier, new Random(1)) { Graph = graph };
        TestMatrices.Uniform(1, 4, 2).CopyTo(layer.Parameters[1].Value);
        var input = TestMatrices.Uniform(graph.Nodes, 3, 3);

        var output = layer.Forward(input);

        var joined = Matrix<double>.Build.Dense(graph.Nodes, 6, (v, c) =>
            c < 3 ? input[v, c] : graph.Neighbours[v].Length == 0 ? 0.0 : graph.Neighbours[v].Average(u => input[u, c - 3]));
        var expected = joined * layer.Parameters[0].Value + Matrix<double>.Build.Dense(graph.Nodes, 4, (_, c) => layer.Parameters[1].Value[0, c]);
        Assert.True((output - expected).InfinityNorm() < 1e-12);
    }

    [Fact]
    public void Convolution_input_and_parameter_gradients_match_finite_differences()
    {
        var graph = Graph();
        var layer = new GraphConvolution("g", 3, 4, WeightInit.Xavier, new Random(4)) { Graph = graph };
        TestMatrices.Uniform(1, 4, 5).CopyTo(layer.Parameters[1].Value);
        var input = TestMatrices.Uniform(graph.Nodes, 3, 6);
        var upstream = TestMatrices.Uniform(graph.Nodes, 4, 7);
        double Loss() => GradientCheck.WeightedSum(layer.Forward(input), upstream);

        layer.Forward(input);
        var gradInput = layer.Backward(upstream).Clone();

        GradientCheck.AssertMatches(input, gradInput, Loss, "input");
        foreach (var parameter in layer.Parameters)
        {
            GradientCheck.AssertMatches(parameter.Value, parameter.Gradient, Loss, parameter.Name);
        }
    }

    [Fact]
    public void Edge_linear_maps_the_concatenated_source_and_target_features()
    {
        var graph = Graph();
        var layer = new EdgeLinear("e", 3, 2, WeightInit.Xavier, new Random(8)) { Graph = graph };
        TestMatrices.Uniform(1, 4, 9).CopyTo(layer.Parameters[1].Value);
        var input = TestMatrices.Uniform(graph.Nodes, 3, 10);

        var output = layer.Forward(input);

        // [W_s | W_t] as one (2 x 3) x 2 map of [h_s ‖ h_t], the biases summed.
        var w = layer.Parameters[0].Value;
        var b = layer.Parameters[1].Value;
        var map = Matrix<double>.Build.Dense(6, 2, (r, c) => r < 3 ? w[r, c] : w[r - 3, 2 + c]);
        Assert.Equal(graph.Edges.Count, output.RowCount);
        for (var e = 0; e < graph.Edges.Count; e++)
        {
            var (s, t) = graph.Edges[e];
            var concatenated = Matrix<double>.Build.Dense(1, 6, (_, c) => c < 3 ? input[s, c] : input[t, c - 3]);
            var expected = concatenated * map;
            for (var c = 0; c < 2; c++)
            {
                Assert.Equal(expected[0, c] + b[0, c] + b[0, 2 + c], output[e, c], 12);
            }
        }
    }

    [Fact]
    public void Edge_linear_input_and_parameter_gradients_match_finite_differences()
    {
        var graph = Graph();
        var layer = new EdgeLinear("e", 3, 2, WeightInit.Xavier, new Random(11)) { Graph = graph };
        var input = TestMatrices.Uniform(graph.Nodes, 3, 12);
        var upstream = TestMatrices.Uniform(graph.Edges.Count, 2, 13);
        double Loss() => GradientCheck.WeightedSum(layer.Forward(input), upstream);

        layer.Forward(input);
        var gradInput = layer.Backward(upstream).Clone();

        GradientCheck.AssertMatches(input, gradInput, Loss, "input");
        foreach (var parameter in layer.Parameters)
        {
            GradientCheck.AssertMatches(parameter.Value, parameter.Gradient, Loss, parameter.Name);
        }
    }

    [Fact]
    public void A_stack_of_graph_layers_passes_the_finite_difference_check_end_to_end()
    {
        var graph = Graph();
        var first = new GraphConvolution("g1", 3, 5, WeightInit.He, new Random(14)) { Graph = graph };
        var second = new GraphConvolution("g2", 5, 4, WeightInit.He, new Random(15)) { Graph = graph };
        var edges = new EdgeLinear("e", 4, 3, WeightInit.He, new Random(16)) { Graph = graph };
        var network = new Sequential(first, new Tanh(), second, new Tanh(), edges, new Tanh(), new Dense("out", 3, 1, WeightInit.Xavier, new Random(17)));
        var input = TestMatrices.Uniform(graph.Nodes, 3, 18);
        var upstream = TestMatrices.Uniform(graph.Edges.Count, 1, 19);
        double Loss() => GradientCheck.WeightedSum(network.Forward(input), upstream);

        network.Forward(input);
        var gradInput = network.Backward(upstream).Clone();

        GradientCheck.AssertMatches(input, gradInput, Loss, "input");
        foreach (var parameter in network.Parameters)
        {
            GradientCheck.AssertMatches(parameter.Value, parameter.Gradient, Loss, parameter.Name);
        }
    }
}
