using MecActors.Core.Emulation;

namespace MecActors.Core.Decisions;

/// <summary>
/// The queue state of every resource of the system at the start of a slot: the resources that hold work are listed
/// (<see cref="Busy"/>, ordered by resource), every other one is idle.
/// </summary>
public sealed class ResourceQueues
{
    private readonly QueueState[] _busy;

    private ResourceQueues(QueueState[] busy) => _busy = busy;

    /// <summary>Every resource idle.</summary>
    public static ResourceQueues None { get; } = new([]);

    /// <summary>The resources that hold work, ordered by resource.</summary>
    public IReadOnlyList<QueueState> Busy => _busy;

    /// <summary>The queue states given, idle ones left out; one state per resource.</summary>
    public static ResourceQueues Of(IEnumerable<QueueState> states)
    {
        var busy = states.Where(s => !s.Idle).ToArray();
        if (busy.Length == 0)
        {
            return None;
        }

        Array.Sort(busy, (a, b) => a.Resource.CompareTo(b.Resource));
        for (var i = 1; i < busy.Length; i++)
        {
            if (busy[i].Resource == busy[i - 1].Resource)
            {
                throw new ArgumentException($"two queue states for {busy[i].Resource}", nameof(states));
            }
        }

        return new ResourceQueues(busy);
    }

    /// <summary>The state of <paramref name="resource"/>: its entry, or idle.</summary>
    public QueueState Of(ResourceRef resource)
    {
        int lo = 0, hi = _busy.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = _busy[mid].Resource.CompareTo(resource);
            if (c == 0)
            {
                return _busy[mid];
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return new QueueState(resource, 0.0, 0);
    }
}
