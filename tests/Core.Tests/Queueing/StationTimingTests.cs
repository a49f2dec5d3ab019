using MecActors.Core.Queueing;
using Xunit;

namespace MecActors.Core.Tests.Queueing;

public sealed class StationTimingTests
{
    private static List<Departure> AdvanceAll(IStation station, double horizon = double.PositiveInfinity)
    {
        var output = new List<Departure>();
        station.Advance(horizon, output);
        return output;
    }

    [Fact]
    public void Dedicated_station_serves_every_job_at_full_share_independently()
    {
        var station = new DedicatedStation(capacity: 100, share: 0.5);
        station.Arrive(new Job(1, 0.0, 100, 1));
        station.Arrive(new Job(2, 0.0, 50, 1));

        var d = AdvanceAll(station);

        Assert.Equal([2L, 1L], d.Select(x => x.Id));
        Assert.Equal(1.0, d[0].End, 12);
        Assert.Equal(2.0, d[1].End, 12);
        Assert.All(d, x => Assert.Equal(0.0, x.Waiting));
    }

    [Fact]
    public void Fifo_station_starts_second_job_when_first_ends_whatever_the_offer_order()
    {
        var station = new FifoStation(capacity: 10);
        station.Arrive(new Job(2, 0.5, 10, 1));
        station.Arrive(new Job(1, 0.0, 20, 1));

        var d = AdvanceAll(station);

        Assert.Equal(2.0, d[0].End, 12);
        Assert.Equal(2.0, d[1].Start, 12);
        Assert.Equal(3.0, d[1].End, 12);
        Assert.Equal(1.5, d[1].Waiting, 12);
    }

    [Fact]
    public void Fifo_station_breaks_arrival_ties_by_job_id()
    {
        var station = new FifoStation(capacity: 1);
        station.Arrive(new Job(9, 0.0, 1, 1));
        station.Arrive(new Job(3, 0.0, 1, 1));

        var d = AdvanceAll(station);

        Assert.Equal(3, d[0].Id);
        Assert.Equal(1.0, d[0].End, 12);
        Assert.Equal(2.0, d[1].End, 12);
    }

    [Fact]
    public void Fifo_station_with_cores_runs_jobs_in_parallel_at_a_core_speed()
    {
        var station = new FifoStation(capacity: 20, servers: 2);
        for (var i = 0; i < 3; i++)
        {
            station.Arrive(new Job(i, 0.0, 10, 1));
        }

        var d = AdvanceAll(station);

        Assert.Equal([1.0, 1.0, 2.0], d.Select(x => Math.Round(x.End, 12)));
    }

    [Fact]
    public void Fifo_station_holds_jobs_arriving_after_the_horizon()
    {
        var station = new FifoStation(capacity: 1);
        station.Arrive(new Job(1, 0.0, 5, 1));
        station.Arrive(new Job(2, 1.5, 1, 1));

        var first = AdvanceAll(station, horizon: 1.0);

        Assert.Single(first);
        Assert.Equal(5.0, first[0].End, 12);
        Assert.Equal(1, station.Pending);

        // A later arrival that comes before the held one is served first: true FIFO across slots.
        station.Arrive(new Job(3, 1.2, 1, 2));
        var second = AdvanceAll(station, horizon: 2.0);
        Assert.Equal([3L, 2L], second.Select(x => x.Id));
        Assert.Equal(6.0, second[0].End, 12);
        Assert.Equal(7.0, second[1].End, 12);
    }

    [Fact]
    public void Processor_sharing_splits_capacity_among_jobs_in_service()
    {
        var station = new ProcessorSharingStation(capacity: 10);
        station.Arrive(new Job(1, 0.0, 10, 1));
        station.Arrive(new Job(2, 0.0, 10, 1));

        var d = AdvanceAll(station);

        Assert.All(d, x => Assert.Equal(2.0, x.End, 12));
    }

    [Fact]
    public void Processor_sharing_slows_a_job_when_another_arrives()
    {
        // Job 1 runs alone for 0.5 s (5 units done), then shares with job 2: both at 5/s.
        // Job 2 (2 units) ends at 0.9 s; job 1 then has 5 - 2 = 3 units left alone: ends at 1.2 s.
        var station = new ProcessorSharingStation(capacity: 10);
        station.Arrive(new Job(1, 0.0, 10, 1));
        station.Arrive(new Job(2, 0.5, 2, 1));

        var d = AdvanceAll(station);

        Assert.Equal(2, d[0].Id);
        Assert.Equal(0.9, d[0].End, 12);
        Assert.Equal(1.2, d[1].End, 12);
    }

    [Fact]
    public void Processor_sharing_keeps_unfinished_jobs_pending_past_the_horizon()
    {
        var station = new ProcessorSharingStation(capacity: 1);
        station.Arrive(new Job(1, 0.0, 3, 1));

        Assert.Empty(AdvanceAll(station, horizon: 1.0));
        Assert.Equal(1, station.Pending);

        var d = AdvanceAll(station, horizon: 4.0);
        Assert.Equal(3.0, Assert.Single(d).End, 12);
    }

    [Fact]
    public void Equal_share_per_slot_divides_capacity_by_the_tasks_of_the_slot()
    {
        var station = new EqualSharePerSlotStation(capacity: 20e9);
        station.ExpectBatch(1, 4);
        for (var i = 0; i < 4; i++)
        {
            station.Arrive(new Job(i, 0.1 * i, 1e9, 1));
        }

        var d = AdvanceAll(station);

        // f_n(t) = 20 GHz / 4 = 5 GHz; c / f_n = 0.2 s after each task's arrival.
        Assert.All(d, x => Assert.Equal(x.Arrival + 0.2, x.End, 12));
    }

    [Fact]
    public void Equal_share_per_slot_waits_for_the_batch_size_and_keeps_slots_apart()
    {
        // A job is final once its slot's K is known: it waits for the size, not for the other jobs.
        var station = new EqualSharePerSlotStation(capacity: 1);
        station.Arrive(new Job(1, 0.0, 1, 1));
        Assert.Empty(AdvanceAll(station));

        station.ExpectBatch(1, 2);
        Assert.Equal(2.0, Assert.Single(AdvanceAll(station)).End, 12);
        station.Arrive(new Job(2, 0.0, 1, 1));
        Assert.Equal(2.0, Assert.Single(AdvanceAll(station)).End, 12);

        // Slot 1's batch runs until 2.0 s; slot 2's lone task, ready at 1.0 s, gets the whole capacity for itself.
        station.ExpectBatch(2, 1);
        station.Arrive(new Job(3, 1.0, 1, 2));
        var d = Assert.Single(AdvanceAll(station));
        Assert.Equal(1.0, d.Start, 12);
        Assert.Equal(2.0, d.End, 12);
    }

    [Fact]
    public void Fifo_job_past_its_deadline_frees_its_server_then_and_a_waiting_one_never_takes_it()
    {
        // Rate 1. A (3 units, deadline 2) runs 0-2 and leaves at its deadline; B (1 unit, deadline 1.5) waits
        // behind A until 1.5 and leaves without being served; C (1 unit) starts at 2, when A freed the server.
        var station = new FifoStation(1);
        station.Arrive(new Job(1, 0.0, 3, 1, Deadline: 2.0));
        station.Arrive(new Job(2, 0.1, 1, 1, Deadline: 1.5));
        station.Arrive(new Job(3, 0.2, 1, 1));

        var d = AdvanceAll(station).ToDictionary(x => x.Id);

        Assert.True(d[1].Dropped);
        Assert.Equal(2.0, d[1].End, 12);
        Assert.True(d[2].Dropped);
        Assert.Equal(1.5, d[2].End, 12);
        Assert.False(d[3].Dropped);
        Assert.Equal(2.0, d[3].Start, 12);
        Assert.Equal(3.0, d[3].End, 12);
    }

    [Fact]
    public void Processor_sharing_job_past_its_deadline_leaves_and_the_others_speed_up()
    {
        // Rate 1 shared by A and B (2 units each) from 0: each at 0.5. A's deadline 1: A leaves at 1 with 1.5 left;
        // B, with 1.5 left, now runs alone at 1 and ends at 2.5.
        var station = new ProcessorSharingStation(1);
        station.Arrive(new Job(1, 0.0, 2, 1, Deadline: 1.0));
        station.Arrive(new Job(2, 0.0, 2, 1));

        var d = AdvanceAll(station).ToDictionary(x => x.Id);

        Assert.True(d[1].Dropped);
        Assert.Equal(1.0, d[1].End, 12);
        Assert.Equal(2.5, d[2].End, 12);
    }

    [Fact]
    public void Dedicated_job_that_would_end_past_its_deadline_leaves_at_it()
    {
        var station = new DedicatedStation(2.0);
        station.Arrive(new Job(1, 1.0, 4, 1, Deadline: 2.5));
        station.Arrive(new Job(2, 1.0, 2, 1, Deadline: 2.5));

        var d = AdvanceAll(station).ToDictionary(x => x.Id);

        Assert.True(d[1].Dropped);
        Assert.Equal(2.5, d[1].End, 12);
        Assert.False(d[2].Dropped);
        Assert.Equal(2.0, d[2].End, 12);
    }
}
