using MecActors.Core.Emulation;

namespace MecActors.Core.Metrics;

/// <summary>Every task of one policy's run, ordered by task id.</summary>
public sealed record PolicyRun(string Name, int Slots, IReadOnlyList<TaskRecord> Records)
{
    /// <summary>The messages of the run's horizon waves, when the driver counts them; null when it does not.</summary>
    public WaveTraffic? Waves { get; init; }

    /// <summary>On a cluster, each time the run's learning coordinator was lost and the next took the run over; null when it never was.</summary>
    public IReadOnlyList<LearnerHandOver>? HandOvers { get; init; }
}

/// <summary>
/// The messages of a run's horizon waves: one OpenWave to every resource taking part, per pass one batch on every
/// active link and one HorizonReached from every resource, and for cyclic waves a NextPass to every resource for each
/// pass after the first and a CommitWave to every resource.
/// </summary>
public sealed record WaveTraffic(long OpenWaves, long Batches, long Horizons, long NextPasses, long Commits);
