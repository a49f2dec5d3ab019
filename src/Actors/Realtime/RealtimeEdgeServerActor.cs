using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;

namespace MecActors.Actors.Realtime;

/// <summary>
/// An edge server in wall time: its model cache (the same <see cref="EdgeNode"/> as the virtual edge, for
/// placement and C3) and its processor. A task becomes ready when its input and, on a miss, its slot's model
/// download are both there; it is then admitted to the processor (FIFO over the cores, or the slot's equal
/// share c / (f / K)), held by a timer until its end, and handed back to its device.
/// </summary>
public sealed class RealtimeEdgeServerActor : ReceiveActor, IWithTimers
{
    private readonly RealtimeClock _clock;
    private readonly EdgeNode _cache;
    private readonly WallStation _station;
    private readonly bool _needsBatchSize;
    private readonly Dictionary<int, int> _expected = new();
    private readonly Dictionary<int, int> _inputsSeen = new();
    private readonly HashSet<int> _inputsComplete = new();
    private readonly Dictionary<int, (int Size, int Started)> _batches = new();
    private readonly HashSet<(int Model, int Slot)> _downloaded = new();
    private readonly Dictionary<(int Model, int Slot), List<RealtimeTransit>> _awaitingModel = new();
    private readonly Dictionary<int, List<(RealtimeTransit Transit, double Ready, double DataArrival)>> _awaitingBatchSize = new();
    private readonly Dictionary<long, Computing> _computing = new();

    public RealtimeEdgeServerActor(SystemView system, RealtimeClock clock, int edge)
    {
        _clock = clock;
        _cache = new EdgeNode(system, edge);
        var spec = system.Scenario.Edges[edge];
        _station = WallStation.ForCompute(system.Scenario.Disciplines.Edge, spec.CapacityHz, spec.Cores);
        _needsBatchSize = system.Scenario.Disciplines.Edge == ComputeDiscipline.EqualSharePerSlot;
        Receive<SlotCommands.PlaceModels>(place => _cache.Place(place.Models));
        Receive<SlotCommands.ReportStatus>(report => Sender.Tell(new SlotEvents.EdgeStatusReported(report.Slot, Status())));
        Receive<RealtimeCommands.ExpectTasks>(OnExpectTasks);
        Receive<RealtimeCommands.Arrived>(OnInputArrived);
        Receive<RealtimeCommands.ModelArrived>(OnModelArrived);
        Receive<RealtimeCommands.ServiceEnded>(OnServiceEnded);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SystemView system, RealtimeClock clock, int edge) =>
        Akka.Actor.Props.Create(() => new RealtimeEdgeServerActor(system, clock, edge));

    /// <summary>The cache as placed, with the backlog measured now: how long until the processor could start a new task.</summary>
    private EdgeStatus Status() => _cache.Status(0.0) with { BacklogSeconds = Math.Max(0.0, _station.FreeAt - _clock.Now) };

    private void OnExpectTasks(RealtimeCommands.ExpectTasks expect)
    {
        _expected[expect.Slot] = expect.Tasks;
        if (expect.Tasks > 0)
        {
            _batches[expect.Slot] = (expect.Tasks, 0);
        }

        if (_awaitingBatchSize.Remove(expect.Slot, out var waiting))
        {
            foreach (var (transit, ready, dataArrival) in waiting)
            {
                StartCompute(transit, ready, dataArrival);
            }
        }

        ForgetDownloadsWhenDone(expect.Slot);
    }

    private void OnInputArrived(RealtimeCommands.Arrived arrived)
    {
        var now = _clock.Now;
        var transit = arrived.Transit;
        var slot = transit.Task.Slot;
        _inputsSeen[slot] = _inputsSeen.GetValueOrDefault(slot) + 1;
        var key = (transit.Task.Plan.Request.ModelId, slot);
        if (!transit.Task.NeedsFetch || _downloaded.Contains(key))
        {
            StartCompute(transit, now, now);
        }
        else
        {
            if (!_awaitingModel.TryGetValue(key, out var waiting))
            {
                waiting = new List<RealtimeTransit>();
                _awaitingModel.Add(key, waiting);
            }

            waiting.Add(transit);
        }

        ForgetDownloadsWhenDone(slot);
    }

    private void OnModelArrived(RealtimeCommands.ModelArrived arrived)
    {
        var now = _clock.Now;
        var key = (arrived.ModelId, arrived.Slot);
        if (!_inputsComplete.Contains(arrived.Slot))
        {
            _downloaded.Add(key);
        }

        if (_awaitingModel.Remove(key, out var waiting))
        {
            waiting.Sort((a, b) => a.Task.TaskId.CompareTo(b.Task.TaskId));
            foreach (var transit in waiting)
            {
                // The input came in at the task's own time; it waited for the model from then until now.
                var dataArrival = transit.ReleasedAt + (transit.Task.Time - transit.Task.Plan.Request.ReleaseTime);
                StartCompute(transit, now, dataArrival);
            }
        }

        ForgetDownloadsWhenDone(arrived.Slot);
    }

    private void StartCompute(RealtimeTransit transit, double ready, double dataArrival)
    {
        var batchSize = 1;
        var slot = transit.Task.Slot;
        if (_batches.TryGetValue(slot, out var batch))
        {
            batchSize = batch.Size;
            _batches[slot] = batch with { Started = batch.Started + 1 };
            if (batch.Started + 1 >= batch.Size)
            {
                _batches.Remove(slot);
            }
        }
        else if (_needsBatchSize)
        {
            if (!_awaitingBatchSize.TryGetValue(slot, out var waiting))
            {
                waiting = new List<(RealtimeTransit, double, double)>();
                _awaitingBatchSize.Add(slot, waiting);
            }

            waiting.Add((transit, ready, dataArrival));
            return;
        }

        var (start, end) = _station.Admit(ready, transit.Task.CurrentStage().CapacityWork, batchSize);
        var key = transit.Task.TaskId;
        _computing.Add(key, new Computing(transit, ready, dataArrival, start));
        Timers.StartSingleTimer(key, new RealtimeCommands.ServiceEnded(key), _clock.TimerUntil(end));
    }

    private void OnServiceEnded(RealtimeCommands.ServiceEnded ended)
    {
        var now = _clock.Now;
        _computing.Remove(ended.Key, out var c);
        var task = c!.Transit.Task;
        c.Transit.Device.Tell(new TaskEvents.TaskFinished(task with
        {
            StageIndex = task.StageIndex + 1,
            Time = c.Transit.TaskTime(now),
            DownloadS = task.DownloadS + (c.Ready - c.DataArrival),
            QueueingS = task.QueueingS + (c.Start - c.Ready),
            ComputeS = task.ComputeS + (now - c.Start),
        }));
    }

    /// <summary>A download serves only the misses of its own slot: once all the slot's inputs are in, it can go.</summary>
    private void ForgetDownloadsWhenDone(int slot)
    {
        if (!_expected.TryGetValue(slot, out var expected) || _inputsSeen.GetValueOrDefault(slot) < expected)
        {
            return;
        }

        _expected.Remove(slot);
        _inputsSeen.Remove(slot);
        _inputsComplete.Add(slot);
        _downloaded.RemoveWhere(d => d.Slot == slot);
    }

    private sealed record Computing(RealtimeTransit Transit, double Ready, double DataArrival, double Start);
}
