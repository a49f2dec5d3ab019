using System.Diagnostics;

namespace MecActors.Actors.Realtime;

/// <summary>
/// The realtime clock of one run: wall time from a monotonic <see cref="Stopwatch"/> timestamp (never the
/// calendar clock), read in simulated seconds. <see cref="TimeScale"/> maps one simulated second to that many
/// wall seconds, so a measured wall interval divided by it is the simulated interval.
/// </summary>
public sealed class RealtimeClock
{
    /// <summary>The value of <c>clock</c> in the results contract for a realtime run.</summary>
    public const string Name = "realtime";

    private readonly long _origin;

    /// <param name="timerLead">
    /// How much earlier than a stage's end its timer is set. The scheduler fires a timer on the first tick at or after
    /// its deadline, so on average about half a tick late; a lead of half a tick centres the ends on their targets.
    /// </param>
    public RealtimeClock(double timeScale, TimeSpan timerLead = default)
    {
        if (!(timeScale > 0) || double.IsInfinity(timeScale))
        {
            throw new ArgumentException($"time scale must be a positive finite number, got {timeScale}", nameof(timeScale));
        }

        TimeScale = timeScale;
        TimerLead = timerLead;
        _origin = Stopwatch.GetTimestamp();
    }

    public double TimeScale { get; }

    public TimeSpan TimerLead { get; }

    /// <summary>Simulated seconds since the clock started: measured wall seconds / time scale.</summary>
    public double Now => Stopwatch.GetElapsedTime(_origin).TotalSeconds / TimeScale;

    /// <summary>The wall time that <paramref name="simulatedSeconds"/> last (zero for a negative span: due now).</summary>
    public TimeSpan ToWall(double simulatedSeconds) =>
        simulatedSeconds <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(simulatedSeconds * TimeScale);

    /// <summary>The timer delay for something due at clock instant <paramref name="end"/>: the wall time until then, less <see cref="TimerLead"/>.</summary>
    public TimeSpan TimerUntil(double end)
    {
        var wall = ToWall(end - Now) - TimerLead;
        return wall > TimeSpan.Zero ? wall : TimeSpan.Zero;
    }
}
