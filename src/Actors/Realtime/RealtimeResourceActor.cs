using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Realtime;

/// <summary>
/// Any resource in wall time, through the same <see cref="ResourceNode"/> and station as in virtual time: a job is
/// offered at the measured instant it arrives (clock seconds), the station gives its start and end by the same
/// rules, and the actor holds it with a timer until that end before handing it on, stamped with the measured time.
/// Entries of a slot are offered together at the slot's measured release, in task-id order as in virtual time; one with
/// an arrival offset is offered when a timer set for the release + offset fires, its clock starting at that instant. A
/// station that holds jobs in service (processor sharing) is looked at again when its next departure is due. The
/// clock delivers every timed message (<see cref="RealtimeClock.Deliver"/>); none can be cancelled, so each is handled
/// only while still expected, and those of a crashed instance reach the new one, which carries the work they time.
/// </summary>
public sealed class RealtimeResourceActor : ReceiveActor
{
    private readonly RealtimeClock _clock;
    private readonly LocalDirectory _directory;
    private readonly ServerCache? _cache;
    private readonly List<TaskProgress> _tasks = new();
    private readonly List<ModelArrival> _models = new();
    private Holdings _held;

    public RealtimeResourceActor(SystemView system, RealtimeClock clock, ResourceRef resource, LocalDirectory directory)
    {
        _clock = clock;
        _held = new Holdings(SystemResources.Create(system, resource));
        Node.MeasureAtAnyInstant();
        _directory = directory;
        if (resource.Kind == ResourceKind.EdgeCompute)
        {
            // A crash restarts the actor at the placement, carrying all it holds.
            _cache = new ServerCache(system, resource.A);
            Receive<SlotCommands.PlaceModels>(place => _cache.Place(place, Node, _held));

            // The backlog measured now: how long until the processor could start a new task.
            Receive<SlotCommands.ReportStatus>(report => Sender.Tell(new SlotEvents.EdgeStatusReported(report.Slot, _cache.Status(_clock.Now, Node.FreeAt))));
        }

        Receive<RealtimeCommands.MeasureQueue>(measure => Sender.Tell(new RealtimeCommands.QueueMeasured(measure.Slot, Node.QueueAt(_clock.Now))));
        Receive<RealtimeCommands.SlotRole>(OnSlotRole);
        Receive<TaskCommands.Enter>(enter =>
        {
            Entries(enter.Task.Slot).Tasks.Add(enter.Task);
            TryRelease(enter.Task.Slot);
        });
        Receive<RealtimeCommands.Arrived>(OnArrived);
        Receive<RealtimeCommands.Due>(OnDue);
        Receive<RealtimeCommands.ModelArrived>(OnModelArrived);
        Receive<RealtimeCommands.ServiceEnded>(OnServiceEnded);
        Receive<RealtimeCommands.Wake>(OnWake);
    }

    public static Props Props(SystemView system, RealtimeClock clock, ResourceRef resource, LocalDirectory directory) =>
        Akka.Actor.Props.Create(() => new RealtimeResourceActor(system, clock, resource, directory));

    private ResourceNode Node => _held.Node;

    private ResourceRef Resource => Node.Resource;

    /// <summary>The new instance after a crash goes on with the work held; the clock's deliveries for it still come.</summary>
    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        if (reason is not ServerCrashed crashed)
        {
            return;
        }

        _held = (Holdings)crashed.Carried;

        Serve();
        _cache!.Restarted(crashed, Node, Context);
    }

    private void OnSlotRole(RealtimeCommands.SlotRole role)
    {
        if (role.ComputeJobs > 0)
        {
            Node.Expect(role.Slot, role.ComputeJobs);
        }

        foreach (var download in role.Fetches)
        {
            Node.Fetch(download with { RequestTime = role.ReleasedAt });
        }

        var entries = Entries(role.Slot);
        entries.Expected = role.Entries;
        entries.ReleasedAt = role.ReleasedAt;
        TryRelease(role.Slot);
        Serve();
    }

    /// <summary>Once all of a slot's entries are in, they are offered together at the slot's release.</summary>
    private void TryRelease(int slot)
    {
        if (!_held.Entries.TryGetValue(slot, out var entries) || entries.Expected is not { } expected || entries.Tasks.Count < expected)
        {
            return;
        }

        _held.Entries.Remove(slot);
        foreach (var task in entries.Tasks)
        {
            // A task that arrives later in the slot is offered at the slot's release + its offset, held by a timer until then.
            var offset = task.Plan.Request.ArrivalOffset;
            if (offset > 0)
            {
                var due = new RealtimeCommands.Due(task, entries.ReleasedAt + offset);
                _held.DueLater.Add(task.TaskId, due);
                _clock.Deliver(due.At, Self, due);
                continue;
            }

            _held.ReleasedAt[task.TaskId] = entries.ReleasedAt;
            Node.Arrive(task with { Time = entries.ReleasedAt });
        }

        Serve();
    }

    private void OnArrived(RealtimeCommands.Arrived arrived)
    {
        var task = arrived.Task;
        _held.ReleasedAt[task.TaskId] = arrived.ReleasedAt;
        Node.Arrive(task with { Time = _clock.Now });
        Serve();
    }

    /// <summary>
    /// A task with an arrival offset is due: its clock starts at the nominal instant, as a slot's entries start at the slot's
    /// measured release, so the timer's own lateness does not count in its delay; it is offered no earlier than the station's
    /// last horizon and no later than now.
    /// </summary>
    private void OnDue(RealtimeCommands.Due due)
    {
        if (!_held.DueLater.Remove(due.Task.TaskId))
        {
            return;
        }
        _held.ReleasedAt[due.Task.TaskId] = due.At;
        Node.Arrive(due.Task with { Time = Math.Max(_held.AdvancedTo, Math.Min(due.At, _clock.Now)) });
        Serve();
    }

    private void OnModelArrived(RealtimeCommands.ModelArrived arrived)
    {
        Node.ModelArrived(arrived.Arrival with { Time = _clock.Now });
        Serve();
    }

    /// <summary>Takes from the station every job it can finalise now and holds each until its end.</summary>
    private void Serve()
    {
        _tasks.Clear();
        _models.Clear();
        _held.AdvancedTo = Math.BitIncrement(_clock.Now);
        Node.Advance(_held.AdvancedTo, _tasks, _models);
        foreach (var task in _tasks)
        {
            Hold(task.TaskId, new Leaving(task, default), task.Time);
        }

        foreach (var model in _models)
        {
            Hold(-((long)model.Slot * 1_000_000 + model.ModelId) - 1, new Leaving(null, model), model.Time);
        }

        // One wake pending at a time, the earliest: a later departure is looked at again when that wake comes.
        var next = Node.NextDeparture;
        if (next < _held.WakeAt)
        {
            _held.WakeAt = next;
            _clock.Deliver(next, Self, new RealtimeCommands.Wake(next));
        }
    }

    private void OnWake(RealtimeCommands.Wake wake)
    {
        if (wake.At != _held.WakeAt)
        {
            return;
        }

        _held.WakeAt = double.PositiveInfinity;
        Serve();
    }

    private void Hold(long key, Leaving leaving, double end)
    {
        _held.Leaving.Add(key, leaving);
        _clock.Deliver(end, Self, new RealtimeCommands.ServiceEnded(key));
    }

    private void OnServiceEnded(RealtimeCommands.ServiceEnded ended)
    {
        var now = _clock.Now;
        // A restart sets the timers of what it carries again: a stage end told at once before it may come twice.
        if (!_held.Leaving.Remove(ended.Key, out var leaving))
        {
            return;
        }
        if (leaving.Task is not { } task)
        {
            _directory.ToResource(WaveInputs.FetchTarget(Resource), new RealtimeCommands.ModelArrived(leaving.Model), Self);
            return;
        }

        _held.ReleasedAt.Remove(task.TaskId, out var releasedAt);

        // The task's own clock: its release plus the wall span measured since the slot began; a response completed
        // here is measured so too.
        var measured = task with { Time = task.Plan.Request.ReleaseTime + (now - releasedAt) };
        if (measured.Response is { } response && measured.StageIndex == task.Plan.ResponseStages)
        {
            measured = measured with { Response = response with { Time = measured.Time } };
        }

        if (measured.Finished)
        {
            _directory.ToDevice(task.Plan.Request.Device, new TaskEvents.TaskFinished(measured), Self);
        }
        else
        {
            _directory.ToResource(measured.NextResource(), new RealtimeCommands.Arrived(measured, releasedAt), Self);
        }
    }

    private SlotEntries Entries(int slot)
    {
        if (!_held.Entries.TryGetValue(slot, out var entries))
        {
            entries = new SlotEntries();
            _held.Entries.Add(slot, entries);
        }

        return entries;
    }

    public override string ToString() => $"realtime {Resource}";

    private readonly record struct Leaving(TaskProgress? Task, ModelArrival Model);

    /// <summary>All the actor holds of the work in the resource, which a restart after a crash carries over.</summary>
    private sealed class Holdings(ResourceNode node)
    {
        public ResourceNode Node { get; } = node;

        public Dictionary<long, double> ReleasedAt { get; } = new();

        /// <summary>Jobs finalised and held by a timer until their end.</summary>
        public Dictionary<long, Leaving> Leaving { get; } = new();

        public SortedDictionary<int, SlotEntries> Entries { get; } = new();

        /// <summary>Tasks held by a timer until their arrival offset into the slot.</summary>
        public Dictionary<long, RealtimeCommands.Due> DueLater { get; } = new();

        public double AdvancedTo { get; set; }

        /// <summary>The instant of the one wake pending, infinity when none is.</summary>
        public double WakeAt { get; set; } = double.PositiveInfinity;
    }

    private sealed class SlotEntries
    {
        public int? Expected { get; set; }

        public double ReleasedAt { get; set; }

        public List<TaskProgress> Tasks { get; } = new();
    }
}
