using MecActors.Core.Decisions;
using MecActors.Core.Faults;
using MecActors.Core.Queueing;

namespace MecActors.Core.Emulation;

/// <summary>
/// One resource of the system: its station and the work in it. The only place a stage is served: every driver
/// (the reference model, the virtual-time actors, the realtime actors, the cluster cells) offers tasks and
/// downloads here and takes what leaves. A task arrives at the stage it is at; it leaves advanced to its next
/// stage with the delay components of this one added (transfer: transmission and queueing; compute: download
/// wait, queueing and compute). A compute stage that joins a fetch waits until the fetched model is in as well.
/// A download crossing a link leaves as a <see cref="ModelArrival"/> for the processor that waits for it.
/// Under a fault plan the station runs at the capacity the faults leave it (<see cref="FaultedStation"/>), and a
/// task the faults cut short leaves dropped with the fault as its reason; downloads only wait.
/// </summary>
public sealed class ResourceNode
{
    private readonly IStation _station;
    private readonly int _models;
    private readonly double _transmitPowerW;
    private readonly bool _dropAtDeadline;
    private readonly ResourceFaults? _faults;
    private readonly Dictionary<long, InService> _jobs;

    // Downloads apart from the tasks' jobs: they are rare, and keeping them out keeps a task's entry small.
    private readonly Dictionary<long, ModelDownload> _downloading;
    private readonly Dictionary<(int Model, int Slot), Fetched> _fetched;
    private readonly Dictionary<(int Model, int Slot), List<TaskProgress>> _awaitingModel;
    private readonly List<Departure> _departures = new();

    // Tasks a fault drops as they come (the resource is down, or their model was lost): they leave at once,
    // without the station, under their reason.
    private readonly List<Departure> _refused;
    private readonly Dictionary<long, string> _refusedReasons;

    // Under a link-loss: the attempts a transfer has lost so far, by job.
    private readonly Dictionary<long, int> _attempts;
    private readonly LeavingJobs _leaving;
    private double _horizon;

    /// <summary>
    /// More stages than any route has. A job per task and stage, its id task id x this + stage: within a pass of a
    /// cyclic wave a task can be here at an earlier stage (from the wave's start) and reach a later one (fed back).
    /// Ordered by task, then stage, as the stations break ties.
    /// </summary>
    private const int MaxStages = 1024;

    /// <param name="transmitPowerW">The device's power for every second its upload is in service here (0: no energy).</param>
    /// <param name="dropAtDeadline">Tasks leave at their deadline (on-deadline = drop) instead of finishing late.</param>
    /// <param name="slotSeconds">T: queue reports count the jobs still here at each slot start s x T.</param>
    /// <param name="faults">What the run's fault plan does to this resource, or null.</param>
    public ResourceNode(
        ResourceRef resource, IStation station, int models, double transmitPowerW = 0.0, bool dropAtDeadline = false, double slotSeconds = 1.0, ResourceFaults? faults = null)
    {
        Resource = resource;
        _station = faults is null ? station : new FaultedStation(station, faults.Profile);
        _models = models;
        _transmitPowerW = transmitPowerW;
        _dropAtDeadline = dropAtDeadline;
        _faults = faults;
        _refused = new List<Departure>();
        _refusedReasons = new Dictionary<long, string>();
        _attempts = new Dictionary<long, int>();
        _jobs = new Dictionary<long, InService>();
        _downloading = new Dictionary<long, ModelDownload>();
        _fetched = new Dictionary<(int, int), Fetched>();
        _awaitingModel = new Dictionary<(int, int), List<TaskProgress>>();
        _leaving = new LeavingJobs(slotSeconds);
    }

    private ResourceNode(ResourceNode other)
    {
        Resource = other.Resource;
        _station = other._station.Clone();
        _models = other._models;
        _transmitPowerW = other._transmitPowerW;
        _dropAtDeadline = other._dropAtDeadline;
        _faults = other._faults;
        _refused = new List<Departure>(other._refused);
        _refusedReasons = new Dictionary<long, string>(other._refusedReasons);
        _attempts = new Dictionary<long, int>(other._attempts);
        _horizon = other._horizon;
        _leaving = other._leaving.Copy();
        _jobs = new Dictionary<long, InService>(other._jobs);
        _downloading = new Dictionary<long, ModelDownload>(other._downloading);
        _fetched = new Dictionary<(int, int), Fetched>(other._fetched);
        _awaitingModel = new Dictionary<(int, int), List<TaskProgress>>();
        foreach (var (key, waiting) in other._awaitingModel)
        {
            _awaitingModel.Add(key, new List<TaskProgress>(waiting));
        }
    }

    public ResourceRef Resource { get; }

    /// <summary>Tasks offered and not yet left, including tasks waiting for their model (downloads are not tasks).</summary>
    public int Pending
    {
        get
        {
            var n = _jobs.Count;
            foreach (var waiting in _awaitingModel.Values)
            {
                n += waiting.Count;
            }

            return n;
        }
    }

    /// <summary>
    /// Whether a fault has the resource down at some instant of slot <paramref name="slot"/>: a server down then has lost
    /// its cache, so the placement made for the next slot finds it empty (<see cref="ModelCache.Place"/>).
    /// </summary>
    public bool DownIn(int slot, double slotSeconds) =>
        _faults is not null && slot >= 1 && _faults.IsDownDuring((slot - 1) * slotSeconds, slot * slotSeconds);

    /// <summary>
    /// How many crashes of this server start before <paramref name="t"/>. What a crash destroys (the jobs it holds, the
    /// cache) is lost at its start; the drivers restart the server's actor at the first slot boundary after it.
    /// </summary>
    public int CrashesBefore(double t) => _faults?.CrashesBefore(t) ?? 0;

    /// <summary>The earliest time a new job could start service, given the work finalised so far.</summary>
    public double FreeAt => _station.FreeAt;

    /// <summary>When a job still in service could next leave, if nothing else arrives (see <see cref="IStation.NextDeparture"/>).</summary>
    public double NextDeparture => _station.NextDeparture;

    /// <summary>
    /// What the resource holds past the horizon it last advanced to: <see cref="QueueReport.Idle"/> when nothing (no job
    /// offered, none leaving later, and free by then).
    /// </summary>
    public QueueReport Report()
    {
        var offered = Offered;
        var freeAt = FreeAt;
        if (offered == 0 && !_leaving.Any && freeAt <= _horizon)
        {
            return QueueReport.Idle;
        }

        var (first, leaving) = _leaving.CountFrom(_horizon);
        return new QueueReport(freeAt, offered, first, leaving);
    }

    /// <summary>From now on the node can be measured at any instant (<see cref="QueueAt"/>), as the realtime driver does.</summary>
    public void MeasureAtAnyInstant() => _leaving.KeepEnds();

    /// <summary>
    /// The queue state at <paramref name="now"/>, no earlier than the horizon: the jobs offered and those finalised that
    /// leave after it (<see cref="MeasureAtAnyInstant"/> first).
    /// </summary>
    public QueueState QueueAt(double now)
    {
        return new QueueState(Resource, Math.Max(0.0, FreeAt - now), Offered + _leaving.At(now));
    }

    private int Offered
    {
        get
        {
            var offered = _jobs.Count + _downloading.Count;
            foreach (var waiting in _awaitingModel.Values)
            {
                offered += waiting.Count;
            }

            return offered;
        }
    }

    /// <summary>A copy that goes on independently: a wave repeated to its fixpoint restarts each pass from one.</summary>
    public ResourceNode Copy() => new(this);

    /// <summary>How many jobs slot <paramref name="slot"/> brings here (the K of an equal share per slot).</summary>
    public void Expect(int slot, int jobs) => _station.ExpectBatch(slot, jobs);

    /// <summary>A task reaching its current stage, which runs here, at <see cref="TaskProgress.Time"/>.</summary>
    public void Arrive(TaskProgress task)
    {
        var stage = task.CurrentStage();
        if (stage.Resource != Resource)
        {
            throw new InvalidOperationException($"{Resource}: task {task.TaskId} arrived for a stage at {stage.Resource}");
        }

        if (!stage.JoinsFetch)
        {
            Serve(task, stage, task.Time, task.Time);
            return;
        }

        var key = (task.Plan.Request.ModelId, task.Slot);
        if (_fetched.TryGetValue(key, out var fetched))
        {
            if (fetched.LostReason is { } lost)
            {
                Refuse(task, Math.Max(task.Time, fetched.Time), lost, task.Time);
            }
            else
            {
                Serve(task, stage, Math.Max(task.Time, fetched.Time), task.Time);
            }

            Joined(key, fetched, 1);
            return;
        }

        if (!_awaitingModel.TryGetValue(key, out var waiting))
        {
            waiting = new List<TaskProgress>();
            _awaitingModel.Add(key, waiting);
        }

        waiting.Add(task);
    }

    /// <summary>A model download crossing this link.</summary>
    public void Fetch(ModelDownload download)
    {
        var id = FetchId(download.Slot, download.ModelId);
        _downloading.Add(id, download);
        var lostAt = _faults?.DownloadCutAt(download.RequestTime).At ?? double.PositiveInfinity;
        _station.Arrive(new Job(id, download.RequestTime, download.SizeBits, download.Slot, lostAt));
    }

    /// <summary>A model fetched for tasks of its slot has arrived at this processor.</summary>
    public void ModelArrived(ModelArrival arrival)
    {
        var key = (arrival.ModelId, arrival.Slot);
        var fetched = new Fetched(arrival.Time, arrival.Joiners, arrival.LostReason);
        if (_awaitingModel.Remove(key, out var waiting))
        {
            foreach (var task in waiting)
            {
                if (arrival.LostReason is { } lost)
                {
                    Refuse(task, Math.Max(task.Time, arrival.Time), lost, task.Time);
                }
                else
                {
                    Serve(task, task.CurrentStage(), Math.Max(task.Time, arrival.Time), task.Time);
                }
            }

            if (waiting.Count == arrival.Joiners)
            {
                return;
            }

            fetched = fetched with { Left = arrival.Joiners - waiting.Count };
        }

        _fetched[key] = fetched;
    }

    /// <summary>Finalises what the horizon allows: tasks leave advanced to their next stage, downloads as arrivals.</summary>
    public void Advance(double horizon, List<TaskProgress> tasks, List<ModelArrival> models)
    {
        _departures.Clear();
        if (_faults is { LosesTransfers: true })
        {
            AdvanceLosing(horizon);
        }
        else
        {
            _station.Advance(horizon, _departures);
        }

        if (_refused.Count > 0)
        {
            TakeRefused(horizon);
        }

        ForgetLeftBy(horizon);
        foreach (var d in _departures)
        {
            // Finalised but still at the resource until its end: a queue state counts it.
            if (d.End > horizon)
            {
                _leaving.Add(d.End);
            }

            if (d.Id >= 0)
            {
                _jobs.Remove(d.Id, out var job);
                var task = job.Task.Traced(Resource, job.DataArrival, d.End);
                tasks.Add(d.Dropped ? task with { Time = d.End, DropReason = DropReasonOf(job, d), FiberRun = null } : Advanced(task, job, d).RespondedIfDue());
            }
            else
            {
                _downloading.Remove(d.Id, out var download);
                var lost = d.Dropped ? _faults!.DownloadCutAt(download.RequestTime).Reason : null;
                models.Add(new ModelArrival(download.ModelId, download.Slot, d.End, download.Joiners, lost));
            }
        }
    }

    /// <summary>
    /// Advances in steps of the shortest timeout from the earliest job here: an attempt finalised in a step ends at or
    /// after the step's start, so it is sent again at or after the step's end, and is offered before the station goes
    /// past it. A lost attempt leaves the departures: it is sent again, or after its last retry dropped as link-loss.
    /// </summary>
    private void AdvanceLosing(double horizon)
    {
        var from = _horizon;
        while (true)
        {
            var earliest = double.PositiveInfinity;
            foreach (var job in _jobs.Values)
            {
                earliest = Math.Min(earliest, job.Ready);
            }

            var to = _station.Pending == 0
                ? horizon
                : Math.Min(horizon, Math.Max(Math.Max(from, earliest) + _faults!.ShortestTimeout, Math.BitIncrement(from)));
            var first = _departures.Count;
            _station.Advance(to, _departures);
            for (var i = first; i < _departures.Count; i++)
            {
                var d = _departures[i];
                var task = d.Id < 0 || d.Dropped ? null : _jobs[d.Id].Task;
                if (task is null || _faults!.Lost(task, _attempts.GetValueOrDefault(d.Id), d.Start) is not { } loss)
                {
                    _attempts.Remove(d.Id);
                    continue;
                }

                _departures.RemoveAt(i--);
                _jobs.Remove(d.Id);
                var resend = d.End + loss.TimeoutSeconds;
                var lost = LostAttempt(task, d, loss.TimeoutSeconds);
                var attempt = _attempts.GetValueOrDefault(d.Id);
                if (attempt >= loss.Retries)
                {
                    _attempts.Remove(d.Id);
                    Refuse(lost, resend, FaultNames.Of(FaultKind.LinkLoss), resend);
                }
                else
                {
                    _attempts[d.Id] = attempt + 1;
                    Serve(lost, lost.CurrentStage(), resend, resend);
                }
            }

            if (to >= horizon)
            {
                return;
            }

            from = to;
        }
    }

    /// <summary>
    /// The task after an attempt the link lost: the attempt's air time counts as transmission (over fiber, within the
    /// run of hops), its waiting and the timeout as queueing, its air time in the device's energy.
    /// </summary>
    private TaskProgress LostAttempt(TaskProgress task, Departure d, double timeout)
    {
        if (Resource.Kind == ResourceKind.Fiber)
        {
            var run = task.FiberRun ?? new FiberRun(task.TransmissionS, d.Arrival, 0.0);
            return task with { QueueingS = task.QueueingS + d.Waiting + timeout, FiberRun = run with { Waiting = run.Waiting + d.Waiting + timeout } };
        }

        return task with
        {
            TransmissionS = task.TransmissionS + d.Service,
            QueueingS = task.QueueingS + d.Waiting + timeout,
            EnergyJ = task.EnergyJ + (_transmitPowerW * d.Service),
        };
    }

    /// <summary>The refused tasks that came before the horizon join the departures, in (end, id) order.</summary>
    private void TakeRefused(double horizon)
    {
        var taken = 0;
        for (var i = 0; i < _refused.Count; i++)
        {
            if (_refused[i].Arrival < horizon)
            {
                _departures.Add(_refused[i]);
                taken++;
            }
            else
            {
                _refused[i - taken] = _refused[i];
            }
        }

        _refused.RemoveRange(_refused.Count - taken, taken);
        if (taken > 0)
        {
            JobOrder.SortByEnd(_departures, 0, _departures.Count);
        }
    }

    /// <summary>A fault's name when a fault cut the task short before its deadline, else the deadline.</summary>
    private string DropReasonOf(InService job, Departure d)
    {
        if (_refusedReasons.Remove(d.Id, out var refused))
        {
            return refused;
        }

        if (_faults is not null && _faults.CutAt(job.DataArrival) is { Reason: { } reason } cut && d.End >= cut.At && cut.At < DeadlineOf(job.Task.Plan.Request))
        {
            return reason;
        }

        return DropReasons.Deadline;
    }

    private double DeadlineOf(Workload.TaskRequest request) =>
        _dropAtDeadline ? request.ReleaseTime + request.DeadlineSeconds : double.PositiveInfinity;

    private void ForgetLeftBy(double horizon)
    {
        _horizon = horizon;
        _leaving.Forget(horizon);
    }

    private TaskProgress Advanced(TaskProgress task, InService job, Departure d)
    {
        // One copy of the task per stage: the energy goes in with the timing.
        var energy = task.EnergyJ + (task.CurrentStage().Joules + (_transmitPowerW * d.Service));
        var next = task.StageIndex + 1;
        if (task.CurrentStage().Kind == StageKind.Compute)
        {
            return task with
            {
                StageIndex = next,
                Time = d.End,
                EnergyJ = energy,
                DownloadS = task.DownloadS + (job.Ready - job.DataArrival),
                QueueingS = task.QueueingS + d.Waiting,
                ComputeS = task.ComputeS + d.Service,
                FiberRun = null,
            };
        }

        if (Resource.Kind != ResourceKind.Fiber)
        {
            return task with
            {
                StageIndex = next,
                Time = d.End,
                EnergyJ = energy,
                TransmissionS = task.TransmissionS + d.Service,
                QueueingS = task.QueueingS + d.Waiting,
                FiberRun = null,
            };
        }

        var run = task.FiberRun is { } current
            ? current with { Waiting = current.Waiting + d.Waiting }
            : new FiberRun(task.TransmissionS, d.Arrival, d.Waiting);
        var span = task.FiberRun is null ? d.Service : d.End - (run.Arrival + run.Waiting);
        return task with
        {
            StageIndex = next,
            Time = d.End,
            EnergyJ = energy,
            TransmissionS = run.TransmissionBefore + span,
            QueueingS = task.QueueingS + d.Waiting,
            FiberRun = run,
        };
    }

    private void Serve(TaskProgress task, Stage stage, double ready, double dataArrival)
    {
        var request = task.Plan.Request;
        var deadline = DeadlineOf(request);
        if (_faults is not null)
        {
            // Cut from when the task got here: one waiting for its model is lost with the rest.
            var cut = _faults.CutAt(dataArrival);
            if (cut.At <= ready)
            {
                Refuse(task, cut.At, cut.Reason!, dataArrival);
                return;
            }

            deadline = Math.Min(deadline, cut.At);
        }

        var id = (request.TaskId * MaxStages) + task.StageIndex;
        _jobs.Add(id, new InService(task, ready, dataArrival));
        _station.Arrive(new Job(id, ready, stage.CapacityWork, request.Slot, deadline));
    }

    private void Refuse(TaskProgress task, double at, string reason, double dataArrival)
    {
        var id = (task.TaskId * MaxStages) + task.StageIndex;
        _jobs.Add(id, new InService(task, at, dataArrival));
        _refused.Add(new Departure(id, at, at, at, Dropped: true));
        _refusedReasons.Add(id, reason);
    }

    private void Joined((int, int) key, Fetched fetched, int count)
    {
        if (fetched.Left - count <= 0)
        {
            _fetched.Remove(key);
        }
        else
        {
            _fetched[key] = fetched with { Left = fetched.Left - count };
        }
    }

    /// <summary>Downloads take negative ids, apart from the tasks' (non-negative) ones.</summary>
    private long FetchId(int slot, int model) => -((long)slot * _models + model) - 1;

    private readonly record struct InService(TaskProgress Task, double Ready, double DataArrival);

    private readonly record struct Fetched(double Time, int Left, string? LostReason = null);
}
