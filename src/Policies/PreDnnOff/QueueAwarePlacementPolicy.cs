using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Policies.PreDnnOff;

/// <summary>
/// The exact solver with the load in view: for each task, the placement that minimises the expected latency (4.9) when
/// every entry into a node waits that node's backlog (<see cref="EntryWaits"/>), solved exactly by
/// <see cref="ExactPlacement"/>. The backlogs are those observed at the slot's start (the task's device's processor,
/// its cell's radio, the edge, the cloud if any), plus the work this policy has already sent there in the slot, less the task's arrival
/// offset: tasks are taken in arrival order. The requirement stays unknown to the placement, as in Pre-DNNOff; the exit
/// follows the task's requirement. Waiting the whole backlog at every entry overstates the wait of later entries (the
/// backlog drains meanwhile), a bound chosen because it keeps the objective a sum over the tree's pairs.
/// </summary>
public sealed class QueueAwarePlacementPolicy(LayerLatencyModel model, int modelId) : IOffloadingPolicy
{
    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var tasks = observation.Tasks;
        var decisions = new OffloadDecision[tasks.Count];
        var order = Enumerable.Range(0, tasks.Count).OrderBy(i => tasks[i].ArrivalOffset).ThenBy(i => i).ToArray();
        var edgeAdded = new Dictionary<int, double>();
        var deviceAdded = new Dictionary<int, double>();
        var cloudAdded = 0.0;
        foreach (var i in order)
        {
            var task = tasks[i];
            var queues = observation.Queues;
            var edgeWork = edgeAdded.GetValueOrDefault(task.LocalEdge);
            var deviceWork = deviceAdded.GetValueOrDefault(task.Device);
            var waits = new EntryWaits(
                Math.Max(0.0, queues.Of(ResourceRef.DeviceCompute(task.Device)).BacklogSeconds + deviceWork - task.ArrivalOffset),
                Math.Max(0.0, queues.Of(ResourceRef.EdgeCompute(task.LocalEdge)).BacklogSeconds + edgeWork - task.ArrivalOffset),
                Math.Max(0.0, queues.Of(ResourceRef.Wireless(task.LocalEdge)).BacklogSeconds - task.ArrivalOffset),
                model.CloudTier is null ? 0.0 : Math.Max(0.0, queues.Of(ResourceRef.CloudCompute()).BacklogSeconds + cloudAdded - task.ArrivalOffset));
            var placement = ExactPlacement.Solve(model, waits).Placement;
            decisions[i] = LayerPlacementPolicy.DecisionFor(model, observation.System, task, modelId, placement);
            var exit = model.Exits.ExitFor(task.MinAccuracy);
            deviceAdded[task.Device] = deviceAdded.GetValueOrDefault(task.Device) + model.ParsingSeconds;
            foreach (var layer in model.Profile.PathTo(exit))
            {
                var work = model.ExecutionSeconds(layer, placement[layer]);
                switch (placement[layer])
                {
                    case LayerLatencyModel.Device:
                        deviceAdded[task.Device] = deviceAdded.GetValueOrDefault(task.Device) + work;
                        break;
                    case LayerLatencyModel.Edge:
                        edgeAdded[task.LocalEdge] = edgeAdded.GetValueOrDefault(task.LocalEdge) + work;
                        break;
                    default:
                        cloudAdded += work;
                        break;
                }
            }
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
    }
}
