using MecActors.Core.Scenarios;

namespace MecActors.Core.Workload;

/// <summary>
/// The bound on a device's tasks per slot that task ids are built on (<see cref="TaskRequest.IdOf"/>), and the
/// expected count. Bernoulli: 1. Periodic: floor(tau / frame) + 1, which no slot can exceed. Poisson: the smallest
/// K with P(N &gt; K) &lt; <see cref="PoissonTail"/> for N ~ Poisson(rate x tau); a slot that still draws more
/// ends the run with an error naming <c>workload.rate-per-s</c> (at that tail, about once in 10^12 device-slots).
/// A scenario whose bound exceeds <see cref="Limit"/> is refused.
/// </summary>
public static class TaskArrivals
{
    /// <summary>The most tasks a device may bring in one slot.</summary>
    public const int Limit = 10_000;

    public const double PoissonTail = 1e-12;

    public static int MaxTasksPerSlot(WorkloadSpec workload, double slotSeconds)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload.Arrivals switch
        {
            ArrivalKind.Bernoulli => 1,
            ArrivalKind.Periodic => (int)Math.Min(int.MaxValue, Math.Floor(slotSeconds / workload.FrameSeconds) + 1),
            ArrivalKind.Poisson => PoissonBound(workload.RatePerSecond * slotSeconds),
            _ => throw new ArgumentOutOfRangeException(nameof(workload), workload.Arrivals, "unknown arrival kind"),
        };
    }

    /// <summary>The mean number of tasks a device brings per slot.</summary>
    public static double ExpectedPerSlot(WorkloadSpec workload, double slotSeconds)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload.Arrivals switch
        {
            ArrivalKind.Bernoulli => workload.TaskProbability,
            ArrivalKind.Periodic => slotSeconds / workload.FrameSeconds,
            ArrivalKind.Poisson => workload.RatePerSecond * slotSeconds,
            _ => throw new ArgumentOutOfRangeException(nameof(workload), workload.Arrivals, "unknown arrival kind"),
        };
    }

    /// <summary>The smallest K with P(N &gt; K) &lt; <see cref="PoissonTail"/>, N ~ Poisson(<paramref name="mean"/>); int.MaxValue beyond <see cref="Limit"/>.</summary>
    public static int PoissonBound(double mean)
    {
        if (!(mean > 0))
        {
            return 1;
        }

        if (mean > Limit)
        {
            return int.MaxValue;
        }

        // The pmf in the log domain up to far into the tail, then tails summed from the smallest terms up.
        var top = (int)Math.Ceiling(mean + (40 * Math.Sqrt(mean)) + 100);
        var pmf = new double[top + 1];
        var log = -mean;
        var logMean = Math.Log(mean);
        for (var k = 0; k <= top; k++)
        {
            if (k > 0)
            {
                log += logMean - Math.Log(k);
            }

            pmf[k] = Math.Exp(log);
        }

        var tail = 0.0;
        var bound = top;
        for (var k = top; k >= 1; k--)
        {
            tail += pmf[k];
            if (tail >= PoissonTail)
            {
                break;
            }

            bound = k - 1;
        }

        return Math.Max(1, bound);
    }
}
