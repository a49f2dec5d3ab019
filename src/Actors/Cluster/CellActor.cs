using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Cluster;

/// <summary>
/// One cell as a sharded entity: the edge server, its backhaul, the fiber paths leaving it, its radio link and
/// its devices, all children of this actor and so on one node. Inside the cell the actors speak the same
/// protocol as in one process; the cell stands in for the coordinator towards them, and answers the run's
/// coordinator once per step: the slot's tasks and edge state gathered, and the wave done with every record
/// of its devices that ended meanwhile.
/// </summary>
public sealed class CellActor : ReceiveActor
{
    private readonly int _edge;
    private SystemView _system = null!;
    private int _seed;
    private int _firstSlot;
    private IActorRef _coordinator = ActorRefs.Nobody;
    private IActorRef _edgeServer = ActorRefs.Nobody;
    private IActorRef _backhaul = ActorRefs.Nobody;
    private IActorRef _radio = ActorRefs.Nobody;
    private readonly Dictionary<int, IActorRef> _devices = new();
    private int _resources;

    private int _slot;
    private SlotEvents.TaskGenerated[] _gathered = [];
    private int _gatheredTasks;
    private int _awaitedReports;
    private EdgeStatus? _status;

    private bool _waveOpen;
    private int _horizons;
    private int _pending;
    private readonly List<TaskRecord> _records = new();

    // Fiber paths to edges on other nodes hand their batches to the cell, which sends one Relay per node.
    private readonly Dictionary<IActorRef, (IActorRef Edge, IActorRef Cell)> _remoteFibers = new();
    private readonly List<(RelayedBatch Batch, IActorRef Cell)> _outbox = new();

    public CellActor(int edge)
    {
        _edge = edge;
        Receive<CellCommands.Build>(OnBuild);
        Receive<CellCommands.Retire>(_ => Context.Stop(Self));
        Receive<CellCommands.HandOff>(_ => Context.Stop(Self));
    }

    public static Props Props(int edge) => Akka.Actor.Props.Create(() => new CellActor(edge));

    private void OnBuild(CellCommands.Build build)
    {
        _system = new SystemView(build.Scenario);
        _seed = build.Seed;
        _firstSlot = build.FirstSlot;
        _coordinator = build.Coordinator;
        var n = _system.Scenario.EdgeCount;

        // Its own radio link, a fiber path from every other edge, and its backhaul.
        _edgeServer = Context.ActorOf(EdgeServerActor.Props(_system, _edge, n + 1, Self), "edge");
        _backhaul = Context.ActorOf(BackhaulActor.Props(_system, _edge, _edgeServer, Self), "backhaul");
        Become(Wiring);
        _coordinator.Tell(new CellEvents.Built(_edge, _edgeServer, _backhaul));
    }

    private void Wiring()
    {
        Receive<CellCommands.Connect>(OnConnect);
        Receive<CellCommands.Retire>(_ => Context.Stop(Self));

        // Half built, nothing in flight yet: the coordinator sees the cell stop and builds the cells again.
        Receive<CellCommands.HandOff>(_ => Context.Stop(Self));
    }

    private void OnConnect(CellCommands.Connect connect)
    {
        var scenario = _system.Scenario;
        var radioDownstream = new Dictionary<ResourceRef, IActorRef> { [ResourceRef.EdgeCompute(_edge)] = _edgeServer };
        for (var b = 0; b < scenario.EdgeCount; b++)
        {
            if (b != _edge)
            {
                var remote = connect.Edges[b].Path.Address.HasGlobalScope;
                var fiberDownstream = new Dictionary<ResourceRef, IActorRef> { [ResourceRef.EdgeCompute(b)] = remote ? Self : connect.Edges[b] };
                var resource = ResourceRef.Fiber(_edge, b);
                var fiber = Context.ActorOf(LinkActor.Props(_system, resource, fiberDownstream, Self, uploadsPerWave: false), $"fiber-{_edge}-{b}");
                radioDownstream[resource] = fiber;
                if (remote)
                {
                    _remoteFibers[fiber] = (connect.Edges[b], connect.Cells[b]);
                }
            }
        }

        _radio = Context.ActorOf(LinkActor.Props(_system, ResourceRef.Wireless(_edge), radioDownstream, Self, uploadsPerWave: true), "radio");
        for (var u = 0; u < scenario.DeviceCount; u++)
        {
            if (scenario.LocalEdgeOf(u) == _edge)
            {
                _devices[u] = Context.ActorOf(DeviceActor.Props(scenario, u, _seed, _radio, Self, _firstSlot), $"device-{u}");
            }
        }

        // Radio, edge, backhaul and the fiber paths leaving the cell report each wave's horizon here.
        _resources = 3 + (scenario.EdgeCount - 1);
        _gathered = new SlotEvents.TaskGenerated[_devices.Count];
        Become(Running);
        _coordinator.Tell(new CellEvents.Connected(_edge));
    }

    private void Running()
    {
        Receive<CellCommands.BeginSlot>(OnBeginSlot);
        Receive<SlotEvents.TaskGenerated>(OnTaskGenerated);
        Receive<SlotEvents.EdgeStatusReported>(OnEdgeStatus);
        Receive<CellCommands.OpenWave>(OnOpenWave);
        Receive<SlotEvents.HorizonReached>(OnHorizonReached);
        Receive<TaskEvents.TaskReported>(OnTaskReported);
        Receive<TaskCommands.TransitBatch>(OnOutgoingFiberBatch);
        Receive<CellCommands.Relay>(relay =>
        {
            foreach (var relayed in relay.Batches)
            {
                relayed.Edge.Tell(relayed.Batch);
            }
        });
        Receive<CellCommands.Retire>(_ => Context.Stop(Self));
        Receive<CellCommands.HandOff>(_ => _coordinator.Tell(new CellEvents.Leaving(_edge)));
    }

    private void OnBeginSlot(CellCommands.BeginSlot begin)
    {
        _slot = begin.Slot;
        _awaitedReports = _devices.Count + 1;
        _gatheredTasks = 0;
        _status = null;
        _edgeServer.Tell(new SlotCommands.PlaceModels(begin.Slot, begin.Models));
        _edgeServer.Tell(new SlotCommands.ReportStatus(begin.Slot, begin.Now));
        var command = new SlotCommands.BeginSlot(begin.Slot, begin.Popularity);
        foreach (var device in _devices.Values)
        {
            device.Tell(command);
        }
    }

    private void OnTaskGenerated(SlotEvents.TaskGenerated generated)
    {
        _gathered[_gatheredTasks++] = generated;
        ReportGathered();
    }

    private void OnEdgeStatus(SlotEvents.EdgeStatusReported reported)
    {
        _status = reported.Status;
        ReportGathered();
    }

    private void ReportGathered()
    {
        if (--_awaitedReports == 0)
        {
            _coordinator.Tell(new CellEvents.Gathered(_slot, _gathered.ToArray(), _status!));
        }
    }

    private void OnOpenWave(CellCommands.OpenWave open)
    {
        _waveOpen = true;
        foreach (var plan in open.Plans)
        {
            _devices[plan.Request.Device].Tell(new TaskCommands.Execute(plan));
        }

        _radio.Tell(new SlotCommands.OpenWave(open.Slot, open.Horizon, open.Uploads));
        _edgeServer.Tell(new SlotCommands.OpenWave(open.Slot, open.Horizon, open.EdgeTasks));
    }

    private void OnHorizonReached(SlotEvents.HorizonReached reached)
    {
        _horizons++;
        _pending += reached.PendingTasks;
        if (_horizons < _resources)
        {
            return;
        }

        _coordinator.Tell(new CellEvents.WaveDone(reached.Slot, _edge, _pending, _records.ToArray()));
        _records.Clear();
        _horizons = 0;
        _pending = 0;
        _waveOpen = false;
    }

    /// <summary>
    /// A fiber path's batch for an edge on another node. Every fiber path sends one batch a wave, all fed by this
    /// cell's radio link; once all are in, each node gets them in one message.
    /// </summary>
    private void OnOutgoingFiberBatch(TaskCommands.TransitBatch batch)
    {
        var (edge, cell) = _remoteFibers[Sender];
        _outbox.Add((new RelayedBatch(edge, batch), cell));
        if (_outbox.Count < _remoteFibers.Count)
        {
            return;
        }

        foreach (var node in _outbox.GroupBy(o => o.Batch.Edge.Path.Address))
        {
            node.First().Cell.Tell(new CellCommands.Relay(node.Select(o => o.Batch).ToArray()));
        }

        _outbox.Clear();
    }

    /// <summary>
    /// Records wait for the wave's answer while the wave is under way here (it will come: every resource reports).
    /// A task run at another cell's edge may end after this cell's part of the wave is done; it goes at once.
    /// </summary>
    private void OnTaskReported(TaskEvents.TaskReported reported)
    {
        if (_waveOpen || _horizons > 0)
        {
            _records.Add(reported.Record);
        }
        else
        {
            _coordinator.Tell(new CellEvents.TasksReported([reported.Record]));
        }
    }
}
