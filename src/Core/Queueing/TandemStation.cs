namespace MecActors.Core.Queueing;

/// <summary>
/// Hops in series, store-and-forward: a job leaving hop i arrives at hop i+1. Departures report the
/// job's first arrival, its total waiting (Start - Arrival) and its total service (End - Start).
/// </summary>
public sealed class TandemStation : IStation
{
    private readonly IStation[] _hops;
    private readonly Dictionary<long, Entry> _entries = new();
    private readonly List<Departure> _scratch = new();

    public TandemStation(IReadOnlyList<IStation> hops)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hops.Count, 1);
        _hops = hops.ToArray();
    }

    public int Pending => _entries.Count;

    public double FreeAt => _hops[0].FreeAt;

    public void Arrive(Job job)
    {
        _entries.Add(job.Id, new Entry(job.Arrival, job.Work, job.Batch));
        _hops[0].Arrive(job);
    }

    public void ExpectBatch(int batch, int count)
    {
        foreach (var hop in _hops)
        {
            hop.ExpectBatch(batch, count);
        }
    }

    public void Advance(double horizon, List<Departure> output)
    {
        for (var h = 0; h < _hops.Length; h++)
        {
            _scratch.Clear();
            _hops[h].Advance(horizon, _scratch);
            foreach (var d in _scratch)
            {
                var entry = _entries[d.Id];
                entry.Waiting += d.Waiting;
                if (h + 1 < _hops.Length)
                {
                    _hops[h + 1].Arrive(new Job(d.Id, d.End, entry.Work, entry.Batch));
                }
                else
                {
                    _entries.Remove(d.Id);
                    output.Add(new Departure(d.Id, entry.Arrival, entry.Arrival + entry.Waiting, d.End));
                }
            }
        }
    }

    private sealed class Entry(double arrival, double work, int batch)
    {
        public double Arrival { get; } = arrival;

        public double Work { get; } = work;

        public int Batch { get; } = batch;

        public double Waiting { get; set; }
    }
}
