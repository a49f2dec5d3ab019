using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Realtime;

/// <summary>
/// A link carrying task inputs in wall time: a cell's radio access link (fed by its devices' uploads) or a fiber
/// path between two edges (one station per hop, store-and-forward). A task is admitted on arrival with the
/// discipline's start and end, held by a timer until its end, and then handed to the next resource of its route.
/// A radio link gathers the uploads of a slot (the coordinator says how many) and admits them in task-id order
/// at the slot's measured release, as the virtual link orders simultaneous arrivals.
/// </summary>
public sealed class RealtimeLinkActor : ReceiveActor, IWithTimers
{
    private readonly RealtimeClock _clock;
    private readonly ResourceRef _resource;
    private readonly WallStation[] _hops;
    private readonly IReadOnlyDictionary<ResourceRef, IActorRef> _downstream;
    private readonly Dictionary<long, InFlight> _inFlight = new();
    private readonly SortedDictionary<int, SlotUploads> _uploads = new();

    public RealtimeLinkActor(SystemView system, RealtimeClock clock, ResourceRef resource, IReadOnlyDictionary<ResourceRef, IActorRef> downstream)
    {
        _clock = clock;
        _resource = resource;
        _downstream = downstream;
        var scenario = system.Scenario;
        if (resource.Kind == ResourceKind.Wireless)
        {
            var cellDevices = Math.Max(1, scenario.DevicesInCell(resource.A));
            _hops = [WallStation.ForLink(scenario.Disciplines.Wireless, scenario.Edges[resource.A].BandwidthHz, 1.0 / cellDevices)];
            Receive<RealtimeCommands.ExpectUploads>(OnExpectUploads);
            Receive<TaskCommands.Upload>(OnUpload);
        }
        else
        {
            var hops = system.Topology.Hops(resource.A, resource.B);
            _hops = new WallStation[hops];
            for (var h = 0; h < hops; h++)
            {
                _hops[h] = WallStation.ForLink(scenario.Disciplines.Fiber, scenario.Network.FiberRateBps);
            }

            Receive<RealtimeCommands.Arrived>(arrived => Admit(arrived.Transit, _clock.Now));
        }

        Receive<RealtimeCommands.ServiceEnded>(OnServiceEnded);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SystemView system, RealtimeClock clock, ResourceRef resource, IReadOnlyDictionary<ResourceRef, IActorRef> downstream) =>
        Akka.Actor.Props.Create(() => new RealtimeLinkActor(system, clock, resource, downstream));

    private void OnExpectUploads(RealtimeCommands.ExpectUploads expect)
    {
        var slot = SlotOf(expect.Slot);
        slot.Expected = expect.Uploads;
        slot.ReleasedAt = expect.ReleasedAt;
        TryRelease(expect.Slot, slot);
    }

    private void OnUpload(TaskCommands.Upload upload)
    {
        var slot = SlotOf(upload.Task.Slot);
        slot.Tasks.Add(upload);
        TryRelease(upload.Task.Slot, slot);
    }

    private void TryRelease(int slotNumber, SlotUploads slot)
    {
        if (slot.Expected is not { } expected || slot.Tasks.Count < expected)
        {
            return;
        }

        _uploads.Remove(slotNumber);
        slot.Tasks.Sort((a, b) => a.Task.TaskId.CompareTo(b.Task.TaskId));
        foreach (var upload in slot.Tasks)
        {
            Admit(new RealtimeTransit(upload.Task, upload.Device, slot.ReleasedAt), slot.ReleasedAt);
        }
    }

    private void Admit(RealtimeTransit transit, double arrival)
    {
        var entry = new InFlight(transit) { Arrival = arrival };
        _inFlight.Add(transit.Task.TaskId, entry);
        StartHop(entry, arrival);
    }

    private void StartHop(InFlight entry, double arrival)
    {
        var (start, end) = _hops[entry.Hop].Admit(arrival, entry.Transit.Task.CurrentStage().CapacityWork);
        entry.Waiting += start - arrival;
        entry.HopStart = start;
        var key = entry.Transit.Task.TaskId;
        Timers.StartSingleTimer(key, new RealtimeCommands.ServiceEnded(key), _clock.TimerUntil(end));
    }

    private void OnServiceEnded(RealtimeCommands.ServiceEnded ended)
    {
        var now = _clock.Now;
        var entry = _inFlight[ended.Key];
        entry.Service += now - entry.HopStart;
        if (++entry.Hop < _hops.Length)
        {
            StartHop(entry, now);
            return;
        }

        _inFlight.Remove(ended.Key);
        var transit = entry.Transit;
        var task = transit.Task with
        {
            StageIndex = transit.Task.StageIndex + 1,
            Time = transit.TaskTime(now),
            TransmissionS = transit.Task.TransmissionS + entry.Service,
            QueueingS = transit.Task.QueueingS + entry.Waiting,
        };
        _downstream[task.NextResource()].Tell(new RealtimeCommands.Arrived(transit with { Task = task }));
    }

    private SlotUploads SlotOf(int slot)
    {
        if (!_uploads.TryGetValue(slot, out var uploads))
        {
            uploads = new SlotUploads();
            _uploads.Add(slot, uploads);
        }

        return uploads;
    }

    public override string ToString() => $"realtime {_resource}";

    private sealed class SlotUploads
    {
        public int? Expected { get; set; }

        public double ReleasedAt { get; set; }

        public List<TaskCommands.Upload> Tasks { get; } = new();
    }

    private sealed class InFlight(RealtimeTransit transit)
    {
        public RealtimeTransit Transit { get; } = transit;

        public double Arrival { get; init; }

        public int Hop { get; set; }

        public double HopStart { get; set; }

        public double Waiting { get; set; }

        public double Service { get; set; }
    }
}
