using MecActors.Core.Workload;

namespace MecActors.Core.Decisions;

/// <summary>
/// What the coordinator knows when it decides slot t: the tasks reported by devices (ordered by device),
/// each edge's state, and every resource's queue. Together with <see cref="SystemView"/> this is S(t) of paper 000,
/// Sec. III-B, with the queues of every resource added (docs/architecture.md, Observations).
/// </summary>
public sealed record SlotObservation(
    int Slot,
    double Time,
    IReadOnlyList<TaskRequest> Tasks,
    IReadOnlyList<EdgeStatus> Edges,
    SystemView System)
{
    /// <summary>Every resource's backlog and jobs at <see cref="Time"/>.</summary>
    public ResourceQueues Queues { get; init; } = ResourceQueues.None;
}

/// <summary>An edge at the start of a slot: capacity, storage, the models cached (Z(t)), and its compute backlog.</summary>
public sealed record EdgeStatus(int Edge, double CapacityHz, int Cores, double StorageBytes, double BacklogSeconds, IReadOnlyList<bool> Cached);

/// <summary>
/// Where a task runs and after which block it exits (1-based, at most |B_m|: constraint C2). Without a
/// <see cref="Split"/> every block up to the exit runs at <paramref name="TargetEdge"/> (paper 000). With one, the
/// blocks run segment by segment on the nodes it names, in order (the device, <paramref name="TargetEdge"/>, or the
/// cloud, reached through the task's own cell), possibly going back and forth; the segments' blocks add up to the exit.
/// </summary>
public readonly record struct OffloadDecision(int TargetEdge, int Exit)
{
    public Segment[]? Split { get; init; }

    /// <summary>Decisions are equal by value, their segments included.</summary>
    public readonly bool Equals(OffloadDecision other) =>
        TargetEdge == other.TargetEdge && Exit == other.Exit
        && (Split is null ? other.Split is null : other.Split is not null && Split.AsSpan().SequenceEqual(other.Split));

    public override readonly int GetHashCode() => HashCode.Combine(TargetEdge, Exit, Split?.Length ?? -1);

    /// <summary>Every block up to <paramref name="exit"/> on one node.</summary>
    public static OffloadDecision On(NodeKind node, int edge, int exit) => new(edge, exit) { Split = [new Segment(node, exit)] };
}

/// <summary>Where a part of a DNN can run.</summary>
public enum NodeKind : byte
{
    Device,
    Edge,
    Cloud,
}

/// <summary><paramref name="Blocks"/> consecutive blocks run on <paramref name="Node"/>.</summary>
public readonly record struct Segment(NodeKind Node, int Blocks);
