using MecActors.Core.Queueing;
using Xunit;

namespace MecActors.Core.Tests.Queueing;

/// <summary>A cyclic wave restarts every pass from a copy of each station: a copy must go on exactly as the original, and apart from it.</summary>
public sealed class StationCloneTests
{
    public static IEnumerable<object[]> Stations() =>
    [
        [new DedicatedStation(2.0)],
        [new FifoStation(2.0)],
        [new FifoStation(3.0, 3)],
        [new ProcessorSharingStation(2.0)],
        [new ProcessorSharingStation(4.0, 2)],
        [new EqualSharePerSlotStation(2.0)],
    ];

    [Theory]
    [MemberData(nameof(Stations))]
    public void A_copy_continues_like_the_original_and_apart_from_it(IStation station)
    {
        station.ExpectBatch(1, 3);
        station.Arrive(new Job(1, 0.0, 1.0, 1));
        station.Arrive(new Job(2, 0.1, 2.0, 1));
        station.Advance(0.5, new List<Departure>());

        var copy = station.Clone();
        copy.Arrive(new Job(9, 0.6, 5.0, 1));
        station.Arrive(new Job(3, 0.6, 0.5, 1));
        var original = Drain(station);
        var fresh = station.Clone();

        // The job offered to the copy never reached the original, and the copy still holds what the original held.
        Assert.DoesNotContain(original, d => d.Id == 9);
        var copied = Drain(copy);
        Assert.Contains(copied, d => d.Id == 9);
        Assert.DoesNotContain(copied, d => d.Id == 3);
        Assert.Equal(
            original.Where(d => d.Id != 3 && d.End <= 0.6).Select(d => (d.Id, d.End)),
            copied.Where(d => d.Id != 9 && d.End <= 0.6).Select(d => (d.Id, d.End)));
        Assert.Empty(Drain(fresh));
    }

    private static List<Departure> Drain(IStation station)
    {
        var output = new List<Departure>();
        station.Advance(double.PositiveInfinity, output);
        return output;
    }
}
