using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;

namespace MecActors.Core.Decisions;

/// <summary>
/// The static system a policy decides over, with the delay formulas of paper 000 (eqs. (1)-(3) and
/// Sec. II-C) for estimating a decision's outcome before it is emulated.
/// </summary>
public sealed class SystemView
{
    public SystemView(ScenarioSpec scenario)
    {
        Scenario = scenario;
        Topology = new Topology(scenario.Topology, scenario.EdgeCount);
    }

    public ScenarioSpec Scenario { get; }

    public Topology Topology { get; }

    public int Edges => Scenario.EdgeCount;

    /// <summary>Uplink plus fiber: eq. (1) for the local edge, eq. (2) with h hops for a remote one.</summary>
    public double TransferSeconds(TaskRequest task, int targetEdge) =>
        task.InputBits / task.UplinkRateBps
        + task.InputBits / Scenario.Network.FiberRateBps * Topology.Hops(task.LocalEdge, targetEdge);

    /// <summary>Eq. (3): h_m / R_i2c, the download of a model the target does not cache.</summary>
    public double DownloadSeconds(int model) => Scenario.Models[model].SizeBits / Scenario.Network.BackhaulRateBps;

    /// <summary>
    /// The delay a task would see at <paramref name="targetEdge"/> exiting after <paramref name="exit"/>,
    /// sharing the edge with <paramref name="tasksAtEdge"/> tasks in the slot (itself included) and waiting
    /// <paramref name="backlogSeconds"/> for earlier work: <see cref="ReadySeconds"/> + <see cref="ComputeSeconds"/>.
    /// </summary>
    public double EstimateDelaySeconds(TaskRequest task, int targetEdge, int exit, bool cached, int tasksAtEdge, double backlogSeconds) =>
        ReadySeconds(task, targetEdge, cached, backlogSeconds) + ComputeSeconds(task.ModelId, exit, targetEdge, tasksAtEdge);

    /// <summary>
    /// When the task could start computing at <paramref name="targetEdge"/>: its input there, and on a miss the
    /// model too (upload and download run in parallel, so the later of the two), and the edge's backlog gone.
    /// </summary>
    public double ReadySeconds(TaskRequest task, int targetEdge, bool cached, double backlogSeconds)
    {
        var transfer = TransferSeconds(task, targetEdge);
        if (!cached)
        {
            transfer = Math.Max(transfer, DownloadSeconds(task.ModelId));
        }

        return Math.Max(transfer, backlogSeconds);
    }

    /// <summary>D_comp = c_u / f_n(t) with f_n(t) = f_n^max / (tasks at the edge in the slot): paper 000, Sec. II-C.</summary>
    public double ComputeSeconds(int model, int exit, int targetEdge, int tasksAtEdge)
    {
        var share = Scenario.Edges[targetEdge].CapacityHz / Math.Max(1, tasksAtEdge);
        return Scenario.Models[model].CyclesTo(exit) / share;
    }
}
