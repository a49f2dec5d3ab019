using MecActors.Core.Decisions;
using MecActors.Core.Workload;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// The routes of paper 003's framework (Fig. 4) as pieces: the request carries the input from the device through the
/// edge to the orchestrator in the cloud, which decides (a piece of the cloud's processor when its time is charged) and
/// sends the decision to the node that computes (the device, the edge) or computes itself; the result returns to the
/// device. The compute piece is the variant's multiply-accumulates at the node's per-core rate, Int8 variants faster on
/// the device, so a node's time is exact whatever its cycle count says of other nodes. When updates are charged, the
/// device then sends its update up to the cloud (step 5), after its response.
/// </summary>
public static class OrchestrationRoutes
{
    public static OffloadDecision Decide(SystemView system, OrchestrationSettings settings, TaskRequest task, OrchestrationAction action, StepTiming timing)
    {
        var cloudHz = system.CoreHz(NodeKind.Cloud, task.LocalEdge);
        var decide = timing.DecisionSeconds * cloudHz;
        var compute = timing.ComputeSeconds(action.Node, action.Variant) * system.CoreHz(action.Node, task.LocalEdge);
        var result = system.Scenario.Models[task.ModelId].ResultBits;
        Piece[] pieces = action.Node switch
        {
            NodeKind.Device => [new Piece(NodeKind.Cloud, decide, settings.DecisionBits), new Piece(NodeKind.Device, compute, 0.0)],
            NodeKind.Edge => [new Piece(NodeKind.Cloud, decide, settings.DecisionBits), new Piece(NodeKind.Edge, compute, result)],
            _ => [new Piece(NodeKind.Cloud, decide, 0.0), new Piece(NodeKind.Cloud, compute, result)],
        };
        return new OffloadDecision(task.LocalEdge, action.Variant.Exit) { Pieces = pieces, ReportBits = settings.ChargeUpdate ? settings.UpdateBits : null };
    }
}
