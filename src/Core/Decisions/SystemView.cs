using MecActors.Core.Emulation;
using MecActors.Core.Network;
using MecActors.Core.Queueing;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;

namespace MecActors.Core.Decisions;

/// <summary>
/// The static system a policy decides over, with the delay formulas of paper 000 (eqs. (1)-(3) and Sec. II-C) for
/// estimating a decision's outcome before it is emulated, following each resource's discipline and queue state
/// (<see cref="ServiceEstimates"/>; docs/architecture.md, Observations). All times are from the task's release.
/// </summary>
public sealed class SystemView
{
    public SystemView(ScenarioSpec scenario)
    {
        Scenario = scenario;
        Topology = new Topology(scenario.Topology, scenario.EdgeCount);
    }

    public ScenarioSpec Scenario { get; }

    /// <summary>Whether the run records every stage of every task (<c>--trace</c>): a property of the run, not of the system.</summary>
    public bool TracesTasks { get; init; }

    public Topology Topology { get; }

    public int Edges => Scenario.EdgeCount;

    private DisciplineSpec Disciplines => Scenario.Disciplines;

    /// <summary>
    /// When the task's input is at <paramref name="targetEdge"/>: the uplink, then the fiber hop by hop, each link by
    /// its discipline. Dedicated links give eq. (1) for the local edge and eq. (2) with h hops for a remote one.
    /// </summary>
    public double TransferSeconds(TaskRequest task, int targetEdge, ResourceQueues queues) =>
        TransferSeconds(task, targetEdge, queues, UplinkSeconds(task, queues));

    /// <summary>
    /// <see cref="TransferSeconds(TaskRequest, int, ResourceQueues)"/> from the end of the task's upload,
    /// <paramref name="uplinkSeconds"/> (<see cref="UplinkSeconds"/>): the same for every target, so a policy weighing
    /// every edge computes it once.
    /// </summary>
    public double TransferSeconds(TaskRequest task, int targetEdge, ResourceQueues queues, double uplinkSeconds)
    {
        var bits = task.InputBits;
        var at = uplinkSeconds;
        var hops = Topology.Hops(task.LocalEdge, targetEdge);
        if (Disciplines.Fiber == LinkDiscipline.Dedicated)
        {
            return at + (bits / Scenario.Network.FiberRateBps * hops);
        }

        var hop = bits / Scenario.Network.FiberRateBps;
        for (var from = task.LocalEdge; from != targetEdge;)
        {
            var to = Topology.NextHop(from, targetEdge);
            var queue = queues.Of(ResourceRef.Fiber(from, to));
            at = ServiceEstimates.LinkLeaves(Disciplines.Fiber, at, hop, queue.BacklogSeconds - task.ArrivalOffset, queue.Jobs);
            from = to;
        }

        return at;
    }

    /// <summary>
    /// The upload over the cell's radio: dedicated, at the device's own rate R_u (eq. (1)); fifo and shared, over the
    /// whole band B_n with the noise over it, after the backlog or sharing it with the uploads under way; through the
    /// device's transmitter, at R_u after the device's own backlog (under <c>allocated</c>, R_u is the rate of an equal
    /// share: the share a policy will set is its own to estimate).
    /// </summary>
    public double UplinkSeconds(TaskRequest task, ResourceQueues queues)
    {
        if (Disciplines.Wireless == LinkDiscipline.Dedicated)
        {
            return task.InputBits / task.UplinkRateBps;
        }

        if (Scenario.HasTransmitters)
        {
            var own = queues.Of(ResourceRef.Transmitter(task.Device));
            return ServiceEstimates.LinkLeaves(Disciplines.Wireless, 0.0, task.InputBits / task.UplinkRateBps, own.BacklogSeconds - task.ArrivalOffset, own.Jobs);
        }

        var band = Scenario.Edges[task.LocalEdge].BandwidthHz;
        var alone = task.InputBits / Radio.SpectralEfficiency(Scenario.Radio, task.ChannelGain, band) / band;
        var queue = queues.Of(ResourceRef.Wireless(task.LocalEdge));
        return ServiceEstimates.LinkLeaves(Disciplines.Wireless, 0.0, alone, queue.BacklogSeconds - task.ArrivalOffset, queue.Jobs);
    }

    /// <summary>Eq. (3): h_m / R_i2c, the download of a model the target does not cache, alone on its backhaul.</summary>
    public double DownloadSeconds(int model) => Scenario.Models[model].SizeBits / Scenario.Network.BackhaulRateBps;

    /// <summary>
    /// When a download requested at the slot's start reaches <paramref name="targetEdge"/> (from the slot's start): eq. (3)
    /// on a dedicated backhaul, after its backlog on a fifo one, sharing it with the transfers under way on a shared one.
    /// </summary>
    public double DownloadSeconds(int model, int targetEdge, ResourceQueues queues)
    {
        var alone = DownloadSeconds(model);
        if (Disciplines.Backhaul == LinkDiscipline.Dedicated)
        {
            return alone;
        }

        var queue = queues.Of(ResourceRef.Backhaul(targetEdge));
        return ServiceEstimates.LinkLeaves(Disciplines.Backhaul, 0.0, alone, queue.BacklogSeconds, queue.Jobs);
    }

    /// <summary>
    /// The delay a task would see at <paramref name="targetEdge"/> exiting after <paramref name="exit"/>, sharing the edge
    /// with <paramref name="tasksAtEdge"/> tasks in the slot (itself included) and the work queued there:
    /// <see cref="ReadySeconds"/> + <see cref="ComputeSeconds"/>.
    /// </summary>
    public double EstimateDelaySeconds(TaskRequest task, int targetEdge, int exit, bool cached, int tasksAtEdge, ResourceQueues queues) =>
        ReadySeconds(task, targetEdge, cached, queues) + ComputeSeconds(task.ModelId, exit, targetEdge, tasksAtEdge, queues);

    /// <summary>
    /// When the task could start computing at <paramref name="targetEdge"/>: its input there, and on a miss the model too
    /// (upload and download run in parallel, so the later of the two), and at a fifo processor a core free.
    /// </summary>
    public double ReadySeconds(TaskRequest task, int targetEdge, bool cached, ResourceQueues queues) =>
        ReadySeconds(task, targetEdge, cached, queues, UplinkSeconds(task, queues));

    /// <summary><see cref="ReadySeconds(TaskRequest, int, bool, ResourceQueues)"/> from the end of the task's upload, <paramref name="uplinkSeconds"/> (<see cref="UplinkSeconds"/>).</summary>
    public double ReadySeconds(TaskRequest task, int targetEdge, bool cached, ResourceQueues queues, double uplinkSeconds)
    {
        var transfer = TransferSeconds(task, targetEdge, queues, uplinkSeconds);
        if (!cached)
        {
            transfer = Math.Max(transfer, DownloadSeconds(task.ModelId, targetEdge, queues) - task.ArrivalOffset);
        }

        if (Disciplines.Edge != ComputeDiscipline.Fifo)
        {
            return transfer;
        }

        var backlog = queues.Of(ResourceRef.EdgeCompute(targetEdge)).BacklogSeconds;
        return ServiceEstimates.ComputeStarts(Disciplines.Edge, transfer, backlog - task.ArrivalOffset);
    }

    /// <summary>
    /// D_comp at <paramref name="targetEdge"/> by its discipline: c_u / f_n(t) with f_n(t) = f_n^max / (tasks at the edge in
    /// the slot) for the equal share of paper 000, Sec. II-C, and for an allocated edge at its default equal split; one
    /// core's f / k for fifo; f / max(n, k) for processor sharing. At the nominal capacity: the slot's available fraction
    /// is in the observation's <see cref="EdgeStatus.CapacityHz"/>.
    /// </summary>
    public double ComputeSeconds(int model, int exit, int targetEdge, int tasksAtEdge, ResourceQueues queues) =>
        Scenario.Models[model].CyclesTo(exit) / EdgeComputeRate(targetEdge, tasksAtEdge, queues);

    /// <summary>
    /// The rate (Hz) a task would compute at on <paramref name="targetEdge"/> by its discipline, with
    /// <paramref name="tasksAtEdge"/> as in <see cref="ComputeSeconds"/>: a model's cycles to an exit over it are the
    /// exit's D_comp, so a policy weighing every exit at one edge asks once.
    /// </summary>
    public double EdgeComputeRate(int targetEdge, int tasksAtEdge, ResourceQueues queues)
    {
        var edge = Scenario.Edges[targetEdge];
        var jobs = Disciplines.Edge == ComputeDiscipline.ProcessorSharing ? queues.Of(ResourceRef.EdgeCompute(targetEdge)).Jobs : 0;
        return ServiceEstimates.ComputeRate(Disciplines.Edge, edge.CapacityHz, edge.Cores, tasksAtEdge, jobs);
    }

    /// <summary>
    /// One core's capacity (Hz) of a node's processor: <paramref name="edge"/>'s, the devices' or the cloud's. A job
    /// alone on a fifo processor runs at it, so a measured time t on that node is t x CoreHz cycles (<see cref="Piece"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The scenario has no such processor.</exception>
    public double CoreHz(NodeKind node, int edge) => node switch
    {
        NodeKind.Edge => Scenario.Edges[edge].CapacityHz / Scenario.Edges[edge].Cores,
        NodeKind.Device => Scenario.DeviceCompute is { } device
            ? device.CapacityHz / device.Cores
            : throw new InvalidOperationException("the scenario's devices do not compute (devices.compute)"),
        _ => Scenario.Cloud is { } cloud ? cloud.CapacityHz / cloud.Cores : throw new InvalidOperationException("the scenario has no cloud"),
    };
}
