using MecActors.Core.Emulation;
using MecActors.Core.Randomness;

namespace MecActors.Core.Faults;

/// <summary>
/// What a fault plan does to one resource: the windows in which it is down (with the reason a task dropped there
/// is counted under, and whether what it holds is lost) and the factors on its capacity. Built by
/// <see cref="FaultPlan.For"/>; a resource no fault names has none.
/// </summary>
public sealed class ResourceFaults
{
    private readonly Outage[] _outages;
    private readonly LossWindow[] _losses;
    private readonly int _episode;

    /// <param name="losses">The link-losses in force on the resource.</param>
    /// <param name="episode">The workload episode: with the run seed, it keys each attempt's loss.</param>
    public ResourceFaults(IReadOnlyList<Outage> outages, IReadOnlyList<Degradation> degradations, FaultResponse response, IReadOnlyList<LossWindow>? losses = null, int episode = 0)
    {
        _outages = [.. outages.OrderBy(o => o.Start).ThenBy(o => o.End)];
        _losses = [.. losses ?? []];
        _episode = episode;
        Response = response;
        Profile = ProfileOf(_outages, degradations);
        ShortestTimeout = _losses.Length == 0 ? double.PositiveInfinity : _losses.Min(l => l.Loss.TimeoutSeconds);
    }

    /// <summary>Whether a link-loss acts on the resource.</summary>
    public bool LosesTransfers => _losses.Length > 0;

    /// <summary>The shortest detection timeout of the link-losses: no lost attempt is sent again sooner after its end.</summary>
    public double ShortestTimeout { get; }

    /// <summary>
    /// Whether attempt <paramref name="attempt"/> (0: the first) of the task's current transfer, started at
    /// <paramref name="start"/>, is lost, drawn from the task's own stream; the loss in force then, when it is.
    /// </summary>
    public LossSpec? Lost(TaskProgress task, int attempt, double start)
    {
        foreach (var window in _losses)
        {
            if (start >= window.Start && start < window.End)
            {
                var draw = RandomStream.ForKey(task.Plan.RunSeed, StreamKind.LinkLoss, (task.StageIndex * 64) + attempt, _episode, task.TaskId).NextDouble();
                return draw < window.Loss.Probability ? window.Loss : null;
            }
        }

        return null;
    }

    public FaultResponse Response { get; }

    /// <summary>The capacity over time: 0 while down, the product of the degradations in force otherwise.</summary>
    public CapacityProfile Profile { get; }

    /// <summary>
    /// When a task's job offered at <paramref name="ready"/> is cut short by a fault, and why: at once if it comes while the
    /// resource is down and tasks are dropped; else at the start of the first later outage that drops or loses what
    /// the resource holds. An outage without an end drops whatever meets it, whatever the response: no task waits
    /// for good. Infinity and null when no fault cuts it.
    /// </summary>
    public (double At, string? Reason) CutAt(double ready)
    {
        foreach (var o in _outages)
        {
            var dropping = Response != FaultResponse.Retry || double.IsPositiveInfinity(o.End);
            if (ready < o.Start)
            {
                if (dropping || o.LosesHeld)
                {
                    return (o.Start, o.Reason);
                }
            }
            else if (ready < o.End && dropping)
            {
                return (ready, o.Reason);
            }
        }

        return (double.PositiveInfinity, null);
    }

    /// <summary>When a model download offered at <paramref name="ready"/> is lost, and why: only an outage without an end loses one; others hold it.</summary>
    public (double At, string? Reason) DownloadCutAt(double ready)
    {
        foreach (var o in _outages)
        {
            if (double.IsPositiveInfinity(o.End))
            {
                return (Math.Max(ready, o.Start), o.Reason);
            }
        }

        return (double.PositiveInfinity, null);
    }

    /// <summary>How many crashes that restart the server start before <paramref name="t"/>.</summary>
    public int CrashesBefore(double t)
    {
        var crashes = 0;
        foreach (var o in _outages)
        {
            if (o.Restarts && o.Start < t)
            {
                crashes++;
            }
        }

        return crashes;
    }

    /// <summary>Whether the resource is down at some instant of [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public bool IsDownDuring(double from, double to)
    {
        foreach (var o in _outages)
        {
            if (o.Start < to && o.End > from)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the resource is down at <paramref name="t"/>.</summary>
    public bool IsDownAt(double t)
    {
        foreach (var o in _outages)
        {
            if (t >= o.Start && t < o.End)
            {
                return true;
            }
        }

        return false;
    }

    private static CapacityProfile ProfileOf(Outage[] outages, IReadOnlyList<Degradation> degradations)
    {
        var times = new SortedSet<double>();
        foreach (var o in outages)
        {
            times.Add(o.Start);
            times.Add(o.End);
        }

        foreach (var d in degradations)
        {
            times.Add(d.Start);
            times.Add(d.End);
        }

        var changes = new List<(double, double)>();
        var current = 1.0;
        foreach (var t in times)
        {
            if (double.IsPositiveInfinity(t))
            {
                continue;
            }

            var factor = FactorAt(t, outages, degradations);
            if (factor != current)
            {
                changes.Add((t, factor));
                current = factor;
            }
        }


        return new CapacityProfile(changes);
    }

    private static double FactorAt(double t, Outage[] outages, IReadOnlyList<Degradation> degradations)
    {
        foreach (var o in outages)
        {
            if (t >= o.Start && t < o.End)
            {
                return 0.0;
            }
        }

        var factor = 1.0;
        foreach (var d in degradations)
        {
            if (t >= d.Start && t < d.End)
            {
                factor *= d.Factor;
            }
        }

        return factor;
    }
}

/// <summary>A window [<paramref name="Start"/>, <paramref name="End"/>) in which a resource is down.</summary>
/// <param name="LosesHeld">What the resource holds at the start is lost whatever <c>on-fault</c> says (a crash).</param>
/// <param name="Restarts">The server crashes at the start: the actors driving it are stopped and recreated (an edge crash).</param>
public sealed record Outage(double Start, double End, string Reason, bool LosesHeld, bool Restarts = false);

/// <summary>A window in which a resource runs at its capacity times <paramref name="Factor"/> (in (0, 1]).</summary>
public sealed record Degradation(double Start, double End, double Factor);
