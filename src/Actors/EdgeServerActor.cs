using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>
/// An edge server: its model cache and its processor. Each slot it waits for the coordinator's count of
/// tasks, one batch from each upstream link (its own radio link, every fiber path into it that takes part in
/// the wave, its backhaul),
/// applies them in a fixed order, advances to the horizon, and hands finished tasks back to their devices.
/// </summary>
public sealed class EdgeServerActor : ReceiveActor
{
    private readonly EdgeNode _node;
    private readonly ResourceRef _resource;
    private readonly IActorRef _coordinator;
    private readonly int _allUpstreamBatches;
    private readonly Dictionary<long, IActorRef> _devices = new();
    private readonly List<Transit> _inputs = new();
    private readonly List<ModelArrival> _models = new();
    private readonly List<TaskProgress> _finished = new();
    private SlotCommands.OpenWave? _wave;
    private int _batches;

    public EdgeServerActor(SystemView system, int edge, int upstreamBatches, IActorRef coordinator)
    {
        _node = new EdgeNode(system, edge);
        _resource = ResourceRef.EdgeCompute(edge);
        _allUpstreamBatches = upstreamBatches;
        _coordinator = coordinator;
        Receive<SlotCommands.PlaceModels>(place => _node.Place(place.Models));
        Receive<SlotCommands.ReportStatus>(report => Sender.Tell(new SlotEvents.EdgeStatusReported(report.Slot, _node.Status(report.Now))));
        Receive<SlotCommands.OpenWave>(OnOpenWave);
        Receive<TaskCommands.TransitBatch>(OnTransitBatch);
        Receive<ModelEvents.ModelBatch>(OnModelBatch);
    }

    public static Props Props(SystemView system, int edge, int upstreamBatches, IActorRef coordinator) =>
        Akka.Actor.Props.Create(() => new EdgeServerActor(system, edge, upstreamBatches, coordinator));

    private void OnOpenWave(SlotCommands.OpenWave open)
    {
        _wave = open;
        TryAdvance();
    }

    private void OnTransitBatch(TaskCommands.TransitBatch batch)
    {
        _inputs.AddRange(batch.Tasks);
        _batches++;
        TryAdvance();
    }

    private void OnModelBatch(ModelEvents.ModelBatch batch)
    {
        _models.AddRange(batch.Arrivals);
        _batches++;
        TryAdvance();
    }

    private void TryAdvance()
    {
        if (_wave is not { } wave || _batches < UpstreamBatches(wave))
        {
            return;
        }

        // A wave without new tasks (the final drain, or a drain before cells move) leaves the slot's batch alone.
        if (wave.Expected > 0)
        {
            _node.ExpectSlot(wave.Slot, wave.Expected);
        }

        foreach (var input in _inputs)
        {
            _devices.Add(input.Task.TaskId, input.Device);
            _node.InputArrived(input.Task);
        }

        foreach (var model in _models)
        {
            _node.ModelArrived(model);
        }

        _finished.Clear();
        _node.Advance(wave.Horizon, _finished);
        foreach (var task in _finished)
        {
            _devices.Remove(task.TaskId, out var device);
            device!.Tell(new TaskEvents.TaskFinished(task));
        }

        _coordinator.Tell(new SlotEvents.HorizonReached(wave.Slot, _resource, _node.Pending));
        _inputs.Clear();
        _models.Clear();
        _batches = 0;
        _wave = null;
    }

    /// <summary>Its radio link and backhaul, plus the fiber paths into it that take part (all of them unless the wave names them).</summary>
    private int UpstreamBatches(SlotCommands.OpenWave wave) => wave.Fibers is { } fibers ? 2 + fibers.Length : _allUpstreamBatches;
}
