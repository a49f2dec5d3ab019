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
/// The allocations are optional and per slot (paper 004); unset, the scenario's defaults apply (see the properties).
/// </summary>
public readonly record struct OffloadDecision(int TargetEdge, int Exit)
{
    public Segment[]? Split { get; init; }

    /// <summary>
    /// Under the <c>allocated</c> radio: the task's device's share of its cell's band this slot, in (0, 1], the same for
    /// every task of the device; the shares of a cell add up to at most 1. Unset: what the set shares leave, split
    /// equally among the cell's other devices with tasks in the slot.
    /// </summary>
    public double? BandShare { get; init; }

    /// <summary>The frequency (Hz, per core) at which the device runs the task's blocks, up to its per-core capacity. Unset: the capacity.</summary>
    public double? DeviceHz { get; init; }

    /// <summary>
    /// Under the <c>allocated</c> edge discipline: the task's share of the edge's capacity, in (0, 1]; the shares at an
    /// edge in a slot add up to at most 1. Unset: what the set shares leave, split equally among the edge's other tasks.
    /// </summary>
    public double? EdgeShare { get; init; }

    /// <summary>Decisions are equal by value, their segments and allocations included.</summary>
    public readonly bool Equals(OffloadDecision other) =>
        TargetEdge == other.TargetEdge && Exit == other.Exit
        && BandShare == other.BandShare && DeviceHz == other.DeviceHz && EdgeShare == other.EdgeShare
        && (Split is null ? other.Split is null : other.Split is not null && Split.AsSpan().SequenceEqual(other.Split));

    /// <summary>Whether the decision runs blocks at <see cref="TargetEdge"/>.</summary>
    public readonly bool ComputesAtEdge
    {
        get
        {
            if (Split is null)
            {
                return true;
            }

            foreach (var segment in Split)
            {
                if (segment.Node == NodeKind.Edge)
                {
                    return true;
                }
            }

            return false;
        }
    }

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
