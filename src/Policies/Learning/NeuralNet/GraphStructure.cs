namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// A graph the graph layers run over: its nodes (the rows of their input), each node's neighbours for aggregation,
/// and its directed edges (source, target), the rows of an <see cref="EdgeConcatenation"/>. Several graphs of a batch
/// are one graph of disjoint parts (<see cref="Disjoint"/>).
/// </summary>
public sealed class GraphStructure
{
    public GraphStructure(int nodes, IReadOnlyList<int[]> neighbours, IReadOnlyList<(int Source, int Target)> edges)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        ArgumentNullException.ThrowIfNull(neighbours);
        ArgumentNullException.ThrowIfNull(edges);
        if (neighbours.Count != nodes)
        {
            throw new ArgumentException($"{neighbours.Count} neighbour lists for {nodes} nodes", nameof(neighbours));
        }

        foreach (var list in neighbours)
        {
            if (list.Any(n => n < 0 || n >= nodes))
            {
                throw new ArgumentException("a neighbour lies outside the graph", nameof(neighbours));
            }
        }

        if (edges.Any(e => e.Source < 0 || e.Source >= nodes || e.Target < 0 || e.Target >= nodes))
        {
            throw new ArgumentException("an edge leaves the graph", nameof(edges));
        }

        Nodes = nodes;
        Neighbours = neighbours;
        Edges = edges;
    }

    public int Nodes { get; }

    public IReadOnlyList<int[]> Neighbours { get; }

    public IReadOnlyList<(int Source, int Target)> Edges { get; }

    /// <summary>The graphs side by side, their nodes and edges numbered on in order.</summary>
    public static GraphStructure Disjoint(IReadOnlyList<GraphStructure> graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        var neighbours = new List<int[]>();
        var edges = new List<(int, int)>();
        var offset = 0;
        foreach (var graph in graphs)
        {
            foreach (var list in graph.Neighbours)
            {
                neighbours.Add([.. list.Select(n => n + offset)]);
            }

            foreach (var (source, target) in graph.Edges)
            {
                edges.Add((source + offset, target + offset));
            }

            offset += graph.Nodes;
        }

        return new GraphStructure(offset, neighbours, edges);
    }
}
