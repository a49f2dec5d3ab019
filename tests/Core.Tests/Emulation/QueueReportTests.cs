using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using Xunit;

namespace MecActors.Core.Tests.Emulation;

public class QueueReportTests
{
    /// <summary>
    /// Horizon 1 s, T = 1 s: the first slot start is 1 s. A job leaving at 1.1 s is there at 1 s only; one at 2.5 s at
    /// 1 and 2 s; one at exactly 3 s at 1 and 2 s too (it has left when slot 4 starts at 3 s).
    /// </summary>
    [Fact]
    public void Leaving_jobs_are_counted_at_every_slot_start_they_are_still_there()
    {
        var leaving = new LeavingJobs(1.0);
        leaving.KeepEnds();
        foreach (var end in new[] { 2.5, 1.1, 3.0 })
        {
            leaving.Add(end);
        }

        var (first, counts) = leaving.CountFrom(1.0);

        Assert.Equal(1, first);
        Assert.Equal([new LeavingStep(1, 3), new LeavingStep(2, 2)], counts);
        var report = new QueueReport(2.0, 1, first, counts);
        var resource = ResourceRef.EdgeCompute(0);
        Assert.Equal(new QueueState(resource, 1.0, 4), report.At(resource, 1, 1.0));
        Assert.Equal(new QueueState(resource, 0.0, 3), report.At(resource, 2, 1.0));
        Assert.Equal(new QueueState(resource, 0.0, 1), report.At(resource, 3, 1.0));
        Assert.Throws<InvalidOperationException>(() => report.At(resource, 0, 1.0));
        Assert.Equal(2, leaving.At(1.5));
    }

    /// <summary>The virtual drivers never measure between horizons, so the ends are kept only when asked for: a measure without them fails.</summary>
    [Fact]
    public void A_measure_at_any_instant_needs_the_ends_kept()
    {
        var leaving = new LeavingJobs(1.0);
        leaving.Add(2.5);

        var (first, steps) = leaving.CountFrom(1.0);
        Assert.Equal(1, first);
        Assert.Equal([new LeavingStep(2, 1)], steps);
        Assert.Throws<InvalidOperationException>(() => leaving.At(1.5));
    }

    /// <summary>
    /// A job that leaves far beyond any run (a processor a million million times too slow) costs one step, not a count
    /// per slot start ahead, and is there at every slot start a run has.
    /// </summary>
    [Fact]
    public void A_job_leaving_beyond_any_run_is_one_step_and_there_at_every_slot_start()
    {
        var leaving = new LeavingJobs(1.0);
        leaving.Add(1e27);
        leaving.Add(2.5);

        var (first, steps) = leaving.CountFrom(1.0);
        var report = new QueueReport(0.0, 0, first, steps);

        Assert.Equal(2, steps.Length);
        var resource = ResourceRef.EdgeCompute(0);
        Assert.Equal(2, report.At(resource, 2, 1.0).Jobs);
        Assert.Equal(1, report.At(resource, 1_000_000, 1.0).Jobs);
    }

    /// <summary>Advanced to 2 s, the job that left at 1.1 s is forgotten; past the last, nothing is left.</summary>
    [Fact]
    public void Jobs_gone_by_the_horizons_first_slot_start_are_forgotten()
    {
        var leaving = new LeavingJobs(1.0);
        leaving.Add(1.1);
        leaving.Add(2.5);

        leaving.Forget(2.0);
        var (first, counts) = leaving.CountFrom(2.0);
        Assert.Equal(2, first);
        Assert.Equal([new LeavingStep(2, 1)], counts);

        leaving.Forget(3.0);
        Assert.False(leaving.Any);
        Assert.Empty(leaving.CountFrom(3.0).Steps);
    }

    /// <summary>
    /// The slot starts are s x T exactly as the slots compute them: with T = 0.1 s, 3 x 0.1 is 0.30000000000000004, so a
    /// horizon there has slot start 3 first; a job leaving at 0.4 s (4 x 0.1) has left when slot 5 starts.
    /// </summary>
    [Fact]
    public void Slot_starts_are_the_products_the_slots_use()
    {
        var leaving = new LeavingJobs(0.1);
        foreach (var end in new[] { 0.35, 0.4, 0.45 })
        {
            leaving.Add(end);
        }

        var (first, counts) = leaving.CountFrom(3 * 0.1);

        Assert.Equal(3, first);
        Assert.Equal([new LeavingStep(3, 3), new LeavingStep(4, 1)], counts);
        Assert.Empty(leaving.CountFrom(double.PositiveInfinity).Steps);
    }
}
