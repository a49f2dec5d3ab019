namespace MecActors.Core.Queueing;

/// <summary>
/// Paper 000's computation model: in each slot the capacity is divided equally among the K tasks
/// offloaded in it, f_n(t) = f_n^max / K, and D_comp = c_u / f_n(t). A slot's batch starts no earlier
/// than the end of every earlier batch, so work that outlives its slot carries over; under the paper's
/// assumptions (each slot's work ends within the slot) this reduces to c_u / f_n(t) exactly.
/// </summary>
public sealed class EqualSharePerSlotStation : IStation
{
    private readonly double _capacity;
    private readonly SortedDictionary<int, Batch> _batches = new();
    private double _floor;

    public EqualSharePerSlotStation(double capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public int Pending
    {
        get
        {
            var n = 0;
            foreach (var b in _batches.Values)
            {
                n += b.Jobs.Count;
            }

            return n;
        }
    }

    public double FreeAt => _floor;

    public void Arrive(Job job) => BatchOf(job.Batch).Jobs.Add(job);

    public void ExpectBatch(int batch, int count) => BatchOf(batch).Expected = count;

    public void Advance(double horizon, List<Departure> output)
    {
        var first = output.Count;
        var finished = new List<int>();
        foreach (var (slot, batch) in _batches)
        {
            if (batch.Expected is not { } expected || batch.Jobs.Count < expected)
            {
                break;
            }

            var rate = _capacity / Math.Max(expected, 1);
            var floor = _floor;
            foreach (var job in batch.Jobs)
            {
                var start = Math.Max(job.Arrival, floor);
                var end = start + job.Work / rate;
                _floor = Math.Max(_floor, end);
                output.Add(new Departure(job.Id, job.Arrival, start, end));
            }

            finished.Add(slot);
        }

        foreach (var slot in finished)
        {
            _batches.Remove(slot);
        }

        output.Sort(first, output.Count - first, Comparer<Departure>.Create(JobOrder.ByEnd));
    }

    private Batch BatchOf(int slot)
    {
        if (!_batches.TryGetValue(slot, out var batch))
        {
            batch = new Batch();
            _batches.Add(slot, batch);
        }

        return batch;
    }

    private sealed class Batch
    {
        public int? Expected { get; set; }

        public List<Job> Jobs { get; } = new();
    }
}
