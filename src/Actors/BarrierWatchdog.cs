using Akka.Configuration;

namespace MecActors.Actors;

/// <summary>
/// Watches a virtual-time run's slot barrier in wall time: every report the coordinator counts is progress, and a
/// check that finds none since the one before, <see cref="ChecksPerBound"/> times in a row, means the barrier has not
/// moved for the bound, so the run fails naming who has not reported instead of waiting forever for a lost message.
/// The checks are the coordinator's own timer messages: while it is busy deciding (a slow policy) none is handled, so
/// a long decision never counts as a stall. The bound is <c>mec.barrier-watchdog</c> in the actor system's
/// configuration (<see cref="BoundOf"/>); 0 or <c>off</c> turns the watchdog off.
/// </summary>
public sealed class BarrierWatchdog
{
    public const string ConfigKey = "mec.barrier-watchdog";

    /// <summary>Checks in one bound: a stall is caught within 1 + 1 / <see cref="ChecksPerBound"/> bounds.</summary>
    public const int ChecksPerBound = 4;

    /// <summary>The bound when the configuration sets none: a slot whose resources are all alive reports far sooner.</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(60);

    private readonly int[] _deviceSlot;
    private readonly int[] _edgeSlot;
    private long _progress;
    private long _seen;
    private int _quiet;

    public BarrierWatchdog(TimeSpan bound, int devices, int edges)
    {
        Bound = bound;
        _deviceSlot = new int[devices];
        _edgeSlot = new int[edges];
    }

    public TimeSpan Bound { get; }

    /// <summary>The wall time between two checks.</summary>
    public TimeSpan CheckInterval => Bound / ChecksPerBound;

    /// <summary>
    /// The bound <c>mec.barrier-watchdog</c> of an actor system's <paramref name="config"/> (a duration such as
    /// <c>60s</c>), the default when absent, or null when it is 0 or <c>off</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The setting is not a duration (a negative one included).</exception>
    public static TimeSpan? BoundOf(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath(ConfigKey))
        {
            return DefaultBound;
        }

        var text = config.GetString(ConfigKey);
        if (string.Equals(text, "off", StringComparison.Ordinal))
        {
            return null;
        }

        TimeSpan bound;
        try
        {
            bound = config.GetTimeSpan(ConfigKey, DefaultBound, allowInfinite: false);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{ConfigKey}: expected a duration such as 60s, or off; got '{text}'");
        }

        return bound == TimeSpan.Zero ? null : bound;
    }

    /// <summary>A report that moves the barrier on (a wave's horizon, a task's end).</summary>
    public void Progressed() => _progress++;

    /// <summary>Device <paramref name="device"/> has given its tasks of slot <paramref name="slot"/>.</summary>
    public void DeviceReported(int device, int slot)
    {
        _deviceSlot[device] = slot;
        _progress++;
    }

    /// <summary>Edge <paramref name="edge"/> has given its state at the start of slot <paramref name="slot"/>.</summary>
    public void EdgeReported(int edge, int slot)
    {
        _edgeSlot[edge] = slot;
        _progress++;
    }

    /// <summary>One check: true when this is the <see cref="ChecksPerBound"/>-th in a row to find no progress.</summary>
    public bool Stalled()
    {
        if (_progress != _seen)
        {
            _seen = _progress;
            _quiet = 0;
            return false;
        }

        return ++_quiet >= ChecksPerBound;
    }

    /// <summary>The devices (by actor name) whose tasks of <paramref name="slot"/> have not come in.</summary>
    public IEnumerable<string> DevicesAwaited(int slot)
    {
        for (var u = 0; u < _deviceSlot.Length; u++)
        {
            if (_deviceSlot[u] < slot)
            {
                yield return DeviceActor.NameOf(u);
            }
        }
    }

    /// <summary>The edges whose state at the start of <paramref name="slot"/> has not come in.</summary>
    public IEnumerable<int> EdgesAwaited(int slot)
    {
        for (var n = 0; n < _edgeSlot.Length; n++)
        {
            if (_edgeSlot[n] < slot)
            {
                yield return n;
            }
        }
    }

    /// <summary>Names, at most <paramref name="shown"/> of them, then how many more.</summary>
    public static string List(IEnumerable<string> names, int shown = 20)
    {
        var all = names.ToList();
        return all.Count <= shown
            ? string.Join(", ", all)
            : $"{string.Join(", ", all.Take(shown))} and {all.Count - shown} more";
    }

    /// <summary>Coordinator to itself, every <see cref="CheckInterval"/>: has the barrier moved since the last check?</summary>
    internal sealed record Check
    {
        public static readonly Check Instance = new();
    }
}
