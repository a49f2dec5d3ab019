using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>
/// Any resource of the system in virtual time: a radio, a fiber link, a backhaul, a processor (an edge's also
/// holds the edge's model cache). In each wave it waits for its role, the tasks entering it from their devices and
/// one batch from every upstream taking part, advances its <see cref="ResourceNode"/> to the horizon, sends every
/// downstream taking part one batch (the jobs leaving towards it and the promise that nothing earlier follows) and
/// hands finished tasks to their devices. A cyclic wave runs in passes, each from the state at the wave's start;
/// finished tasks wait for the commit (docs/architecture.md, Waves).
/// </summary>
public sealed class ResourceActor : ReceiveActor
{
    private readonly ResourceDirectory _directory;
    private readonly IActorRef _coordinator;
    private readonly ServerCache? _cache;
    private readonly List<TaskProgress> _entries = new();
    private readonly List<TaskCommands.TransitBatch> _inbox = new();
    private readonly List<TaskProgress> _leaving = new();
    private readonly List<ModelArrival> _models = new();
    private readonly List<TaskProgress> _held = new();
    private readonly Dictionary<ResourceRef, Outgoing> _outgoing = new();
    private readonly Dictionary<ResourceRef, TaskCommands.TransitBatch> _sentBack = new();
    private ResourceNode _node;
    private ResourceNode? _start;
    private SlotCommands.OpenWave? _wave;
    private int _pass;
    private bool _passDone;

    public ResourceActor(SystemView system, ResourceRef resource, ResourceDirectory directory, IActorRef coordinator)
    {
        _node = SystemResources.Create(system, resource);
        _directory = directory;
        _coordinator = coordinator;
        if (resource.Kind == ResourceKind.EdgeCompute)
        {
            // A crash restarts the actor at the placement, carrying the node: between slots it is all the actor holds.
            _cache = new ServerCache(system, resource.A);
            Receive<SlotCommands.PlaceModels>(place => _cache.Place(place, _node, _node));
            Receive<SlotCommands.ReportStatus>(report => Sender.Tell(new SlotEvents.EdgeStatusReported(report.Slot, _cache.Status(report.Now, _node.FreeAt))));
        }

        Receive<SlotCommands.OpenWave>(OnOpenWave);
        Receive<SlotCommands.NextPass>(OnNextPass);
        Receive<SlotCommands.CommitWave>(OnCommit);
        Receive<TaskCommands.Enter>(enter =>
        {
            _entries.Add(enter.Task);
            TryAdvance();
        });
        Receive<TaskCommands.TransitBatch>(batch =>
        {
            _inbox.Add(batch);
            TryAdvance();
        });
    }

    public static Props Props(SystemView system, ResourceRef resource, ResourceDirectory directory, IActorRef coordinator) =>
        Akka.Actor.Props.Create(() => new ResourceActor(system, resource, directory, coordinator));

    private ResourceRef Resource => _node.Resource;

    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        if (reason is ServerCrashed crashed)
        {
            _node = (ResourceNode)crashed.Carried;
            _cache!.Restarted(crashed, _node, Context);
        }
    }

    private void OnOpenWave(SlotCommands.OpenWave open)
    {
        _wave = open;
        _pass = 1;
        _passDone = false;
        _sentBack.Clear();
        _start = open.Cyclic ? _node.Copy() : null;

        // Batches of an earlier wave's last pass on back links were never needed (a loop: this runs every wave).
        var kept = 0;
        for (var i = 0; i < _inbox.Count; i++)
        {
            if (_inbox[i].Wave == open.Wave)
            {
                _inbox[kept++] = _inbox[i];
            }
        }

        _inbox.RemoveRange(kept, _inbox.Count - kept);
        TryAdvance();
    }

    private void OnNextPass(SlotCommands.NextPass next)
    {
        if (_wave is not { } wave || next.Wave != wave.Wave)
        {
            return;
        }

        _pass = next.Pass;
        _passDone = false;
        TryAdvance();
    }

    private void OnCommit(SlotCommands.CommitWave commit)
    {
        if (_wave is not { } wave || commit.Wave != wave.Wave)
        {
            return;
        }

        foreach (var task in _held)
        {
            _directory.ToDevice(task.Plan.Request.Device, new TaskEvents.TaskFinished(task), Self);
        }

        EndWave();
    }

    private void TryAdvance()
    {
        if (_wave is not { } wave || _passDone || _entries.Count < wave.Role.Entries || !InputsIn(wave))
        {
            return;
        }

        var role = wave.Role;
        if (_start is not null)
        {
            _node = _start.Copy();
            _held.Clear();
        }

        WaveInputs.Prepare(_node, role, wave.Slot);
        foreach (var task in _entries)
        {
            _node.Arrive(task);
        }

        for (var i = 0; i < _inbox.Count; i++)
        {
            var batch = _inbox[i];
            if (!UsedInThisPass(batch, role))
            {
                continue;
            }

            foreach (var task in batch.Tasks)
            {
                _node.Arrive(task);
            }

            foreach (var model in batch.Models)
            {
                _node.ModelArrived(model);
            }
        }

        _leaving.Clear();
        _models.Clear();
        _node.Advance(wave.Horizon, _leaving, _models);
        foreach (var task in _leaving)
        {
            if (!task.Finished)
            {
                OutgoingTo(task.NextResource(), role).Tasks.Add(task);
            }
            else if (wave.Cyclic)
            {
                _held.Add(task);
            }
            else
            {
                _directory.ToDevice(task.Plan.Request.Device, new TaskEvents.TaskFinished(task), Self);
            }
        }

        foreach (var model in _models)
        {
            OutgoingTo(WaveInputs.FetchTarget(Resource), role).Models.Add(model);
        }

        var changed = SendBatches(wave);
        _passDone = true;
        _coordinator.Tell(new SlotEvents.HorizonReached(wave.Wave, Resource, _pass, _node.Pending, changed, _node.Report()));
        if (!wave.Cyclic)
        {
            EndWave();
        }
    }

    /// <summary>One batch of this pass from every forward upstream, and in a later pass one of the previous pass from every back upstream.</summary>
    private bool InputsIn(SlotCommands.OpenWave wave)
    {
        var role = wave.Role;
        var needed = role.Upstream.Length - role.BackUpstream.Length + (_pass > 1 ? role.BackUpstream.Length : 0);
        if (needed == 0)
        {
            return true;
        }

        var have = 0;
        foreach (var batch in _inbox)
        {
            if (UsedInThisPass(batch, role))
            {
                have++;
            }
        }

        return have >= needed;
    }

    private bool UsedInThisPass(TaskCommands.TransitBatch batch, WaveRole role)
    {
        if (batch.Wave != _wave!.Wave)
        {
            return false;
        }

        return Array.IndexOf(role.BackUpstream, batch.From) >= 0 ? batch.Pass == _pass - 1 : batch.Pass == _pass;
    }

    /// <summary>Sends every downstream taking part its batch; true when a back link's batch differs from the previous pass's.</summary>
    private bool SendBatches(SlotCommands.OpenWave wave)
    {
        var role = wave.Role;
        var changed = false;
        foreach (var to in role.Downstream)
        {
            var outgoing = _outgoing.GetValueOrDefault(to);
            var batch = new TaskCommands.TransitBatch(
                wave.Wave, _pass, Resource, outgoing?.Tasks.ToArray() ?? [], outgoing?.Models.ToArray() ?? []);
            outgoing?.Clear();
            if (Array.IndexOf(role.BackDownstream, to) >= 0)
            {
                changed |= !_sentBack.TryGetValue(to, out var before) ? !IsEmpty(batch) : !SameJobs(before, batch);
                _sentBack[to] = batch;
            }

            _directory.ToResource(to, batch, Self);
        }

        foreach (var (to, outgoing) in _outgoing)
        {
            if (outgoing.Tasks.Count > 0 || outgoing.Models.Count > 0)
            {
                throw new InvalidOperationException($"{Resource}: jobs leave towards {to}, which takes no part in the wave");
            }
        }

        return changed;
    }

    private Outgoing OutgoingTo(ResourceRef to, WaveRole role)
    {
        if (!_outgoing.TryGetValue(to, out var outgoing))
        {
            if (Array.IndexOf(role.Downstream, to) < 0)
            {
                throw new InvalidOperationException($"{Resource}: a job leaves towards {to}, which takes no part in the wave");
            }

            outgoing = new Outgoing();
            _outgoing.Add(to, outgoing);
        }

        return outgoing;
    }

    private void EndWave()
    {
        _wave = null;
        _start = null;
        _entries.Clear();
        _inbox.Clear();
        _held.Clear();
        _sentBack.Clear();
    }

    private static bool IsEmpty(TaskCommands.TransitBatch batch) => batch.Tasks.Length == 0 && batch.Models.Length == 0;

    private static bool SameJobs(TaskCommands.TransitBatch a, TaskCommands.TransitBatch b) =>
        TaskProgress.SameProgress(a.Tasks, b.Tasks) && a.Models.AsSpan().SequenceEqual(b.Models);

    private sealed class Outgoing
    {
        public List<TaskProgress> Tasks { get; } = new();

        public List<ModelArrival> Models { get; } = new();

        public void Clear()
        {
            Tasks.Clear();
            Models.Clear();
        }
    }
}
