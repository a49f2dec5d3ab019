namespace MecActors.Core.Emulation;

/// <summary>
/// The jobs a resource has finalised that are still in it after its horizon, until their ends: counted by the last
/// slot start s x T each is still there at (once, when it is finalised), so that a queue report costs as many steps
/// as there are slot starts ahead, not one per job in flight; and, for a driver that measures at any instant
/// (<see cref="KeepEnds"/>), their ends.
/// </summary>
public sealed class LeavingJobs
{
    private readonly double _slotSeconds;
    private readonly Dictionary<int, int> _byLastStart;
    private readonly List<double> _ends;
    private readonly List<int> _scratch = new();
    private int _endsKeptAtLastPrune;
    private bool _keepsEnds;

    public LeavingJobs(double slotSeconds)
    {
        _slotSeconds = slotSeconds;
        _byLastStart = new Dictionary<int, int>();
        _ends = new List<double>();
    }

    private LeavingJobs(LeavingJobs other)
    {
        _slotSeconds = other._slotSeconds;
        _byLastStart = new Dictionary<int, int>(other._byLastStart);
        _ends = new List<double>(other._ends);
        _endsKeptAtLastPrune = other._endsKeptAtLastPrune;
        _keepsEnds = other._keepsEnds;
    }

    /// <summary>Whether a job is still here at a slot start at or after the last horizon.</summary>
    public bool Any => _byLastStart.Count > 0;

    public LeavingJobs Copy() => new(this);

    /// <summary>From now on keep each job's end, so that <see cref="At"/> can count them at any instant (the realtime driver).</summary>
    public void KeepEnds() => _keepsEnds = true;

    /// <summary>A job finalised now that leaves at <paramref name="end"/>, after the horizon.</summary>
    public void Add(double end)
    {
        var last = LastStartBefore(end);
        _byLastStart[last] = _byLastStart.GetValueOrDefault(last) + 1;
        if (_keepsEnds)
        {
            _ends.Add(end);
        }
    }

    /// <summary>The resource has advanced to <paramref name="horizon"/>: jobs gone by the first slot start at or after it are forgotten.</summary>
    public void Forget(double horizon)
    {
        var first = FirstStartAtOrAfter(horizon);
        _scratch.Clear();
        foreach (var last in _byLastStart.Keys)
        {
            if (last < first)
            {
                _scratch.Add(last);
            }
        }

        foreach (var last in _scratch)
        {
            _byLastStart.Remove(last);
        }

        // The ends are pruned once they have doubled since the last time: amortised, a constant per job.
        if (_keepsEnds && _ends.Count >= 2 * Math.Max(16, _endsKeptAtLastPrune))
        {
            PruneEnds(horizon);
        }
    }

    // Apart from Forget, so that its closure is made only when it prunes.
    private void PruneEnds(double horizon)
    {
        _ends.RemoveAll(end => end <= horizon);
        _endsKeptAtLastPrune = _ends.Count;
    }

    /// <summary>
    /// The first slot start at or after <paramref name="horizon"/> and how many jobs are still here at the slot starts from
    /// it on, as steps: one per last slot start some job is there at, however far ahead (a job may leave thousands of slots on).
    /// </summary>
    public (int FirstSlotStart, LeavingStep[] Steps) CountFrom(double horizon)
    {
        if (_byLastStart.Count == 0 || !double.IsFinite(horizon))
        {
            return (0, []);
        }

        var first = FirstStartAtOrAfter(horizon);
        _scratch.Clear();
        foreach (var last in _byLastStart.Keys)
        {
            if (last >= first)
            {
                _scratch.Add(last);
            }
        }

        _scratch.Sort();
        var steps = new LeavingStep[_scratch.Count];
        var still = 0;
        for (var k = steps.Length - 1; k >= 0; k--)
        {
            still += _byLastStart[_scratch[k]];
            steps[k] = new LeavingStep(_scratch[k], still);
        }

        return (first, steps);
    }

    /// <summary>How many are still here at <paramref name="now"/>, no earlier than the horizon.</summary>
    public int At(double now)
    {
        if (!_keepsEnds)
        {
            throw new InvalidOperationException("the jobs' ends are not kept: a measure at any instant needs KeepEnds first");
        }

        var jobs = 0;
        foreach (var end in _ends)
        {
            if (end > now)
            {
                jobs++;
            }
        }

        return jobs;
    }

    /// <summary>The first s with s x T at or after <paramref name="time"/>, as the slots compute their starts; <see cref="Beyond"/> past any run.</summary>
    private int FirstStartAtOrAfter(double time)
    {
        if (!(time / _slotSeconds < Beyond))
        {
            return Beyond;
        }

        var s = (int)Math.Ceiling(time / _slotSeconds);
        while (s > 0 && (s - 1) * _slotSeconds >= time)
        {
            s--;
        }

        while (s * _slotSeconds < time)
        {
            s++;
        }

        return s;
    }

    /// <summary>A slot start no run reaches: a job leaving later is still there at every slot start a run has.</summary>
    private const int Beyond = int.MaxValue / 2;

    /// <summary>The last s with s x T before <paramref name="end"/>: the job is still there at that slot start and not at the next.</summary>
    private int LastStartBefore(double end) => FirstStartAtOrAfter(end) - 1;
}

/// <summary>Jobs still at a resource at every slot start after the previous step's up to <paramref name="LastSlotStart"/>.</summary>
public readonly record struct LeavingStep(int LastSlotStart, int Jobs);
