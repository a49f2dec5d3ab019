using MecActors.Core.Decisions;

namespace MecActors.Core.Emulation;

/// <summary>
/// The last queue report of every resource that holds work, as waves end: a resource that takes no part in a wave
/// neither gains nor loses work in it, so its last report still stands, and one that reported idle stays idle until
/// it takes part again. The queue states at a slot's start come from here, at the same instants in every driver.
/// </summary>
public sealed class QueueTracker
{
    private readonly Dictionary<ResourceRef, QueueReport> _reports = new();
    private readonly List<QueueState> _busy = new();
    private readonly List<ResourceRef> _idle = new();

    /// <summary>The resource's state at the horizon it has just advanced to.</summary>
    public void Reported(ResourceRef resource, QueueReport report)
    {
        if (report.IsIdle)
        {
            _reports.Remove(resource);
        }
        else
        {
            _reports[resource] = report;
        }
    }

    /// <summary>These resources take part in a pass and will report again (only their non-idle reports travel).</summary>
    public void Forget(IReadOnlyList<WaveRole> roles)
    {
        foreach (var role in roles)
        {
            _reports.Remove(role.Resource);
        }
    }

    /// <summary>The resources were built afresh: nothing in them.</summary>
    public void Clear() => _reports.Clear();

    /// <summary>Every resource's queue state at slot start <paramref name="slotStart"/> x T, no earlier than the last horizon reported.</summary>
    public ResourceQueues At(int slotStart, double slotSeconds)
    {
        if (_reports.Count == 0)
        {
            return ResourceQueues.None;
        }

        _busy.Clear();
        _idle.Clear();
        foreach (var (resource, report) in _reports)
        {
            var state = report.At(resource, slotStart, slotSeconds);
            if (state.Idle)
            {
                _idle.Add(resource);
            }
            else
            {
                _busy.Add(state);
            }
        }

        // Idle now, idle until the resource takes part in a wave again.
        foreach (var resource in _idle)
        {
            _reports.Remove(resource);
        }

        return ResourceQueues.Of(_busy);
    }
}
