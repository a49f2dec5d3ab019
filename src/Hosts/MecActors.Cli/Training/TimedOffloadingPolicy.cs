using System.Diagnostics;
using MecActors.Core.Decisions;
using MecActors.Policies.Learning;

namespace MecActors.Cli.Training;

/// <summary>
/// An offloading policy that adds up the wall time spent in <see cref="Decide"/>, <see cref="Learn"/> and <see cref="Settle"/> of the
/// policy it wraps. For an A2C agent that is the network's forward passes and its parameter updates (which run
/// inside <c>Decide</c>); the rest of a run's wall time is the emulation around it (the actors).
/// </summary>
internal sealed class TimedOffloadingPolicy(ITrainablePolicy inner) : IOffloadingPolicy
{
    private long _ticks;

    /// <summary>The wrapped policy: training switch, update events, checkpoints.</summary>
    public ITrainablePolicy Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>Total time spent inside the wrapped policy so far.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return Inner.Decide(observation);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
        }
    }

    public void Learn(SlotFeedback feedback)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            Inner.Learn(feedback);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
        }
    }

    public void Settle()
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            Inner.Settle();
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
        }
    }
}
