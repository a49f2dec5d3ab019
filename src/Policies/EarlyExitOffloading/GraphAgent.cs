using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// GRLE, paper 002's method (Sec. V), and GRL, the same graph actor without early exits. The slot is a graph of the
/// devices with a task and the option nodes, (server, exit) pairs (GRL: one per server, its last exit), with a
/// directed edge from every device to every option node (Sec. V-C). Node features: a device's estimated arrival at
/// the servers and upload time over the deadline and its place in the order of arrivals (a share of the tasks); an
/// option's server's available fraction and backlog over the deadline, its processing time this slot over the
/// deadline, and its exit's accuracy. Two graph convolutions of 128 and 64 units (eq. (12)), aggregating over the
/// other side of the bipartite graph both ways, so that a device learns of the others through the servers (the
/// second-order neighbourhood of Sec. V-C); the edge features [h_device ‖ h_option] (eq. (13)); an MLP of 64 units
/// with a sigmoid per edge (eq. (14)). The text lost the nonlinearity: tanh, since ReLU units died in training.
/// No weight depends on the number of devices, so one network serves any topology.
/// </summary>
public sealed class GraphAgent : QuantisedOffloadingAgent<GraphAgent.SlotGraph>
{
    private const int Features = 10;

    // A backlog of many deadlines means the same to a decision; capped, it keeps the inputs in the range trained on.
    private const double BacklogCap = 4.0;

    private readonly GraphConvolution _first;
    private readonly GraphConvolution _second;
    private readonly EdgeLinear _edges;
    private readonly Sequential _network;

    public GraphAgent(SystemView system, bool earlyExits, QuantisedAgentSettings settings, int seed)
        : base(system, earlyExits, settings, seed)
    {
        var init = RandomStream.For(seed, StreamKind.Policy, 2004);
        _first = new GraphConvolution("gcn1", Features, 128, WeightInit.Xavier, init);
        _second = new GraphConvolution("gcn2", 128, 64, WeightInit.Xavier, init);
        _edges = new EdgeLinear("edge.hidden", 64, 64, WeightInit.Xavier, init);
        _network = new Sequential(
            _first,
            new Tanh(),
            _second,
            new Tanh(),
            _edges,
            new Tanh(),
            new Dense("edge.output", 64, 1, WeightInit.Xavier, init));
    }

    public override IReadOnlyList<Parameter> Parameters => _network.Parameters;

    protected override SlotGraph Encode(SlotObservation observation, SlotProblem problem)
    {
        var tasks = problem.Tasks;
        var options = Allowed.Length;
        var nodes = tasks + options;
        var features = new double[nodes, Features];
        var deadline = problem.DeadlineSeconds(0);
        for (var i = 0; i < tasks; i++)
        {
            var task = observation.Tasks[i];
            features[i, 0] = 1.0;
            features[i, 2] = (problem.ArrivalSeconds(i) - problem.ReleaseSeconds(i)) / deadline;
            features[i, 3] = task.InputBits / task.UplinkRateBps / deadline;
        }

        var order = problem.ArrivalOrder;
        for (var k = 0; k < tasks; k++)
        {
            features[order[k], 9] = (double)k / tasks;
        }

        for (var o = 0; o < options; o++)
        {
            var (server, exit) = Options.Of(Allowed[o]);
            var v = tasks + o;
            features[v, 1] = 1.0;
            features[v, 4] = problem.Availability[server];
            features[v, 5] = Math.Min(problem.InitialFreeAt(server) / deadline, BacklogCap);
            features[v, 6] = problem.ProcessingSeconds(server, exit) / deadline;
            features[v, 7] = problem.Accuracy(exit);
            features[v, 8] = exit == Options.Exits ? 1.0 : 0.0;
        }

        var neighbours = new int[nodes][];
        var edges = new (int, int)[tasks * options];
        for (var i = 0; i < tasks; i++)
        {
            neighbours[i] = [.. Enumerable.Range(tasks, options)];
            for (var o = 0; o < options; o++)
            {
                edges[(i * options) + o] = (i, tasks + o);
            }
        }

        for (var o = 0; o < options; o++)
        {
            neighbours[tasks + o] = [.. Enumerable.Range(0, tasks)];
        }

        return new SlotGraph(new GraphStructure(nodes, neighbours, edges), features);
    }

    protected override double[] Relaxed(SlotGraph state, int tasks)
    {
        var logits = Forward(state.Graph, Matrix<double>.Build.DenseOfArray(state.Features));
        var scores = new double[logits.RowCount];
        for (var e = 0; e < scores.Length; e++)
        {
            scores[e] = Sigmoid.Of(logits[e, 0]);
        }

        return scores;
    }

    protected override double Backpropagate(IReadOnlyList<(SlotGraph State, int[] Targets)> batch)
    {
        var graph = GraphStructure.Disjoint([.. batch.Select(b => b.State.Graph)]);
        var input = Matrix<double>.Build.Dense(graph.Nodes, Features);
        var targets = Matrix<double>.Build.Dense(graph.Edges.Count, 1);
        int row = 0, edge = 0;
        var options = Allowed.Length;
        foreach (var (state, chosen) in batch)
        {
            var nodes = state.Features.GetLength(0);
            for (var v = 0; v < nodes; v++)
            {
                for (var f = 0; f < Features; f++)
                {
                    input[row + v, f] = state.Features[v, f];
                }
            }

            for (var i = 0; i < chosen.Length; i++)
            {
                targets[edge + (i * options) + chosen[i], 0] = 1.0;
            }

            row += nodes;
            edge += state.Graph.Edges.Count;
        }

        var logits = Forward(graph, input);
        var gradient = Matrix<double>.Build.Dense(logits.RowCount, 1);
        var loss = BinaryCrossEntropyLoss.Compute(logits, targets, gradient);
        _network.Backward(gradient);
        return loss;
    }

    private Matrix<double> Forward(GraphStructure graph, Matrix<double> input)
    {
        _first.Graph = graph;
        _second.Graph = graph;
        _edges.Graph = graph;
        return _network.Forward(input);
    }

    /// <summary>A slot as the actor sees it: the graph and its node features (nodes x features).</summary>
    public sealed record SlotGraph(GraphStructure Graph, double[,] Features);
}
