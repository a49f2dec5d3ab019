using System.Diagnostics;
using Akka.Actor;

namespace MecActors.Actors.Realtime;

/// <summary>
/// The realtime clock of one run: wall time from a monotonic <see cref="Stopwatch"/> timestamp (never the
/// calendar clock), read in simulated seconds. <see cref="TimeScale"/> maps one simulated second to that many
/// wall seconds, so a measured wall interval divided by it is the simulated interval.
/// </summary>
/// <remarks>
/// The clock also delivers messages at clock instants (<see cref="Deliver"/>), on a thread of its own. Akka's
/// scheduler fires a timer on a tick of <c>akka.scheduler.tick-duration</c> (10 ms at the finest) and in practice
/// about a tick late on average, a lateness every stage of a route would add to a task's delay; this thread waits
/// on a monitor to about a millisecond before the instant and spins the rest (yielding to any thread ready to run),
/// so a message leaves within a fraction of a millisecond of its instant on an idle machine.
/// </remarks>
public sealed class RealtimeClock : IDisposable
{
    /// <summary>The value of <c>clock</c> in the results contract for a realtime run.</summary>
    public const string Name = "realtime";

    /// <summary>How long before an instant the thread stops waiting on the monitor and spins.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;

    private readonly long _origin;
    private readonly object _gate = new();
    private readonly PriorityQueue<Delivery, (long Due, long Order)> _pending = new();
    private readonly Thread _thread;
    private long _order;
    private bool _disposed;

    /// <summary>Set when a delivery comes due before the one the thread waits for.</summary>
    private bool _earlier;

    public RealtimeClock(double timeScale)
    {
        if (!(timeScale > 0) || double.IsInfinity(timeScale))
        {
            throw new ArgumentException($"time scale must be a positive finite number, got {timeScale}", nameof(timeScale));
        }

        TimeScale = timeScale;
        _origin = Stopwatch.GetTimestamp();
        _thread = new Thread(DeliverDue) { IsBackground = true, Name = "realtime-clock" };
        _thread.Start();
    }

    public double TimeScale { get; }

    /// <summary>Simulated seconds since the clock started: measured wall seconds / time scale.</summary>
    public double Now => Stopwatch.GetElapsedTime(_origin).TotalSeconds / TimeScale;

    /// <summary>The wall time that <paramref name="simulatedSeconds"/> last (zero for a negative span: due now).</summary>
    public TimeSpan ToWall(double simulatedSeconds) =>
        simulatedSeconds <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(simulatedSeconds * TimeScale);

    /// <summary>
    /// Tells <paramref name="message"/> to <paramref name="target"/> at clock instant <paramref name="instant"/>, at
    /// once when that instant has passed. Messages due at one instant leave in the order they were given. A delivery
    /// cannot be cancelled: the receiver ignores one it no longer expects.
    /// </summary>
    public void Deliver(double instant, IActorRef target, object message)
    {
        var due = _origin + (long)Math.Ceiling(instant * TimeScale * Stopwatch.Frequency);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_pending.TryPeek(out _, out var head) || due < head.Due)
            {
                // Ends the thread's wait, or its spin towards a later instant.
                Volatile.Write(ref _earlier, true);
                Monitor.Pulse(_gate);
            }

            _pending.Enqueue(new Delivery(target, message), (due, _order++));
        }
    }

    /// <summary>Stops the thread; what is still pending is not delivered.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending.Clear();
            Monitor.Pulse(_gate);
        }

        _thread.Join();
    }

    private void DeliverDue()
    {
        var due = new List<Delivery>();
        while (true)
        {
            lock (_gate)
            {
                while (true)
                {
                    if (_disposed)
                    {
                        return;
                    }

                    _earlier = false;
                    if (_pending.TryPeek(out _, out var next))
                    {
                        var wait = next.Due - Stopwatch.GetTimestamp();
                        if (wait <= 0)
                        {
                            break;
                        }

                        if (wait > SpinTicks)
                        {
                            Monitor.Wait(_gate, TimeSpan.FromSeconds((double)(wait - SpinTicks) / Stopwatch.Frequency));
                            continue;
                        }

                        // Within the last millisecond: spin outside the lock, so that Deliver is not held up,
                        // yielding the core to any thread ready to run (an actor's), so that the spin costs none of theirs.
                        Monitor.Exit(_gate);
                        try
                        {
                            while (Stopwatch.GetTimestamp() < next.Due && !Volatile.Read(ref _earlier))
                            {
                                if (!Thread.Yield())
                                {
                                    Thread.SpinWait(20);
                                }
                            }
                        }
                        finally
                        {
                            Monitor.Enter(_gate);
                        }

                        continue;
                    }

                    Monitor.Wait(_gate);
                }

                var now = Stopwatch.GetTimestamp();
                while (_pending.TryPeek(out _, out var next) && next.Due <= now)
                {
                    due.Add(_pending.Dequeue());
                }
            }

            foreach (var delivery in due)
            {
                delivery.Target.Tell(delivery.Message, ActorRefs.NoSender);
            }

            due.Clear();
        }
    }

    private readonly record struct Delivery(IActorRef Target, object Message);
}
