using MecActors.Core.Decisions;

namespace MecActors.Policies.Offloading;

/// <summary>
/// Every task runs its whole model, to the last exit (the most accurate variant), on one kind of node: the device
/// itself, its local edge, or the cloud (reached through its cell). The baselines of papers 001 and 003.
/// </summary>
public sealed class FixedPlacement(NodeKind node) : IOffloadingPolicy
{
    public NodeKind Node { get; } = node;

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var models = observation.System.Scenario.Models;
        var decisions = new OffloadDecision[observation.Tasks.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            var task = observation.Tasks[i];
            decisions[i] = OffloadDecision.On(Node, task.LocalEdge, models[task.ModelId].ExitCount);
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
    }
}
