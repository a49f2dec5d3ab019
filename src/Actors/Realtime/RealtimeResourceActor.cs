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
/// station that holds jobs in service (processor sharing) is looked at again when its next departure is due.
/// </summary>
public sealed class RealtimeResourceActor : ReceiveActor, IWithTimers
{
    private const string WakeTimer = "wake";

    private readonly RealtimeClock _clock;
    private readonly ResourceNode _node;
    private readonly LocalDirectory _directory;
    private readonly ModelCache? _cache;
    private readonly Dictionary<long, double> _releasedAt = new();
    private readonly Dictionary<long, Leaving> _holding = new();
    private readonly SortedDictionary<int, SlotEntries> _entries = new();
    private readonly List<TaskProgress> _tasks = new();
    private readonly List<ModelArrival> _models = new();
    private double _advancedTo;

    public RealtimeResourceActor(SystemView system, RealtimeClock clock, ResourceRef resource, LocalDirectory directory)
    {
        _clock = clock;
        _node = SystemResources.Create(system, resource);
        _directory = directory;
        if (resource.Kind == ResourceKind.EdgeCompute)
        {
            _cache = new ModelCache(system, resource.A);
            Receive<SlotCommands.PlaceModels>(place => _cache.Place(place.Models, _node.DownIn(place.Slot - 1, system.Scenario.SlotSeconds)));

            // The backlog measured now: how long until the processor could start a new task.
            Receive<SlotCommands.ReportStatus>(report => Sender.Tell(new SlotEvents.EdgeStatusReported(report.Slot, _cache.Status(_clock.Now, _node.FreeAt))));
        }

        Receive<RealtimeCommands.MeasureQueue>(measure => Sender.Tell(new RealtimeCommands.QueueMeasured(measure.Slot, _node.QueueAt(_clock.Now))));
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
        Receive<RealtimeCommands.Wake>(_ => Serve());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SystemView system, RealtimeClock clock, ResourceRef resource, LocalDirectory directory) =>
        Akka.Actor.Props.Create(() => new RealtimeResourceActor(system, clock, resource, directory));

    private ResourceRef Resource => _node.Resource;

    private void OnSlotRole(RealtimeCommands.SlotRole role)
    {
        if (role.ComputeJobs > 0)
        {
            _node.Expect(role.Slot, role.ComputeJobs);
        }

        foreach (var download in role.Fetches)
        {
            _node.Fetch(download with { RequestTime = role.ReleasedAt });
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
        if (!_entries.TryGetValue(slot, out var entries) || entries.Expected is not { } expected || entries.Tasks.Count < expected)
        {
            return;
        }

        _entries.Remove(slot);
        foreach (var task in entries.Tasks)
        {
            // A task that arrives later in the slot is offered at the slot's release + its offset, held by a timer until then.
            var offset = task.Plan.Request.ArrivalOffset;
            if (offset > 0)
            {
                var due = entries.ReleasedAt + offset;
                Timers.StartSingleTimer(new ArrivalTimer(task.TaskId), new RealtimeCommands.Due(task, due), _clock.TimerUntil(due));
                continue;
            }

            _releasedAt[task.TaskId] = entries.ReleasedAt;
            _node.Arrive(task with { Time = entries.ReleasedAt });
        }

        Serve();
    }

    private void OnArrived(RealtimeCommands.Arrived arrived)
    {
        var task = arrived.Task;
        _releasedAt[task.TaskId] = arrived.ReleasedAt;
        _node.Arrive(task with { Time = _clock.Now });
        Serve();
    }

    /// <summary>
    /// A task with an arrival offset is due: its clock starts at the nominal instant, as a slot's entries start at the slot's
    /// measured release, so the timer's own lateness does not count in its delay; it is offered no earlier than the station's
    /// last horizon and no later than now.
    /// </summary>
    private void OnDue(RealtimeCommands.Due due)
    {
        _releasedAt[due.Task.TaskId] = due.At;
        _node.Arrive(due.Task with { Time = Math.Max(_advancedTo, Math.Min(due.At, _clock.Now)) });
        Serve();
    }

    private void OnModelArrived(RealtimeCommands.ModelArrived arrived)
    {
        _node.ModelArrived(arrived.Arrival with { Time = _clock.Now });
        Serve();
    }

    /// <summary>Takes from the station every job it can finalise now and holds each until its end.</summary>
    private void Serve()
    {
        _tasks.Clear();
        _models.Clear();
        _advancedTo = Math.BitIncrement(_clock.Now);
        _node.Advance(_advancedTo, _tasks, _models);
        foreach (var task in _tasks)
        {
            Hold(task.TaskId, new Leaving(task, default), task.Time);
        }

        foreach (var model in _models)
        {
            Hold(-((long)model.Slot * 1_000_000 + model.ModelId) - 1, new Leaving(null, model), model.Time);
        }

        var next = _node.NextDeparture;
        if (double.IsPositiveInfinity(next))
        {
            Timers.Cancel(WakeTimer);
        }
        else
        {
            Timers.StartSingleTimer(WakeTimer, RealtimeCommands.Wake.Instance, _clock.TimerUntil(next));
        }
    }

    private void Hold(long key, Leaving leaving, double end)
    {
        _holding.Add(key, leaving);
        Timers.StartSingleTimer(key, new RealtimeCommands.ServiceEnded(key), _clock.TimerUntil(end));
    }

    private void OnServiceEnded(RealtimeCommands.ServiceEnded ended)
    {
        var now = _clock.Now;
        _holding.Remove(ended.Key, out var leaving);
        if (leaving.Task is not { } task)
        {
            _directory.ToResource(WaveInputs.FetchTarget(Resource), new RealtimeCommands.ModelArrived(leaving.Model), Self);
            return;
        }

        _releasedAt.Remove(task.TaskId, out var releasedAt);

        // The task's own clock: its release plus the wall span measured since the slot began.
        var measured = task with { Time = task.Plan.Request.ReleaseTime + (now - releasedAt) };
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
        if (!_entries.TryGetValue(slot, out var entries))
        {
            entries = new SlotEntries();
            _entries.Add(slot, entries);
        }

        return entries;
    }

    public override string ToString() => $"realtime {Resource}";

    private readonly record struct Leaving(TaskProgress? Task, ModelArrival Model);

    /// <summary>The key of the timer that offers a task arriving <see cref="Core.Workload.TaskRequest.ArrivalOffset"/> into its slot.</summary>
    private readonly record struct ArrivalTimer(long TaskId);

    private sealed class SlotEntries
    {
        public int? Expected { get; set; }

        public double ReleasedAt { get; set; }

        public List<TaskProgress> Tasks { get; } = new();
    }
}
