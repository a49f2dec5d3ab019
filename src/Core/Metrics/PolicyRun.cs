using MecActors.Core.Emulation;

namespace MecActors.Core.Metrics;

/// <summary>Every task of one policy's run, ordered by task id.</summary>
public sealed record PolicyRun(string Name, int Slots, IReadOnlyList<TaskRecord> Records)
{
    /// <summary>
    /// The fiber paths that took part in the run's horizon waves, summed over the waves, when the driver lets idle
    /// paths sit a wave out; null when every path takes part in every wave.
    /// </summary>
    public long? FiberPathWaves { get; init; }
}
