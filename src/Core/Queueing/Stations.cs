using MecActors.Core.Scenarios;

namespace MecActors.Core.Queueing;

public static class Stations
{
    /// <summary>A link of the given capacity; under <see cref="LinkDiscipline.Dedicated"/> each transfer gets capacity x dedicatedShare.</summary>
    public static IStation ForLink(LinkDiscipline discipline, double capacity, double dedicatedShare = 1.0) => discipline switch
    {
        LinkDiscipline.Dedicated => new DedicatedStation(capacity, dedicatedShare),
        LinkDiscipline.Fifo => new FifoStation(capacity),
        LinkDiscipline.Shared => new ProcessorSharingStation(capacity),

        // A device's transmitter: its own transfers in turn; the stage's efficiency carries the device's share.
        LinkDiscipline.DeviceFifo or LinkDiscipline.Allocated => new FifoStation(capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(discipline)),
    };

    public static IStation ForCompute(ComputeDiscipline discipline, double capacityHz, int cores) => discipline switch
    {
        ComputeDiscipline.EqualSharePerSlot => new EqualSharePerSlotStation(capacityHz),
        ComputeDiscipline.Fifo => new FifoStation(capacityHz, cores),
        ComputeDiscipline.ProcessorSharing => new ProcessorSharingStation(capacityHz, cores),

        // Every task at once; the stage's efficiency carries the task's allocated share.
        ComputeDiscipline.Allocated => new DedicatedStation(capacityHz),
        _ => throw new ArgumentOutOfRangeException(nameof(discipline)),
    };
}
