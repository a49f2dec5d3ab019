using MecActors.Core.Scenarios;

namespace MecActors.Core.Queueing;

/// <summary>
/// How long a job would take at a station of each discipline, estimated before it is offered from the station's queue
/// state (backlog and jobs, docs/architecture.md, Observations) and nothing else arriving: the same rules as the
/// stations, so an estimate is exact for a job that meets only the work already queued.
/// </summary>
public static class ServiceEstimates
{
    /// <summary>
    /// When a transfer reaching a link at <paramref name="arrival"/> leaves it, all times from the same origin:
    /// dedicated, after its own service (<paramref name="serviceAlone"/>, at its share of the rate); fifo, after the
    /// link is free (<paramref name="freeAt"/>, the backlog) and then its service at the full rate; shared, its service
    /// stretched by the transfers it shares the rate with (<paramref name="jobs"/> + itself).
    /// </summary>
    public static double LinkLeaves(LinkDiscipline discipline, double arrival, double serviceAlone, double freeAt, int jobs) => discipline switch
    {
        LinkDiscipline.Dedicated => arrival + serviceAlone,
        LinkDiscipline.Fifo or LinkDiscipline.DeviceFifo or LinkDiscipline.Allocated => Math.Max(arrival, freeAt) + serviceAlone,
        LinkDiscipline.Shared => arrival + (serviceAlone * (jobs + 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(discipline)),
    };

    /// <summary>When a job ready at <paramref name="ready"/> starts: at a fifo processor once a core is free (<paramref name="freeAt"/>), elsewhere at once.</summary>
    public static double ComputeStarts(ComputeDiscipline discipline, double ready, double freeAt) =>
        discipline == ComputeDiscipline.Fifo ? Math.Max(ready, freeAt) : ready;

    /// <summary>
    /// The rate (Hz) a job gets on a processor of <paramref name="capacityHz"/> over <paramref name="cores"/>: equal
    /// share per slot, f / K with K the slot's tasks there (<paramref name="slotTasks"/>, itself included; paper 000,
    /// Sec. II-C); fifo, one core's f / k; processor sharing, f / max(n, k) with n the jobs already there and the slot's
    /// tasks.
    /// </summary>
    public static double ComputeRate(ComputeDiscipline discipline, double capacityHz, int cores, int slotTasks, int jobs) => discipline switch
    {
        ComputeDiscipline.EqualSharePerSlot or ComputeDiscipline.Allocated => capacityHz / Math.Max(1, slotTasks),
        ComputeDiscipline.Fifo => capacityHz / cores,
        ComputeDiscipline.ProcessorSharing => capacityHz / Math.Max(jobs + Math.Max(1, slotTasks), cores),
        _ => throw new ArgumentOutOfRangeException(nameof(discipline)),
    };
}
