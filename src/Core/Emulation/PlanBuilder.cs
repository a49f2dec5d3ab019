using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>
/// Turns a policy's decision for a task into a route of stages. The conditions, when given, set what varies: each
/// compute stage's cycles (fluctuation) and an edge's available capacity in the task's slot; the decision's
/// allocations set the task's share of the band or of the edge and its frequency on the device.
/// </summary>
public static class PlanBuilder
{
    public static TaskPlan Build(SystemView system, TaskRequest task, OffloadDecision decision, EdgeStatus target, ResourceConditions? conditions = null)
    {
        var scenario = system.Scenario;
        var model = scenario.Models[task.ModelId];
        if (decision.TargetEdge < 0 || decision.TargetEdge >= scenario.EdgeCount)
        {
            throw new InvalidOperationException($"task {task.TaskId}: decision names edge {decision.TargetEdge}, outside 0..{scenario.EdgeCount - 1}");
        }

        if (decision.Exit < 1 || decision.Exit > model.ExitCount)
        {
            throw new InvalidOperationException($"task {task.TaskId}: exit {decision.Exit} violates C2 (model {model.Name} has {model.ExitCount} exits)");
        }

        CheckAllocations(system, task, decision);
        if (decision.Pieces is { } pieces)
        {
            return BuildPieces(system, task, decision, pieces, target, conditions);
        }

        if (decision.Split is { } split)
        {
            return BuildSplit(system, task, decision, split, target, conditions);
        }

        var cached = target.Cached[task.ModelId];
        var accuracy = model.AccuracyAt(decision.Exit);
        if (!cached && model.SizeBits > target.StorageBytes * 8.0)
        {
            return new TaskPlan(task, decision.TargetEdge, decision.Exit, accuracy, false, [], DropReasons.ModelExceedsStorage);
        }

        // The one route shape of paper 000, built at its exact size: thousands of tasks a slot take this path.
        var route = new Stage[(cached ? 2 : 3) + system.Topology.Hops(task.LocalEdge, decision.TargetEdge)];
        var i = 0;
        if (!cached)
        {
            route[i++] = new Stage(StageKind.Fetch, ResourceRef.Backhaul(decision.TargetEdge), model.SizeBits, 1.0, task.ModelId);
        }

        route[i++] = Upload(system, task, decision, task.InputBits);
        for (var at = task.LocalEdge; at != decision.TargetEdge;)
        {
            var next = system.Topology.NextHop(at, decision.TargetEdge);
            route[i++] = new Stage(StageKind.Transfer, ResourceRef.Fiber(at, next), task.InputBits);
            at = next;
        }

        route[i] = Compute(system, task, decision, conditions, NodeKind.Edge, model.CyclesTo(decision.Exit), i, !cached);
        return new TaskPlan(task, decision.TargetEdge, decision.Exit, accuracy, cached, route, null);
    }

    /// <summary>
    /// A DNN split by blocks over the device, the target edge and the cloud: before each segment the data moves to
    /// its node (the input first, then the output of the last block run), after the last one the result returns to
    /// the device. A move of zero bits is free and has no stage. An edge that does not cache the model fetches it,
    /// in parallel, joined before its first compute; the device holds its own models, the cloud every model.
    /// </summary>
    private static TaskPlan BuildSplit(
        SystemView system, TaskRequest task, OffloadDecision decision, Segment[] split, EdgeStatus target, ResourceConditions? conditions)
    {
        var scenario = system.Scenario;
        var model = scenario.Models[task.ModelId];
        var blocks = 0;
        var usesEdge = false;
        foreach (var segment in split)
        {
            if (segment.Blocks < 1)
            {
                throw new InvalidOperationException($"task {task.TaskId}: a segment on the {segment.Node} runs {segment.Blocks} blocks");
            }

            CheckNode(scenario, task, segment.Node);
            usesEdge |= segment.Node == NodeKind.Edge;
            blocks += segment.Blocks;
        }

        if (blocks != decision.Exit)
        {
            throw new InvalidOperationException($"task {task.TaskId}: the segments run {blocks} blocks, but the exit is after block {decision.Exit}");
        }

        var fetch = usesEdge && !target.Cached[task.ModelId];
        var accuracy = model.AccuracyAt(decision.Exit);
        if (fetch && model.SizeBits > target.StorageBytes * 8.0)
        {
            return new TaskPlan(task, decision.TargetEdge, decision.Exit, accuracy, false, [], DropReasons.ModelExceedsStorage);
        }

        var route = new List<Stage>(2 * split.Length + 4);
        if (fetch)
        {
            route.Add(new Stage(StageKind.Fetch, ResourceRef.Backhaul(decision.TargetEdge), model.SizeBits, 1.0, task.ModelId));
        }

        var at = NodeKind.Device;
        var bits = task.InputBits;
        var first = 1;
        var joined = !fetch;
        foreach (var segment in split)
        {
            Move(system, route, task, decision, conditions, at, segment.Node, bits);
            var joins = !joined && segment.Node == NodeKind.Edge;
            joined |= joins;
            var last = first + segment.Blocks - 1;
            route.Add(Compute(system, task, decision, conditions, segment.Node, model.CyclesBetween(first, last), route.Count, joins));
            at = segment.Node;
            bits = model.Blocks[last - 1].OutputBits;
            first = last + 1;
        }

        Move(system, route, task, decision, conditions, at, NodeKind.Device, model.ResultBits);
        var responds = AppendReport(system, route, task, decision, conditions);
        return new TaskPlan(task, decision.TargetEdge, decision.Exit, accuracy, !fetch, route.ToArray(), null) { ResponseStages = responds };
    }

    /// <summary>
    /// A computation the policy states piece by piece: the input moves to the first piece's node, each piece's output
    /// to the next one's, the last one's back to the device as the result. The edge fetches an uncached model as for
    /// a split; a piece of zero cycles is free and has no stage.
    /// </summary>
    private static TaskPlan BuildPieces(
        SystemView system, TaskRequest task, OffloadDecision decision, Piece[] pieces, EdgeStatus target, ResourceConditions? conditions)
    {
        var scenario = system.Scenario;
        var model = scenario.Models[task.ModelId];
        if (pieces.Length == 0)
        {
            throw new InvalidOperationException($"task {task.TaskId}: the decision has no pieces");
        }

        var usesEdge = false;
        foreach (var piece in pieces)
        {
            CheckNode(scenario, task, piece.Node);
            if (!(piece.Cycles >= 0 && double.IsFinite(piece.Cycles)) || !(piece.OutputBits >= 0 && double.IsFinite(piece.OutputBits)))
            {
                throw new InvalidOperationException($"task {task.TaskId}: a piece on the {piece.Node} has {piece.Cycles} cycles and {piece.OutputBits} output bits; both must be finite and >= 0");
            }

            usesEdge |= piece.Node == NodeKind.Edge;
        }

        var fetch = usesEdge && !target.Cached[task.ModelId];
        var accuracy = model.AccuracyAt(decision.Exit);
        if (fetch && model.SizeBits > target.StorageBytes * 8.0)
        {
            return new TaskPlan(task, decision.TargetEdge, decision.Exit, accuracy, false, [], DropReasons.ModelExceedsStorage);
        }

        var route = new List<Stage>(2 * pieces.Length + 4);
        if (fetch)
        {
            route.Add(new Stage(StageKind.Fetch, ResourceRef.Backhaul(decision.TargetEdge), model.SizeBits, 1.0, task.ModelId));
        }

        var at = NodeKind.Device;
        var bits = task.InputBits;
        var joined = !fetch;
        foreach (var piece in pieces)
        {
            Move(system, route, task, decision, conditions, at, piece.Node, bits);
            at = piece.Node;
            bits = piece.OutputBits;
            var joins = !joined && piece.Node == NodeKind.Edge;
            if (piece.Cycles > 0 || joins)
            {
                joined |= joins;
                route.Add(Compute(system, task, decision, conditions, piece.Node, piece.Cycles, route.Count, joins));
            }
        }

        Move(system, route, task, decision, conditions, at, NodeKind.Device, bits);
        var responds = AppendReport(system, route, task, decision, conditions);
        return new TaskPlan(task, decision.TargetEdge, decision.Exit, accuracy, !fetch, route.ToArray(), null) { ResponseStages = responds };
    }

    /// <summary>
    /// Appends a decision's report (<see cref="OffloadDecision.ReportBits"/>), which goes up from the device to the cloud
    /// after the result; returns the stages of the response before it, or null when there is none.
    /// </summary>
    private static int? AppendReport(SystemView system, List<Stage> route, TaskRequest task, OffloadDecision decision, ResourceConditions? conditions)
    {
        if (decision.ReportBits is not { } bits || bits <= 0)
        {
            return null;
        }

        var responds = route.Count;
        Move(system, route, task, decision, conditions, NodeKind.Device, NodeKind.Cloud, bits);
        return responds;
    }

    private static void CheckNode(ScenarioSpec scenario, TaskRequest task, NodeKind node)
    {
        if (node == NodeKind.Device && scenario.DeviceCompute is null)
        {
            throw new InvalidOperationException($"task {task.TaskId}: the decision runs blocks on the device, but the scenario's devices do not compute (devices.compute)");
        }

        if (node == NodeKind.Cloud && scenario.Cloud is null)
        {
            throw new InvalidOperationException($"task {task.TaskId}: the decision runs blocks in the cloud, but the scenario has no cloud");
        }
    }

    /// <summary>
    /// The spectral efficiency of an upload, with the noise over the band it occupies: the device's share B_n / U_n
    /// when the radio is dedicated (the task reports that one), the whole band B_n when transfers take it in turn
    /// (fifo) or share it in time (shared).
    /// </summary>
    public static double UplinkEfficiency(SystemView system, TaskRequest task)
    {
        var scenario = system.Scenario;
        return scenario.Disciplines.Wireless == Scenarios.LinkDiscipline.Dedicated
            ? task.SpectralEfficiency
            : Network.Radio.SpectralEfficiency(scenario.Radio, task.ChannelGain, scenario.Edges[task.LocalEdge].BandwidthHz);
    }

    /// <summary>
    /// A compute stage of <paramref name="cycles"/> nominal cycles (times the task's fluctuation at this stage) on a
    /// node's processor, at the node's available fraction of capacity in the task's slot: at the edge times the task's
    /// share under the allocated discipline; on the device at the task's frequency, costing kappa f^2 per cycle (the
    /// energy of the cycles, whatever a background load leaves of the processor).
    /// </summary>
    private static Stage Compute(
        SystemView system, TaskRequest task, OffloadDecision decision, ResourceConditions? conditions, NodeKind node, double cycles, int index, bool joinsFetch)
    {
        var work = conditions is null ? cycles : cycles * conditions.ComputeFactor(task.TaskId, index);
        switch (node)
        {
            case NodeKind.Edge:
                var edge = decision.TargetEdge;
                var efficiency = conditions is null ? 1.0 : conditions.Availability(edge, task.Slot);
                if (system.Scenario.Disciplines.Edge == Scenarios.ComputeDiscipline.Allocated)
                {
                    efficiency *= decision.EdgeShare ?? 1.0;
                }

                return new Stage(StageKind.Compute, ResourceRef.EdgeCompute(edge), work, efficiency, task.ModelId, joinsFetch);
            case NodeKind.Device:
                var device = system.Scenario.DeviceCompute!;
                var coreHz = device.CapacityHz / device.Cores;
                var hz = decision.DeviceHz ?? coreHz;
                var available = conditions is null ? 1.0 : conditions.DeviceAvailability(task.Device, task.Slot);
                return new Stage(StageKind.Compute, ResourceRef.DeviceCompute(task.Device), work, available * hz / coreHz, task.ModelId, joinsFetch, device.Kappa * (hz * hz) * work);
            default:
                return new Stage(StageKind.Compute, ResourceRef.CloudCompute(), work, conditions?.CloudAvailability(task.Slot) ?? 1.0, task.ModelId, joinsFetch);
        }
    }

    /// <summary>
    /// The upload of <paramref name="bits"/> from the device: over the cell's radio, or through the device's
    /// transmitter at its share of the band (B_n / U_n, or the share allocated to it this slot, with the noise over that share).
    /// </summary>
    private static Stage Upload(SystemView system, TaskRequest task, OffloadDecision decision, double bits)
    {
        var scenario = system.Scenario;
        switch (scenario.Disciplines.Wireless)
        {
            case Scenarios.LinkDiscipline.DeviceFifo:
                return new Stage(StageKind.Transfer, ResourceRef.Transmitter(task.Device), bits, task.UplinkRateBps / scenario.Edges[task.LocalEdge].BandwidthHz);
            case Scenarios.LinkDiscipline.Allocated:
                var band = scenario.Edges[task.LocalEdge].BandwidthHz;
                var share = decision.BandShare ?? 1.0 / scenario.DevicesInCell(task.LocalEdge);
                var efficiency = share * Network.Radio.SpectralEfficiency(scenario.Radio, task.ChannelGain, share * band);
                return new Stage(StageKind.Transfer, ResourceRef.Transmitter(task.Device), bits, efficiency);
            default:
                return new Stage(StageKind.Transfer, ResourceRef.Wireless(task.LocalEdge), bits, UplinkEfficiency(system, task));
        }
    }

    /// <summary>Allocations within their bounds; how shares add up over a slot is the decider's to check.</summary>
    private static void CheckAllocations(SystemView system, TaskRequest task, OffloadDecision decision)
    {
        if (decision.BandShare is { } band && !(band > 0 && band <= 1))
        {
            throw new InvalidOperationException($"task {task.TaskId}: band share {band} is outside (0, 1]");
        }

        if (decision.EdgeShare is { } edge && !(edge > 0 && edge <= 1))
        {
            throw new InvalidOperationException($"task {task.TaskId}: edge share {edge} is outside (0, 1]");
        }

        if (decision.ReportBits is { } report && (!(report >= 0 && double.IsFinite(report)) || system.Scenario.Cloud is null || (decision.Split is null && decision.Pieces is null)))
        {
            throw new InvalidOperationException($"task {task.TaskId}: a report of {report} bits needs a finite size >= 0, a cloud, and a route by split or pieces");
        }

        if (decision.DeviceHz is { } hz)
        {
            var coreHz = system.Scenario.DeviceCompute is { } device ? device.CapacityHz / device.Cores : 0.0;
            if (!(hz > 0 && hz <= coreHz * (1 + 1e-12)))
            {
                throw new InvalidOperationException($"task {task.TaskId}: device frequency {hz} Hz is outside (0, {coreHz}] (the device's per-core capacity)");
            }
        }
    }

    /// <summary>The transfers that carry <paramref name="bits"/> from one node to another; the cloud is reached through the task's own cell.</summary>
    private static void Move(
        SystemView system, List<Stage> route, TaskRequest task, OffloadDecision decision, ResourceConditions? conditions, NodeKind from, NodeKind to, double bits)
    {
        if (from == to || bits <= 0)
        {
            return;
        }

        var cell = task.LocalEdge;
        var edge = decision.TargetEdge;
        switch (from, to)
        {
            case (NodeKind.Device, NodeKind.Edge):
                route.Add(Upload(system, task, decision, bits));
                AddFiberHops(system, route, cell, edge, bits);
                break;
            case (NodeKind.Device, NodeKind.Cloud):
                route.Add(Upload(system, task, decision, bits));
                route.Add(new Stage(StageKind.Transfer, ResourceRef.CloudUplink(cell), bits, conditions?.UplinkFactor(cell, task.Slot) ?? 1.0));
                break;
            case (NodeKind.Edge, NodeKind.Cloud):
                route.Add(new Stage(StageKind.Transfer, ResourceRef.CloudUplink(edge), bits, conditions?.UplinkFactor(edge, task.Slot) ?? 1.0));
                break;
            case (NodeKind.Cloud, NodeKind.Edge):
                route.Add(new Stage(StageKind.Transfer, ResourceRef.Backhaul(edge), bits));
                break;
            case (NodeKind.Edge, NodeKind.Device):
                AddFiberHops(system, route, edge, cell, bits);
                route.Add(new Stage(StageKind.Transfer, ResourceRef.Downlink(cell), bits, task.SpectralEfficiency));
                break;
            case (NodeKind.Cloud, NodeKind.Device):
                route.Add(new Stage(StageKind.Transfer, ResourceRef.Backhaul(cell), bits));
                route.Add(new Stage(StageKind.Transfer, ResourceRef.Downlink(cell), bits, task.SpectralEfficiency));
                break;
        }
    }

    /// <summary>Store-and-forward over each physical link of the path from <paramref name="from"/> to <paramref name="to"/> (eq. (2), paper 000, hop by hop).</summary>
    public static void AddFiberHops(SystemView system, List<Stage> route, int from, int to, double bits)
    {
        var at = from;
        while (at != to)
        {
            var next = system.Topology.NextHop(at, to);
            route.Add(new Stage(StageKind.Transfer, ResourceRef.Fiber(at, next), bits));
            at = next;
        }
    }
}
