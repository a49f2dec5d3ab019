using MecActors.Core.Decisions;

namespace MecActors.Policies.PreDnnOff;

/// <summary>
/// Runs every task on a placement fixed in advance: the task takes the first exit that reaches its requirement
/// (<see cref="ExitDistribution.ExitFor"/>), and the layers of that exit's chain become its pieces, consecutive layers
/// on one node one piece of cycles = time x <see cref="SystemView.CoreHz"/>, its output moving on to the next piece's
/// node; the result is parsed on the device. <see cref="ExpectedDelaySeconds"/> is the placement's expected latency (4.9).
/// </summary>
public sealed class LayerPlacementPolicy : IOffloadingPolicy, IExpectedDelay
{
    private readonly LayerLatencyModel _model;
    private readonly int _modelId;
    private readonly int[] _placement;

    public LayerPlacementPolicy(LayerLatencyModel model, int modelId, PlacementResult placement)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(placement);
        _model = model;
        _modelId = modelId;
        _placement = placement.Placement;
        ExpectedDelaySeconds = placement.ExpectedSeconds;
    }

    public double ExpectedDelaySeconds { get; }

    public IReadOnlyList<int> Placement => _placement;

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var decisions = new OffloadDecision[observation.Tasks.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = DecisionFor(_model, observation.System, observation.Tasks[i], _modelId, _placement);
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
    }

    /// <summary>The task's exit and its chain's layers as pieces under <paramref name="placement"/>.</summary>
    public static OffloadDecision DecisionFor(LayerLatencyModel model, SystemView system, Core.Workload.TaskRequest task, int modelId, IReadOnlyList<int> placement)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(placement);
        if (task.ModelId != modelId)
        {
            throw new InvalidOperationException($"task {task.TaskId} asks for model {task.ModelId}; the layer profile describes model {modelId}");
        }

        var exit = model.Exits.ExitFor(task.MinAccuracy);
        var edge = task.LocalEdge;
        var pieces = new List<Piece>();
        var node = -1;
        var seconds = 0.0;
        var path = model.Profile.PathTo(exit);
        foreach (var layer in path)
        {
            if (placement[layer] != node && node >= 0)
            {
                pieces.Add(PieceOf(model, system, edge, node, seconds, model.Profile.Layers[layer].InputBytes));
                seconds = 0.0;
            }

            node = placement[layer];
            seconds += model.ExecutionSeconds(layer, node);
        }

        if (node == LayerLatencyModel.Device)
        {
            pieces.Add(PieceOf(model, system, edge, node, seconds + model.ParsingSeconds, 0.0));
        }
        else
        {
            pieces.Add(PieceOf(model, system, edge, node, seconds, model.Profile.Layers[path[^1]].OutputBytes));
            pieces.Add(PieceOf(model, system, edge, LayerLatencyModel.Device, model.ParsingSeconds, 0.0));
        }

        return new OffloadDecision(edge, exit + 1) { Pieces = [.. pieces] };
    }

    private static Piece PieceOf(LayerLatencyModel model, SystemView system, int edge, int node, double seconds, double outputBytes)
    {
        var kind = model.Nodes[node];
        return new Piece(kind, seconds * system.CoreHz(kind, edge), outputBytes * 8.0);
    }
}
