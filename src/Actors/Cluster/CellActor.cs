using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Cluster;

/// <summary>
/// One cell as a sharded entity: the resources of its edge (<see cref="SystemResources.OfCell"/>) and its devices,
/// all children of this actor and so on one node. Inside the cell the actors speak the same protocol as in one
/// process; the cell stands in for the coordinator towards them, and answers the run's coordinator once per step:
/// the slot's tasks and edge state gathered, and each pass of a wave done with every record of its devices that
/// ended meanwhile and the queue reports of its resources that hold work. Batches for resources of other cells leave through the cell, as one relay per node and pass,
/// except those of resources that wait on another cell in the pass, which go at once.
/// </summary>
public sealed class CellActor : ReceiveActor
{
    private readonly int _edge;
    private SystemView _system = null!;
    private int _seed;
    private int _firstSlot;
    private IActorRef _coordinator = ActorRefs.Nobody;
    private IActorRef[] _cells = [];
    private CellDirectory _directory = null!;
    private readonly Dictionary<int, IActorRef> _devices = new();

    private int _slot;
    private SlotEvents.TaskGenerated[] _gathered = [];
    private int _gatheredTasks;
    private int _awaitedReports;
    private EdgeStatus? _status;

    private CellCommands.OpenWave? _wave;
    private int _pass;
    private int _horizons;
    private int _pending;
    private bool _changed;
    private readonly List<TaskRecord> _records = new();
    private readonly List<ResourceQueueReport> _queues = new();

    private int _remoteBatches;
    private readonly List<(RelayedBatch Batch, int Cell)> _outbox = new();
    private readonly HashSet<ResourceRef> _waitsOnOtherCells = new();

    public CellActor(int edge)
    {
        _edge = edge;
        Receive<CellCommands.Build>(OnBuild);
        Receive<CellCommands.Retire>(_ => Context.Stop(Self));
        Receive<CellCommands.HandOff>(_ => Context.Stop(Self));
    }

    public static Props Props(int edge) => Akka.Actor.Props.Create(() => new CellActor(edge));

    /// <summary>A crashed server restarts with the work that came after its crash (<see cref="ServerCrashed"/>); other failures as by default.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new CrashRestartStrategy(Akka.Actor.SupervisorStrategy.DefaultDecider.Decide);

    private void OnBuild(CellCommands.Build build)
    {
        _system = new SystemView(build.Scenario);
        _seed = build.Seed;
        _firstSlot = build.FirstSlot;
        _coordinator = build.Coordinator;
        Context.Watch(_coordinator);
        _directory = new CellDirectory(build.Scenario, _edge, Self);
        foreach (var resource in SystemResources.OfCell(_system, _edge))
        {
            _directory.Add(resource, Context.ActorOf(ResourceActor.Props(_system, resource, _directory, Self), resource.ToString()));
        }

        Become(Wiring);
        _coordinator.Tell(new CellEvents.Built(_edge));
    }

    private void Wiring()
    {
        Receive<CellCommands.Connect>(OnConnect);
        Receive<CellCommands.Retire>(_ => Context.Stop(Self));
        Receive<Terminated>(OnCoordinatorStopped);

        // Half built, nothing in flight yet: the coordinator sees the cell stop and builds the cells again.
        Receive<CellCommands.HandOff>(_ => Context.Stop(Self));
    }

    private void OnConnect(CellCommands.Connect connect)
    {
        _cells = connect.Cells;
        _directory.Connect(connect.Cells);
        var scenario = _system.Scenario;
        for (var u = 0; u < scenario.DeviceCount; u++)
        {
            if (scenario.LocalEdgeOf(u) == _edge)
            {
                _devices[u] = Context.ActorOf(DeviceActor.Props(scenario, u, _seed, _directory, Self, _firstSlot), $"device-{u}");
                _directory.AddDevice(u, _devices[u]);
            }
        }

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
        Receive<CellCommands.NextPass>(next => ToParticipants(new SlotCommands.NextPass(next.Wave, next.Pass), next.Pass));
        Receive<CellCommands.CommitWave>(commit =>
        {
            ToParticipants(new SlotCommands.CommitWave(commit.Wave), _pass);
            _wave = null;
        });
        Receive<SlotEvents.HorizonReached>(OnHorizonReached);
        Receive<TaskEvents.TaskReported>(OnTaskReported);
        Receive<CellDirectory.Outbound>(OnOutbound);
        Receive<CellCommands.Relay>(relay =>
        {
            foreach (var relayed in relay.Batches)
            {
                _cells[SystemResources.CellOf(_system.Scenario, relayed.To)].Tell(new CellCommands.Deliver(relayed));
            }
        });
        Receive<CellCommands.Deliver>(deliver => _directory.ToResource(deliver.Batch.To, deliver.Batch.Batch, Self));
        Receive<CellCommands.ToDevice>(to => _devices[to.Device].Tell(to.Finished));
        Receive<CellCommands.Retire>(_ => Context.Stop(Self));
        Receive<CellCommands.HandOff>(_ => _coordinator.Tell(new CellEvents.Leaving(_edge)));
        Receive<Terminated>(OnCoordinatorStopped);
    }

    /// <summary>The run's coordinator was lost with its node: nobody will retire this cell, and its run goes on (if at all) under another id.</summary>
    private void OnCoordinatorStopped(Terminated terminated)
    {
        if (terminated.ActorRef.Equals(_coordinator))
        {
            Context.Stop(Self);
        }
    }

    private void OnBeginSlot(CellCommands.BeginSlot begin)
    {
        _slot = begin.Slot;
        _awaitedReports = _devices.Count + 1;
        _gatheredTasks = 0;
        _status = null;
        var edge = _directory[ResourceRef.EdgeCompute(_edge)];
        edge.Tell(new SlotCommands.PlaceModels(begin.Slot, begin.Models));
        edge.Tell(new SlotCommands.ReportStatus(begin.Slot, begin.Now));
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
        _wave = open;
        foreach (var plan in open.Plans)
        {
            _devices[plan.Request.Device].Tell(new TaskCommands.Execute(plan));
        }

        foreach (var role in open.Roles)
        {
            _directory[role.Resource].Tell(new SlotCommands.OpenWave(open.Wave, open.Slot, open.Horizon, role, open.Cyclic));
        }

        StartPass(1);
    }

    private void ToParticipants(object message, int pass)
    {
        foreach (var role in _wave!.Roles)
        {
            _directory[role.Resource].Tell(message);
        }

        if (message is SlotCommands.NextPass)
        {
            StartPass(pass);
        }
    }

    /// <summary>Counts the pass's reports and the batches that leave for other nodes; a cell with no part in the wave is done at once.</summary>
    private void StartPass(int pass)
    {
        _pass = pass;
        _horizons = 0;
        _pending = 0;
        _changed = false;
        MarkWhatWaitsOnOtherCells(_wave!.Roles);
        _remoteBatches = 0;
        foreach (var role in _wave.Roles)
        {
            if (_waitsOnOtherCells.Contains(role.Resource))
            {
                continue;
            }

            foreach (var to in role.Downstream)
            {
                if (_directory.IsRemote(to))
                {
                    _remoteBatches++;
                }
            }
        }

        TryReportPass();
    }

    /// <summary>
    /// The cell's resources that wait, directly or through the cell's own, for a batch of this pass from another cell.
    /// Their batches to other cells go at once: held back for one relay with the others, they could wait for a cell
    /// that waits for this one. The rest go to each node as one relay.
    /// </summary>
    private void MarkWhatWaitsOnOtherCells(WaveRole[] roles)
    {
        _waitsOnOtherCells.Clear();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var role in roles)
            {
                if (_waitsOnOtherCells.Contains(role.Resource))
                {
                    continue;
                }

                foreach (var from in role.Upstream)
                {
                    if (Array.IndexOf(role.BackUpstream, from) < 0 && (_directory.IsRemote(from) || _waitsOnOtherCells.Contains(from)))
                    {
                        _waitsOnOtherCells.Add(role.Resource);
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private void OnHorizonReached(SlotEvents.HorizonReached reached)
    {
        _horizons++;
        _pending += reached.PendingTasks;
        _changed |= reached.BackLinksChanged;
        if (!reached.Queue.IsIdle)
        {
            _queues.Add(new ResourceQueueReport(reached.Resource, reached.Queue));
        }

        TryReportPass();
    }

    private void TryReportPass()
    {
        if (_wave is not { } wave || _horizons < wave.Roles.Length)
        {
            return;
        }

        _coordinator.Tell(new CellEvents.WaveDone(wave.Wave, _edge, _pass, _pending, _changed, _records.ToArray(), _queues.ToArray()));
        _records.Clear();
        _queues.Clear();
        _horizons = -1;
        if (!wave.Cyclic)
        {
            _wave = null;
        }
    }

    /// <summary>
    /// A batch of this cell's resources for a resource on another node. Once every such batch of the pass is in, each
    /// node gets them in one message.
    /// </summary>
    private void OnOutbound(CellDirectory.Outbound outbound)
    {
        var cell = SystemResources.CellOf(_system.Scenario, outbound.To);
        if (_waitsOnOtherCells.Contains(outbound.Batch.From))
        {
            _cells[cell].Tell(new CellCommands.Deliver(new RelayedBatch(outbound.To, outbound.Batch)));
            return;
        }

        _outbox.Add((new RelayedBatch(outbound.To, outbound.Batch), cell));
        if (_outbox.Count < _remoteBatches)
        {
            return;
        }

        foreach (var node in _outbox.GroupBy(o => _cells[o.Cell].Path.Address))
        {
            _cells[node.First().Cell].Tell(new CellCommands.Relay(node.Select(o => o.Batch).ToArray()));
        }

        _outbox.Clear();
    }

    /// <summary>
    /// Records wait for the wave's answer while the wave's pass is under way here (it will come: every resource
    /// reports). A task run at another cell's resource may end after this cell's part is done; it goes at once.
    /// </summary>
    private void OnTaskReported(TaskEvents.TaskReported reported)
    {
        if (_wave is not null && _horizons >= 0)
        {
            _records.Add(reported.Record);
        }
        else
        {
            _coordinator.Tell(new CellEvents.TasksReported([reported.Record]));
        }
    }
}
