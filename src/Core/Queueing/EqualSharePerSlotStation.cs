namespace MecActors.Core.Queueing;

/// <summary>
/// Paper 000's computation model taken literally: in each slot the capacity is divided equally among the K
/// tasks offloaded in it, f_n(t) = f_n^max / K, and D_comp = c_u / f_n(t) from the moment the task is ready.
/// A job only needs its batch's size, so it is final as soon as it has arrived and K is known. Batches of
/// different slots do not delay each other: a batch that outlives its slot keeps its share while the next one
/// runs (the paper's model overcommits the processor during such overlaps; choose fifo or processor-sharing for
/// contention across slots).
/// </summary>
public sealed class EqualSharePerSlotStation : IStation
{
    private readonly double _capacity;
    private readonly Dictionary<int, Batch> _batches;
    private readonly List<Job> _waiting;

    public EqualSharePerSlotStation(double capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _batches = new Dictionary<int, Batch>();
        _waiting = new List<Job>();
    }

    private EqualSharePerSlotStation(EqualSharePerSlotStation other)
    {
        _capacity = other._capacity;
        _batches = new Dictionary<int, Batch>(other._batches);
        _waiting = new List<Job>(other._waiting);
    }

    /// <summary>Jobs whose batch size is not known yet.</summary>
    public int Pending => _waiting.Count;

    /// <summary>No task ever waits for another here, so there is no backlog.</summary>
    public double FreeAt => 0.0;

    public double NextDeparture => double.PositiveInfinity;

    public IStation Clone() => new EqualSharePerSlotStation(this);

    public void Arrive(Job job) => _waiting.Add(job);

    public void ExpectBatch(int batch, int count) => _batches[batch] = new Batch(count, 0);

    public void Advance(double horizon, List<Departure> output)
    {
        var first = output.Count;
        var kept = 0;
        for (var i = 0; i < _waiting.Count; i++)
        {
            var job = _waiting[i];
            if (!_batches.TryGetValue(job.Batch, out var batch))
            {
                _waiting[kept++] = job;
                continue;
            }

            var rate = _capacity / Math.Max(batch.Expected, 1);
            output.Add(Departure.Of(job, job.Arrival, job.Arrival + job.Work / rate));

            // Once the whole batch has been served its size is no longer needed.
            if (batch.Served + 1 >= batch.Expected)
            {
                _batches.Remove(job.Batch);
            }
            else
            {
                _batches[job.Batch] = batch with { Served = batch.Served + 1 };
            }
        }

        _waiting.RemoveRange(kept, _waiting.Count - kept);
        JobOrder.SortByEnd(output, first, output.Count - first);
    }

    private readonly record struct Batch(int Expected, int Served);
}
