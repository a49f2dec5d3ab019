using MecActors.Core.Faults;
using MecActors.Core.Queueing;
using Xunit;

namespace MecActors.Core.Tests.Faults;

/// <summary>Stations under capacity profiles, against hand-computed ends.</summary>
public class CapacityProfileTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Warp_integrates_the_factor_and_is_the_identity_before_the_first_change()
    {
        // 1 until 1 s, 0.5 until 3 s, down until 4 s, then 1.
        var profile = new CapacityProfile([(1.0, 0.5), (3.0, 0.0), (4.0, 1.0)]);

        Assert.Equal(0.7, profile.Warp(0.7));
        Assert.Equal(1.5, profile.Warp(2.0), Tolerance);
        Assert.Equal(2.0, profile.Warp(3.5), Tolerance);
        Assert.Equal(3.0, profile.Warp(5.0), Tolerance);

        // Work that ends at warped 2 is done when the outage begins; work that starts there waits for its end.
        Assert.Equal(3.0, profile.EarliestAt(2.0), Tolerance);
        Assert.Equal(4.0, profile.LatestAt(2.0), Tolerance);
        Assert.Equal(2.0, profile.EarliestAt(1.5), Tolerance);
    }

    [Fact]
    public void A_profile_may_start_at_zero_and_an_outage_without_end_never_gives_back_its_time()
    {
        var profile = new CapacityProfile([(0.0, 0.25), (2.0, 0.0)]);

        Assert.Equal(0.25, profile.Warp(1.0), Tolerance);
        Assert.Equal(0.5, profile.Warp(10.0), Tolerance);
        Assert.Equal(2.0, profile.EarliestAt(0.5), Tolerance);
        Assert.Equal(double.PositiveInfinity, profile.LatestAt(0.6));

        // A server freed as the last outage begins is free from then: nothing it held is left to serve.
        Assert.Equal(2.0, profile.LatestAt(0.5), Tolerance);
    }

    [Fact]
    public void A_fifo_job_slowed_then_paused_ends_when_its_work_is_done_at_the_rates_it_met()
    {
        // Capacity 1 work/s; 0.5 from 1 s to 2 s, down from 2 s to 3 s. A job of work 2 at 0: 1 by 1 s, 1.5 by 2 s, paused, 2 at 3.5 s.
        var station = new FaultedStation(new FifoStation(1.0), new CapacityProfile([(1.0, 0.5), (2.0, 0.0), (3.0, 1.0)]));
        station.Arrive(new Job(1, 0.0, 2.0, 1));

        // A job arriving while the station is down starts when it is back, after the first.
        station.Arrive(new Job(2, 2.5, 1.0, 1));
        var output = new List<Departure>();
        station.Advance(10.0, output);

        Assert.Equal(2, output.Count);
        Assert.Equal(3.5, output[0].End, Tolerance);
        Assert.Equal(0.0, output[0].Start);
        Assert.Equal(2.5, output[1].Arrival);
        Assert.Equal(3.5, output[1].Start, Tolerance);
        Assert.Equal(4.5, output[1].End, Tolerance);
    }

    [Fact]
    public void A_job_cut_by_an_outage_leaves_at_the_cut_and_frees_the_server()
    {
        var station = new FaultedStation(new FifoStation(1.0), new CapacityProfile([(1.0, 0.0), (2.0, 1.0)]));
        station.Arrive(new Job(1, 0.0, 3.0, 1, Deadline: 1.0));
        station.Arrive(new Job(2, 0.5, 1.0, 1));
        var output = new List<Departure>();
        station.Advance(10.0, output);

        var cut = output.Single(d => d.Id == 1);
        Assert.True(cut.Dropped);
        Assert.Equal(1.0, cut.End, Tolerance);

        // The second waited for the first until the cut, then for the outage's end.
        var next = output.Single(d => d.Id == 2);
        Assert.Equal(2.0, next.Start, Tolerance);
        Assert.Equal(3.0, next.End, Tolerance);
    }

    [Fact]
    public void Processor_sharing_slows_every_job_alike()
    {
        // Two jobs of work 1 sharing capacity 2 end at 1 s; at half capacity from 0.5 s they end at 1.5 s.
        var station = new FaultedStation(new ProcessorSharingStation(2.0), new CapacityProfile([(0.5, 0.5)]));
        station.Arrive(new Job(1, 0.0, 1.0, 1));
        station.Arrive(new Job(2, 0.0, 1.0, 1));
        var output = new List<Departure>();
        station.Advance(10.0, output);

        Assert.All(output, d => Assert.Equal(1.5, d.End, Tolerance));
    }

    [Fact]
    public void Outages_cut_by_the_response_and_a_crash_always_loses_what_it_holds()
    {
        var outages = new[] { new Outage(1.0, 2.0, "link-down", LosesHeld: false), new Outage(5.0, 6.0, "edge-crash", LosesHeld: true) };
        var retry = new ResourceFaults(outages, [], FaultResponse.Retry);
        var drop = new ResourceFaults(outages, [], FaultResponse.Drop);

        Assert.Equal((1.0, "link-down"), drop.CutAt(0.5));
        Assert.Equal((1.5, "link-down"), drop.CutAt(1.5));
        Assert.Equal((5.0, "edge-crash"), retry.CutAt(0.5));
        Assert.Equal((5.0, "edge-crash"), retry.CutAt(1.5));
        Assert.Equal((double.PositiveInfinity, null), retry.CutAt(6.0));
        Assert.True(retry.IsDownAt(1.0));
        Assert.False(retry.IsDownAt(2.0));

        // Down for good: retrying cannot wait, so it drops too; and a download is lost then.
        var forGood = new ResourceFaults([new Outage(3.0, double.PositiveInfinity, "link-down", false)], [], FaultResponse.Retry);
        Assert.Equal((3.0, "link-down"), forGood.CutAt(1.0));
        Assert.Equal((4.0, "link-down"), forGood.CutAt(4.0));
        Assert.Equal((3.0, "link-down"), forGood.DownloadCutAt(1.0));
        Assert.Equal((double.PositiveInfinity, null), retry.DownloadCutAt(0.0));
    }
}
