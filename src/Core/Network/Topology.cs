namespace MecActors.Core.Network;

/// <summary>The fiber graph between edges: its physical links, hop counts and the shortest paths routes follow.</summary>
public sealed class Topology
{
    private readonly int[,] _hops;
    private readonly int[][] _neighbours;

    public Topology(TopologySpec spec, int edges)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(edges, 1);
        Edges = edges;
        var neighbours = Neighbours(spec, edges);
        _hops = new int[edges, edges];
        for (var source = 0; source < edges; source++)
        {
            FillHops(source, neighbours);
        }

        _neighbours = new int[edges][];
        for (var i = 0; i < edges; i++)
        {
            neighbours[i].Sort();
            _neighbours[i] = neighbours[i].ToArray();
        }
    }

    public int Edges { get; }

    /// <summary>Hop count h between two edges; 0 from an edge to itself.</summary>
    public int Hops(int from, int to) => _hops[from, to];

    /// <summary>The edges one physical link away from <paramref name="edge"/>, ascending.</summary>
    public IReadOnlyList<int> NeighboursOf(int edge) => _neighbours[edge];

    /// <summary>
    /// The next edge on the way from <paramref name="from"/> to <paramref name="to"/> (another edge): of the neighbours
    /// on a shortest path, the lowest-numbered, so every route between two edges takes the same links.
    /// </summary>
    public int NextHop(int from, int to)
    {
        foreach (var next in _neighbours[from])
        {
            if (_hops[next, to] == _hops[from, to] - 1)
            {
                return next;
            }
        }

        throw new ArgumentException($"no path from edge {from} to edge {to}");
    }

    private void FillHops(int source, List<int>[] neighbours)
    {
        for (var i = 0; i < Edges; i++)
        {
            _hops[source, i] = -1;
        }

        _hops[source, source] = 0;
        var queue = new Queue<int>();
        queue.Enqueue(source);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in neighbours[node])
            {
                if (_hops[source, next] < 0)
                {
                    _hops[source, next] = _hops[source, node] + 1;
                    queue.Enqueue(next);
                }
            }
        }

        for (var i = 0; i < Edges; i++)
        {
            if (_hops[source, i] < 0)
            {
                throw new ArgumentException($"edge {i} is not reachable from edge {source} over the fiber topology");
            }
        }
    }

    private static List<int>[] Neighbours(TopologySpec spec, int edges)
    {
        var neighbours = new List<int>[edges];
        for (var i = 0; i < edges; i++)
        {
            neighbours[i] = new List<int>();
        }

        void Join(int a, int b)
        {
            if (a == b || neighbours[a].Contains(b))
            {
                return;
            }

            neighbours[a].Add(b);
            neighbours[b].Add(a);
        }

        switch (spec.Kind)
        {
            case TopologyKind.Line:
                for (var i = 0; i + 1 < edges; i++)
                {
                    Join(i, i + 1);
                }

                break;
            case TopologyKind.Ring:
                for (var i = 0; i < edges; i++)
                {
                    Join(i, (i + 1) % edges);
                }

                break;
            case TopologyKind.FullMesh:
                for (var i = 0; i < edges; i++)
                {
                    for (var j = i + 1; j < edges; j++)
                    {
                        Join(i, j);
                    }
                }

                break;
            case TopologyKind.Adjacency:
                var lists = spec.Adjacency ?? throw new ArgumentException("adjacency topology needs adjacency lists");
                if (lists.Count != edges)
                {
                    throw new ArgumentException($"adjacency has {lists.Count} rows for {edges} edges");
                }

                for (var i = 0; i < edges; i++)
                {
                    foreach (var j in lists[i])
                    {
                        if (j < 0 || j >= edges)
                        {
                            throw new ArgumentException($"adjacency row {i} names edge {j}, outside 0..{edges - 1}");
                        }

                        Join(i, j);
                    }
                }

                break;
        }

        return neighbours;
    }
}
