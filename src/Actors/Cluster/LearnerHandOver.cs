namespace MecActors.Actors.Cluster;

/// <summary>
/// A run's learning coordinator was lost with its node and the next singleton took the run over: slots 1 to
/// <paramref name="LostAfterSlot"/> had closed and were replayed; <paramref name="HandOverTime"/> is the wall time from
/// the last slot the lost coordinator closed to the new one accepting the run, on <paramref name="NewNode"/>.
/// </summary>
public sealed record LearnerHandOver(int LostAfterSlot, TimeSpan HandOverTime, string NewNode);
