using MecActors.Core.Decisions;
using MecActors.Core.Workload;

namespace MecActors.Policies.Offloading;

/// <summary>
/// One cut per task, Edgent-style without the exit choice: the first k blocks on the device, the rest on the local
/// edge, the result back; k from 0 (all at the edge) to every block (all on the device), whichever the nominal
/// rates make fastest: a device core, the task's uplink rate over its share of the band, an edge core, no queues.
/// Ties go to the smaller k. Needs device compute in the scenario.
/// </summary>
public sealed class BestCut : IOffloadingPolicy
{
    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var scenario = observation.System.Scenario;
        var device = scenario.DeviceCompute ?? throw new InvalidOperationException("best-cut splits between device and edge, but the scenario's devices do not compute (devices.compute)");
        var decisions = new OffloadDecision[observation.Tasks.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            var task = observation.Tasks[i];
            var model = scenario.Models[task.ModelId];
            var edge = scenario.Edges[task.LocalEdge];
            var exits = model.ExitCount;
            var best = 0;
            var bestSeconds = double.PositiveInfinity;
            for (var k = 0; k <= exits; k++)
            {
                var seconds = Estimate(task, k, device.CapacityHz / device.Cores, edge.CapacityHz / edge.Cores, model);
                if (seconds < bestSeconds)
                {
                    best = k;
                    bestSeconds = seconds;
                }
            }

            decisions[i] = Cut(task.LocalEdge, best, exits);
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
    }

    private static OffloadDecision Cut(int edge, int onDevice, int exits) => onDevice switch
    {
        0 => OffloadDecision.On(NodeKind.Edge, edge, exits),
        _ when onDevice == exits => OffloadDecision.On(NodeKind.Device, edge, exits),
        _ => new OffloadDecision(edge, exits) { Split = [new Segment(NodeKind.Device, onDevice), new Segment(NodeKind.Edge, exits - onDevice)] },
    };

    private static double Estimate(TaskRequest task, int onDevice, double deviceHz, double edgeHz, Core.Models.DnnModel model)
    {
        var exits = model.ExitCount;
        var seconds = onDevice > 0 ? model.CyclesBetween(1, onDevice) / deviceHz : 0.0;
        if (onDevice == exits)
        {
            return seconds;
        }

        var sent = onDevice == 0 ? task.InputBits : model.Blocks[onDevice - 1].OutputBits;
        return seconds + (sent / task.UplinkRateBps) + (model.CyclesBetween(onDevice + 1, exits) / edgeHz) + (model.ResultBits / task.UplinkRateBps);
    }
}
