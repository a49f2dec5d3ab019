namespace MecActors.Core.Queueing;

/// <summary>Every job is served at once at capacity x share, independent of the others.</summary>
public sealed class DedicatedStation : IStation
{
    private readonly double _rate;
    private readonly List<Job> _pending;

    public DedicatedStation(double capacity, double share = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        _rate = capacity * share;
        _pending = new List<Job>();
    }

    private DedicatedStation(DedicatedStation other)
    {
        _rate = other._rate;
        _pending = new List<Job>(other._pending);
    }

    public int Pending => _pending.Count;

    public double FreeAt => 0.0;

    public double NextDeparture => double.PositiveInfinity;

    public IStation Clone() => new DedicatedStation(this);

    public void Arrive(Job job) => _pending.Add(job);

    public void ExpectBatch(int batch, int count)
    {
    }

    public void Advance(double horizon, List<Departure> output)
    {
        var first = output.Count;
        foreach (var job in _pending)
        {
            output.Add(Departure.Of(job, job.Arrival, job.Arrival + job.Work / _rate));
        }

        _pending.Clear();
        JobOrder.SortByEnd(output, first, output.Count - first);
    }
}
