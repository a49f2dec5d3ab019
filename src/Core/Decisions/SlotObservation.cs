using MecActors.Core.Workload;

namespace MecActors.Core.Decisions;

/// <summary>
/// What the coordinator knows when it decides slot t: the tasks reported by devices (ordered by device),
/// and each edge's state. Together with <see cref="SystemView"/> this is S(t) of paper 000, Sec. III-B.
/// </summary>
public sealed record SlotObservation(
    int Slot,
    double Time,
    IReadOnlyList<TaskRequest> Tasks,
    IReadOnlyList<EdgeStatus> Edges,
    SystemView System);

/// <summary>An edge at the start of a slot: capacity, storage, the models cached (Z(t)), and its compute backlog.</summary>
public sealed record EdgeStatus(int Edge, double CapacityHz, int Cores, double StorageBytes, double BacklogSeconds, IReadOnlyList<bool> Cached);

/// <summary>Where a task runs and after which block it exits (1-based, at most |B_m|: constraint C2).</summary>
public readonly record struct OffloadDecision(int TargetEdge, int Exit);
