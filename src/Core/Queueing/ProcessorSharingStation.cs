namespace MecActors.Core.Queueing;

/// <summary>
/// Processor sharing over k servers: with n jobs in service each progresses at capacity / max(n, k).
/// A departure is final once it happens at or before the horizon, since later arrivals only slow
/// the jobs still in service. A job still in service at its deadline leaves then.
/// </summary>
public sealed class ProcessorSharingStation : IStation
{
    private readonly double _capacity;
    private readonly int _servers;
    private readonly List<Job> _pending;
    private readonly List<InService> _active;
    private double _now;

    public ProcessorSharingStation(double capacity, int servers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        _capacity = capacity;
        _servers = servers;
        _pending = new List<Job>();
        _active = new List<InService>();
    }

    private ProcessorSharingStation(ProcessorSharingStation other)
    {
        _capacity = other._capacity;
        _servers = other._servers;
        _now = other._now;
        _pending = new List<Job>(other._pending);
        _active = new List<InService>(other._active.Count);
        foreach (var a in other._active)
        {
            _active.Add(new InService(a.Job) { Remaining = a.Remaining });
        }
    }

    public int Pending => _pending.Count + _active.Count;

    public double FreeAt
    {
        get
        {
            var remaining = 0.0;
            foreach (var a in _active)
            {
                remaining += a.Remaining;
            }

            return _active.Count == 0 ? _now : _now + remaining / _capacity;
        }
    }

    public double NextDeparture
    {
        get
        {
            if (_active.Count == 0)
            {
                return double.PositiveInfinity;
            }

            var leastRemaining = double.MaxValue;
            foreach (var a in _active)
            {
                leastRemaining = Math.Min(leastRemaining, a.Remaining);
            }

            return Math.Min(_now + leastRemaining / (_capacity / Math.Max(_active.Count, _servers)), EarliestDeadline());
        }
    }

    public IStation Clone() => new ProcessorSharingStation(this);

    public void Arrive(Job job) => _pending.Add(job);

    public void ExpectBatch(int batch, int count)
    {
    }

    public void Advance(double horizon, List<Departure> output)
    {
        JobOrder.SortByArrival(_pending);
        var first = output.Count;
        var next = 0;
        while (true)
        {
            var nextArrival = next < _pending.Count && _pending[next].Arrival < horizon
                ? _pending[next].Arrival
                : double.PositiveInfinity;
            if (_active.Count == 0)
            {
                if (double.IsPositiveInfinity(nextArrival))
                {
                    break;
                }

                _now = nextArrival;
                while (next < _pending.Count && _pending[next].Arrival == nextArrival)
                {
                    _active.Add(new InService(_pending[next++]));
                }

                continue;
            }

            var rate = _capacity / Math.Max(_active.Count, _servers);
            var leastRemaining = double.MaxValue;
            foreach (var a in _active)
            {
                leastRemaining = Math.Min(leastRemaining, a.Remaining);
            }

            var completion = _now + leastRemaining / rate;
            var deadline = EarliestDeadline();
            if (deadline < completion && deadline <= nextArrival && deadline <= horizon)
            {
                Progress(Math.Min(rate * (deadline - _now), leastRemaining), deadline);
                for (var i = 0; i < _active.Count; i++)
                {
                    if (Math.Max(_active[i].Job.Deadline, _now) <= deadline)
                    {
                        var job = _active[i].Job;
                        output.Add(new Departure(job.Id, job.Arrival, job.Arrival, deadline, Dropped: true));
                        _active.RemoveAt(i--);
                    }
                }
            }
            else if (completion <= nextArrival && completion <= horizon)
            {
                // Subtract in work units, not via elapsed time: the least job then reaches exactly zero
                // even when its remaining time is below the resolution of the clock.
                Progress(leastRemaining, completion);
                for (var i = 0; i < _active.Count; i++)
                {
                    if (_active[i].Remaining <= _active[i].Job.Work * 1e-12)
                    {
                        var job = _active[i].Job;
                        output.Add(new Departure(job.Id, job.Arrival, job.Arrival, completion));
                        _active.RemoveAt(i--);
                    }
                }
            }
            else if (nextArrival < completion)
            {
                Progress(Math.Min(rate * (nextArrival - _now), leastRemaining), nextArrival);
                while (next < _pending.Count && _pending[next].Arrival == nextArrival)
                {
                    _active.Add(new InService(_pending[next++]));
                }
            }
            else
            {
                Progress(Math.Min(rate * (horizon - _now), leastRemaining), horizon);
                break;
            }
        }

        _pending.RemoveRange(0, next);
        JobOrder.SortByEnd(output, first, output.Count - first);
    }

    /// <summary>When the first job in service reaches its deadline (at once, for one that arrived past it).</summary>
    private double EarliestDeadline()
    {
        var earliest = double.PositiveInfinity;
        foreach (var a in _active)
        {
            earliest = Math.Min(earliest, Math.Max(a.Job.Deadline, _now));
        }

        return earliest;
    }

    private void Progress(double done, double until)
    {
        foreach (var a in _active)
        {
            a.Remaining -= done;
        }

        _now = until;
    }

    private sealed class InService(Job job)
    {
        public Job Job { get; } = job;

        public double Remaining { get; set; } = job.Work;
    }
}
