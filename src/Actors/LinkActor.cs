using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>
/// A link carrying task inputs: a cell's radio access link (fed by its devices' uploads) or a fiber path
/// between two edges (fed by the source cell's radio link). Each slot it waits for all of its inputs,
/// advances its queue to the slot's horizon, and sends every downstream resource one batch: the tasks
/// leaving towards it and, implicitly, the horizon.
/// </summary>
public sealed class LinkActor : ReceiveActor
{
    private readonly LinkNode _node;
    private readonly IActorRef _coordinator;
    private readonly IReadOnlyDictionary<ResourceRef, IActorRef> _downstream;
    private readonly Dictionary<long, IActorRef> _devices = new();
    private readonly List<TaskProgress> _leaving = new();
    private readonly Dictionary<IActorRef, List<Transit>> _outgoing = new();
    private readonly List<Transit> _arrived = new();
    private readonly bool _countsUploads;
    private int _slot;
    private double _horizon;
    private int _expected = -1;
    private int _received;
    private HashSet<IActorRef>? _activeTargets;

    /// <param name="downstream">The next resource of every task leaving this link, keyed by that resource.</param>
    /// <param name="uploadsPerWave">True for a radio link, whose inputs are uploads counted by the coordinator; false for a fiber path fed by one batch a wave.</param>
    public LinkActor(SystemView system, ResourceRef resource, IReadOnlyDictionary<ResourceRef, IActorRef> downstream, IActorRef coordinator, bool uploadsPerWave)
    {
        _node = new LinkNode(system, resource);
        _downstream = downstream;
        _coordinator = coordinator;
        foreach (var target in downstream.Values)
        {
            _outgoing[target] = new List<Transit>();
        }

        _countsUploads = uploadsPerWave;
        if (uploadsPerWave)
        {
            Receive<SlotCommands.OpenWave>(OnOpenWave);
            Receive<TaskCommands.Upload>(OnUpload);
        }
        else
        {
            _expected = 1;
            Receive<TaskCommands.TransitBatch>(OnTransitBatch);
        }
    }

    public static Props Props(SystemView system, ResourceRef resource, IReadOnlyDictionary<ResourceRef, IActorRef> downstream, IActorRef coordinator, bool uploadsPerWave) =>
        Akka.Actor.Props.Create(() => new LinkActor(system, resource, downstream, coordinator, uploadsPerWave));

    private void OnOpenWave(SlotCommands.OpenWave open)
    {
        _slot = open.Slot;
        _horizon = open.Horizon;
        _expected = open.Expected;
        _activeTargets = open.Fibers is { } fibers ? ActiveTargets(fibers) : null;
        TryAdvance();
    }

    /// <summary>The cell's edge and the fiber paths to the named edges.</summary>
    private HashSet<IActorRef> ActiveTargets(int[] fibers)
    {
        var cell = _node.Resource.A;
        var targets = new HashSet<IActorRef> { _downstream[ResourceRef.EdgeCompute(cell)] };
        foreach (var b in fibers)
        {
            targets.Add(_downstream[ResourceRef.Fiber(cell, b)]);
        }

        return targets;
    }

    private void OnUpload(TaskCommands.Upload upload)
    {
        _arrived.Add(new Transit(upload.Task, upload.Device));
        _received++;
        TryAdvance();
    }

    private void OnTransitBatch(TaskCommands.TransitBatch batch)
    {
        _slot = batch.Slot;
        _horizon = batch.Horizon;
        _arrived.AddRange(batch.Tasks);
        _received++;
        TryAdvance();
    }

    /// <summary>
    /// Sends each downstream resource taking part in the wave its batch: all of them, or, when the wave names the
    /// fiber paths taking part, the cell's edge and those paths only. A task leaving towards a path that sits the
    /// wave out would be lost, so it is an error.
    /// </summary>
    private void SendBatches()
    {
        foreach (var (target, tasks) in _outgoing)
        {
            if (TakesPart(target))
            {
                target.Tell(new TaskCommands.TransitBatch(_slot, _horizon, tasks.ToArray()));
                tasks.Clear();
            }
            else if (tasks.Count > 0)
            {
                throw new InvalidOperationException($"{_node.Resource}: {tasks.Count} tasks leave towards a fiber path that sits the wave out");
            }
        }
    }

    private bool TakesPart(IActorRef target) => _activeTargets is null || _activeTargets.Contains(target);

    private void TryAdvance()
    {
        if (_expected < 0 || _received < _expected)
        {
            return;
        }

        foreach (var transit in _arrived)
        {
            _devices.Add(transit.Task.TaskId, transit.Device);
            _node.Arrive(transit.Task);
        }

        _arrived.Clear();
        _leaving.Clear();
        _node.Advance(_horizon, _leaving);
        foreach (var task in _leaving)
        {
            _devices.Remove(task.TaskId, out var device);
            _outgoing[_downstream[task.NextResource()]].Add(new Transit(task, device!));
        }

        SendBatches();

        _coordinator.Tell(new SlotEvents.HorizonReached(_slot, _node.Resource, _node.Pending));
        _received = 0;
        _activeTargets = null;
        if (_countsUploads)
        {
            _expected = -1;
        }
    }
}
