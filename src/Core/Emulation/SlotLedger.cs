using MecActors.Core.Decisions;

namespace MecActors.Core.Emulation;

/// <summary>
/// Credits every task's record to the slot whose decision caused it, and releases a slot's feedback
/// (in slot order) once all its tasks are recorded and have ended by the current horizon, so a learner
/// never hears of an outcome before it happens in simulated time. What an outcome is worth is the scenario's
/// objective's to say (<see cref="Scenarios.ISlotObjective"/>), not the ledger's.
/// </summary>
public sealed class SlotLedger
{
    private readonly SortedDictionary<int, Entry> _open = new();

    public int OpenSlots => _open.Count;

    /// <summary>Tasks decided but not yet recorded, over all open slots.</summary>
    public int Outstanding
    {
        get
        {
            var n = 0;
            foreach (var e in _open.Values)
            {
                n += e.Missing;
            }

            return n;
        }
    }

    public void Open(SlotDecision decision)
    {
        var entry = new Entry(decision);
        _open.Add(decision.Observation.Slot, entry);
    }

    public void Record(TaskRecord record)
    {
        if (!_open.TryGetValue(record.Slot, out var entry))
        {
            throw new InvalidOperationException($"task {record.TaskId}: slot {record.Slot} is not open");
        }

        entry.Add(record);
    }

    /// <summary>
    /// Ends every task decided but not yet recorded as dropped with <paramref name="reason"/> (its work was lost, e.g.
    /// with a node); returns how many.
    /// </summary>
    public int DropOutstanding(string reason)
    {
        var dropped = 0;
        foreach (var entry in _open.Values)
        {
            dropped += entry.DropMissing(reason);
        }

        return dropped;
    }

    /// <summary>The feedback of every slot, in order, that is complete and ended by <paramref name="horizon"/>.</summary>
    public List<SlotFeedback> Close(double horizon)
    {
        var closed = new List<SlotFeedback>();
        foreach (var (slot, entry) in _open)
        {
            if (entry.Missing > 0 || entry.LastEnd > horizon)
            {
                break;
            }

            closed.Add(entry.Feedback());
        }

        foreach (var feedback in closed)
        {
            _open.Remove(feedback.Slot);
        }

        return closed;
    }

    private sealed class Entry
    {
        private readonly SlotDecision _decision;
        private readonly TaskRecord?[] _records;
        private readonly Dictionary<long, int> _index;

        public Entry(SlotDecision decision)
        {
            _decision = decision;
            var tasks = decision.Observation.Tasks;
            _records = new TaskRecord?[tasks.Count];
            _index = new Dictionary<long, int>(tasks.Count);
            for (var i = 0; i < tasks.Count; i++)
            {
                _index.Add(tasks[i].TaskId, i);
            }

            Missing = tasks.Count;
        }

        public int Missing { get; private set; }

        public double LastEnd { get; private set; }

        public void Add(TaskRecord record)
        {
            var i = _index[record.TaskId];
            if (_records[i] is not null)
            {
                throw new InvalidOperationException($"task {record.TaskId} recorded twice");
            }

            _records[i] = record;
            Missing--;
            LastEnd = Math.Max(LastEnd, record.End);
        }

        public int DropMissing(string reason)
        {
            var dropped = 0;
            foreach (var plan in _decision.Plans)
            {
                if (_records[_index[plan.Request.TaskId]] is null)
                {
                    Add((plan with { DropReason = reason }).DroppedRecord());
                    dropped++;
                }
            }

            return dropped;
        }

        public SlotFeedback Feedback()
        {
            var records = new TaskRecord[_records.Length];
            for (var i = 0; i < records.Length; i++)
            {
                records[i] = _records[i]!;
            }

            return new SlotFeedback(_decision.Observation.Slot, _decision.Observation, _decision.Actions, records);
        }
    }
}
