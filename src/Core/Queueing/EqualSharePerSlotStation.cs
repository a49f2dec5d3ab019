namespace MecActors.Core.Queueing;

/// <summary>
/// Paper 000's computation model taken literally: in each slot the capacity is divided equally among the K
/// tasks offloaded in it, f_n(t) = f_n^max / K, and D_comp = c_u / f_n(t) from the moment the task is ready.
/// A batch only needs its own size, so it is final once all K tasks are in. Batches of different slots do
/// not delay each other: a batch that outlives its slot keeps its share while the next one runs (the
/// paper's model overcommits the processor during such overlaps; choose fifo or processor-sharing for
/// contention across slots).
/// </summary>
public sealed class EqualSharePerSlotStation : IStation
{
    private readonly double _capacity;
    private readonly SortedDictionary<int, Batch> _batches = new();
    private readonly List<int> _finished = new();

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

    /// <summary>No task ever waits for another here, so there is no backlog.</summary>
    public double FreeAt => 0.0;

    public void Arrive(Job job) => BatchOf(job.Batch).Jobs.Add(job);

    public void ExpectBatch(int batch, int count) => BatchOf(batch).Expected = count;

    public void Advance(double horizon, List<Departure> output)
    {
        var first = output.Count;
        _finished.Clear();
        foreach (var (slot, batch) in _batches)
        {
            if (batch.Expected is not { } expected || batch.Jobs.Count < expected)
            {
                continue;
            }

            var rate = _capacity / Math.Max(expected, 1);
            foreach (var job in batch.Jobs)
            {
                output.Add(new Departure(job.Id, job.Arrival, job.Arrival, job.Arrival + job.Work / rate));
            }

            _finished.Add(slot);
        }

        foreach (var slot in _finished)
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
