namespace MecActors.Core.Emulation;

public enum TaskOutcome : byte
{
    Completed,
    MissedDeadline,
    Dropped,
}

/// <summary>
/// How one task ended, with its delay split into transmission (time on links), queueing (waiting for a link
/// or processor), download (waiting for the model after the input arrived) and compute, and the device energy it
/// cost (joules; 0 unless the scenario models energy). Times in seconds.
/// </summary>
public sealed record TaskRecord(
    long TaskId,
    int Slot,
    int Device,
    int LocalEdge,
    int TargetEdge,
    int ModelId,
    int Exit,
    double Accuracy,
    bool CacheHit,
    double Release,
    double End,
    double TransmissionS,
    double QueueingS,
    double DownloadS,
    double ComputeS,
    TaskOutcome Outcome,
    string DropReason,
    double EnergyJ = 0.0)
{
    /// <summary>Each stage the task ran, in order, when the run traces tasks (<c>--trace</c>); null otherwise.</summary>
    public StageSpan[]? Stages { get; init; }

    public double DelayS => End - Release;

    public bool Ran => Outcome != TaskOutcome.Dropped;
}

/// <summary>Why a task was dropped.</summary>
public static class DropReasons
{
    public const string ModelExceedsStorage = "model-exceeds-storage";

    /// <summary>The task was in flight in a part of the system that was lost (a node that crashed or was killed).</summary>
    public const string NodeLost = "node-lost";

    /// <summary>The task was still under way at its deadline and left (on-deadline = drop).</summary>
    public const string Deadline = "deadline";
}
