namespace MecActors.Core.Queueing;

/// <summary>
/// k identical servers of capacity / k each, served in (arrival, id) order: start = max(arrival, free-at of
/// the first free server). A job arriving before the horizon is final, however late it ends, because only
/// earlier arrivals delay it. A job past its deadline leaves then: waiting, without taking a server; in service,
/// freeing its server at the deadline.
/// </summary>
public sealed class FifoStation : IStation
{
    private readonly double _serverRate;
    private readonly double[] _freeAt;
    private readonly List<Job> _pending;

    public FifoStation(double capacity, int servers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        _serverRate = capacity / servers;
        _freeAt = new double[servers];
        _pending = new List<Job>();
    }

    private FifoStation(FifoStation other)
    {
        _serverRate = other._serverRate;
        _freeAt = (double[])other._freeAt.Clone();
        _pending = new List<Job>(other._pending);
    }

    public int Pending => _pending.Count;

    public double FreeAt
    {
        get
        {
            var min = double.MaxValue;
            foreach (var t in _freeAt)
            {
                min = Math.Min(min, t);
            }

            return min;
        }
    }

    public double NextDeparture => double.PositiveInfinity;

    public IStation Clone() => new FifoStation(this);

    public void Arrive(Job job) => _pending.Add(job);

    public void ExpectBatch(int batch, int count)
    {
    }

    public void Advance(double horizon, List<Departure> output)
    {
        JobOrder.SortByArrival(_pending);
        var first = output.Count;
        var served = 0;
        while (served < _pending.Count && _pending[served].Arrival < horizon)
        {
            var job = _pending[served++];
            var server = 0;
            for (var s = 1; s < _freeAt.Length; s++)
            {
                if (_freeAt[s] < _freeAt[server])
                {
                    server = s;
                }
            }

            var start = Math.Max(job.Arrival, _freeAt[server]);
            var departure = Departure.Of(job, start, start + job.Work / _serverRate);

            // A job that leaves at its deadline frees its server then; one that never started holds nothing.
            if (!departure.Dropped || start < job.Deadline)
            {
                _freeAt[server] = departure.End;
            }

            output.Add(departure);
        }

        _pending.RemoveRange(0, served);
        JobOrder.SortByEnd(output, first, output.Count - first);
    }
}
