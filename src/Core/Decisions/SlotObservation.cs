using MecActors.Core.Emulation;
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

    /// <summary>The resources a fault has taken down at <see cref="Time"/> (a policy may route around them).</summary>
    public IReadOnlyList<ResourceRef> Down { get; init; } = [];

    /// <summary>The devices' and the cloud's available processor, the links to the cloud and the memory loads in the slot.</summary>
    public MonitoredConditions Monitored { get; init; } = MonitoredConditions.Nominal;
}

/// <summary>An edge at the start of a slot: capacity, storage, the models cached (Z(t)), and its compute backlog.</summary>
public sealed record EdgeStatus(int Edge, double CapacityHz, int Cores, double StorageBytes, double BacklogSeconds, IReadOnlyList<bool> Cached);

/// <summary>
/// Where a task runs and after which block it exits (1-based, at most |B_m|: constraint C2). Without a
/// <see cref="Split"/> or <see cref="Pieces"/> every block up to the exit runs at <paramref name="TargetEdge"/>
/// (paper 000). With a split, the blocks run segment by segment on the nodes it names, in order (the device,
/// <paramref name="TargetEdge"/>, or the cloud, reached through the task's own cell), possibly going back and forth;
/// the segments' blocks add up to the exit. With pieces the policy states the computation itself, piece by piece.
/// The allocations are optional and per slot (paper 004); unset, the scenario's defaults apply (see the properties).
/// </summary>
/// <remarks>
/// Everything beyond (edge, exit) sits in one shared, immutable <see cref="DecisionDetail"/>, so that a decision of
/// paper 000 stays two integers and a reference: a slot's decisions of thousands of tasks stay a small array.
/// </remarks>
public readonly record struct OffloadDecision(int TargetEdge, int Exit)
{
    private readonly DecisionDetail? _detail;

    public Segment[]? Split
    {
        get => _detail?.Split;
        init => _detail = (_detail ?? DecisionDetail.None) with { Split = value };
    }

    /// <summary>
    /// The computation, piece by piece, in place of the model's blocks: for models whose cost differs per node in a
    /// way cycles over capacity cannot say (per-layer latency regressions, per-server inference times), or whose
    /// layers form a tree rather than a chain. <see cref="Exit"/> still names the exit reached, for its accuracy.
    /// </summary>
    public Piece[]? Pieces
    {
        get => _detail?.Pieces;
        init => _detail = (_detail ?? DecisionDetail.None) with { Pieces = value };
    }

    /// <summary>
    /// Under the <c>allocated</c> radio: the task's device's share of its cell's band this slot, in (0, 1], the same for
    /// every task of the device; the shares of a cell add up to at most 1. Unset: what the set shares leave, split
    /// equally among the cell's other devices with tasks in the slot.
    /// </summary>
    public double? BandShare
    {
        get => _detail?.BandShare;
        init => _detail = (_detail ?? DecisionDetail.None) with { BandShare = value };
    }

    /// <summary>The frequency (Hz, per core) at which the device runs the task's blocks, up to its per-core capacity. Unset: the capacity.</summary>
    public double? DeviceHz
    {
        get => _detail?.DeviceHz;
        init => _detail = (_detail ?? DecisionDetail.None) with { DeviceHz = value };
    }

    /// <summary>
    /// Under the <c>allocated</c> edge discipline: the task's share of the edge's capacity, in (0, 1]; the shares at an
    /// edge in a slot add up to at most 1. Unset: what the set shares leave, split equally among the edge's other tasks.
    /// </summary>
    public double? EdgeShare
    {
        get => _detail?.EdgeShare;
        init => _detail = (_detail ?? DecisionDetail.None) with { EdgeShare = value };
    }

    /// <summary>
    /// Bits the device sends up to the cloud once the task's result is in (a report of its response and resources):
    /// they occupy the device's link and its edge's link to the cloud but are no part of the response. Unset: none.
    /// </summary>
    public double? ReportBits
    {
        get => _detail?.ReportBits;
        init => _detail = (_detail ?? DecisionDetail.None) with { ReportBits = value };
    }

    /// <summary>Decisions are equal by value, their segments, pieces and allocations included.</summary>
    public readonly bool Equals(OffloadDecision other) =>
        TargetEdge == other.TargetEdge && Exit == other.Exit
        && BandShare == other.BandShare && DeviceHz == other.DeviceHz && EdgeShare == other.EdgeShare && ReportBits == other.ReportBits
        && SameItems(Split, other.Split) && SameItems(Pieces, other.Pieces);

    /// <summary>Whether the decision runs blocks at <see cref="TargetEdge"/>.</summary>
    public readonly bool ComputesAtEdge
    {
        get
        {
            if (Pieces is { } pieces)
            {
                foreach (var piece in pieces)
                {
                    if (piece.Node == NodeKind.Edge)
                    {
                        return true;
                    }
                }

                return false;
            }

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

    public override readonly int GetHashCode() => HashCode.Combine(TargetEdge, Exit, Split?.Length ?? -1, Pieces?.Length ?? -1);

    private static bool SameItems<T>(T[]? a, T[]? b)
        where T : IEquatable<T> =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

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

/// <summary>
/// A part of a task's computation: <paramref name="Cycles"/> of <paramref name="Node"/>'s processor (at its per-core
/// capacity; a time t there is t x <see cref="SystemView.CoreHz"/> cycles), whose output of
/// <paramref name="OutputBits"/> moves on to the next piece's node, or back to the device after the last piece.
/// </summary>
public readonly record struct Piece(NodeKind Node, double Cycles, double OutputBits);

/// <summary>What a decision states beyond (edge, exit); one immutable instance is shared by the copies of a decision.</summary>
public sealed record DecisionDetail(
    Segment[]? Split = null, Piece[]? Pieces = null, double? BandShare = null, double? DeviceHz = null, double? EdgeShare = null, double? ReportBits = null)
{
    public static DecisionDetail None { get; } = new();
}
