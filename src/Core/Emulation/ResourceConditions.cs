using MecActors.Core.Network;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>
/// The conditions of the scenario's <c>dynamics</c> that tasks meet, each drawn from its entity's own stream and keyed
/// by slot or task, so every driver that asks gets the same value whatever the order it asks in: an edge's available
/// fraction of its capacity in a slot, a compute stage's fluctuation, and the policy's estimate of a device's channel
/// (imperfect CSI). Without <c>dynamics</c> every condition is nominal and nothing is drawn.
/// </summary>
public sealed class ResourceConditions
{
    private readonly ScenarioSpec _scenario;
    private readonly DynamicsSpec _dynamics;
    private readonly int _seed;
    private readonly double[] _availability;
    private int _availabilitySlot;

    /// <summary>The run seed the conditions are drawn under.</summary>
    public int Seed => _seed;

    public ResourceConditions(ScenarioSpec scenario, int seed)
    {
        _scenario = scenario;
        _dynamics = scenario.Conditions;
        _seed = seed;
        _availability = new double[scenario.EdgeCount];
        _availabilitySlot = -1;
    }

    /// <summary>The fraction of <paramref name="edge"/>'s capacity available to the tasks of <paramref name="slot"/>.</summary>
    public double Availability(int edge, int slot)
    {
        if (!_dynamics.VariesAvailability)
        {
            return 1.0;
        }

        if (slot != _availabilitySlot)
        {
            for (var n = 0; n < _availability.Length; n++)
            {
                _availability[n] = RandomStream.ForKey(_seed, StreamKind.EdgeAvailability, n, _scenario.Episode, slot)
                    .Uniform(_dynamics.AvailabilityMin, _dynamics.AvailabilityMax);
            }

            _availabilitySlot = slot;
        }

        return _availability[edge];
    }

    /// <summary>The factor on the cycles of the compute stage at <paramref name="stage"/> of task <paramref name="taskId"/>'s route.</summary>
    public double ComputeFactor(long taskId, int stage)
    {
        var spread = _dynamics.ComputeFluctuation;
        return spread == 0.0
            ? 1.0
            : RandomStream.ForKey(_seed, StreamKind.ComputeFluctuation, stage, _scenario.Episode, taskId).Uniform(1.0 - spread, 1.0 + spread);
    }

    /// <summary>
    /// The task as the policy sees it: with imperfect CSI its rate times exp(sigma z), its spectral efficiency and
    /// channel gain the ones that give that rate over the device's share; otherwise the task itself.
    /// </summary>
    public TaskRequest Estimate(TaskRequest task)
    {
        var sigma = _dynamics.ChannelEstimateError;
        if (sigma == 0.0)
        {
            return task;
        }

        var error = Math.Exp(sigma * RandomStream.ForKey(_seed, StreamKind.ChannelEstimate, task.Device, _scenario.Episode, task.TaskId).StandardNormal());
        var rate = task.UplinkRateBps * error;
        var share = _scenario.Edges[task.LocalEdge].BandwidthHz / _scenario.DevicesInCell(task.LocalEdge);
        var efficiency = rate / share;
        return task with { UplinkRateBps = rate, SpectralEfficiency = efficiency, ChannelGain = Radio.GainFor(_scenario.Radio, efficiency, share) };
    }
}
