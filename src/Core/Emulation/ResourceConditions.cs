using MecActors.Core.Decisions;
using MecActors.Core.Network;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;

namespace MecActors.Core.Emulation;

/// <summary>
/// The conditions of the scenario's <c>dynamics</c> that tasks meet, each drawn from its entity's own stream and keyed
/// by slot or task, so every driver that asks gets the same value whatever the order it asks in: a node's available
/// fraction of its capacity in a slot (edge, device, cloud), a compute stage's fluctuation, the policy's estimate of a
/// device's channel (imperfect CSI), an edge's link to the cloud when links switch, and the nodes' memory load the
/// monitors report. Without <c>dynamics</c> every condition is nominal and nothing is drawn.
/// (A device's own link and whether it is on are its workload's: <see cref="DeviceWorkload"/>.)
/// </summary>
public sealed class ResourceConditions
{
    private readonly ScenarioSpec _scenario;
    private readonly DynamicsSpec _dynamics;
    private readonly int _seed;
    private readonly double[] _availability;
    private readonly LinkSwitching[] _uplinks;
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
        _uplinks = _dynamics.Links is { } links && scenario.Cloud is { } cloud
            ? [.. Enumerable.Range(0, scenario.EdgeCount).Select(n => LinkSwitching.OfUplink(links, n, seed, scenario.Episode, cloud.UplinkRateBps))]
            : [];
    }

    /// <summary>The fraction of device <paramref name="device"/>'s processor available in <paramref name="slot"/>.</summary>
    public double DeviceAvailability(int device, int slot) =>
        _dynamics.VariesDeviceAvailability
            ? RandomStream.ForKey(_seed, StreamKind.DeviceAvailability, device, _scenario.Episode, slot).Uniform(_dynamics.DeviceAvailability.Min, _dynamics.DeviceAvailability.Max)
            : 1.0;

    /// <summary>The fraction of the cloud's processor available in <paramref name="slot"/>.</summary>
    public double CloudAvailability(int slot) =>
        _dynamics.VariesCloudAvailability
            ? RandomStream.ForKey(_seed, StreamKind.CloudAvailability, 0, _scenario.Episode, slot).Uniform(_dynamics.CloudAvailability.Min, _dynamics.CloudAvailability.Max)
            : 1.0;

    /// <summary>Edge <paramref name="edge"/>'s link to the cloud in <paramref name="slot"/> over its scenario rate (1 unless links switch).</summary>
    public double UplinkFactor(int edge, int slot) =>
        _uplinks.Length == 0 ? 1.0 : _uplinks[edge].RateBps(slot) / _scenario.Cloud!.UplinkRateBps;

    /// <summary>
    /// What the monitors report at <paramref name="slot"/>'s start beyond the edges' capacity; the memory loads are
    /// numbered devices first, then edges, then the cloud.
    /// </summary>
    public MonitoredConditions Monitored(int slot)
    {
        if (!_dynamics.VariesMonitored)
        {
            return MonitoredConditions.Nominal;
        }

        var devices = _scenario.DeviceCount;
        var edges = _scenario.EdgeCount;
        var available = new double[devices];
        var deviceMemory = new double[devices];
        for (var u = 0; u < devices; u++)
        {
            available[u] = DeviceAvailability(u, slot);
            deviceMemory[u] = MemoryLoad(u, slot);
        }

        var uplinks = new double[edges];
        var edgeMemory = new double[edges];
        for (var n = 0; n < edges; n++)
        {
            uplinks[n] = UplinkFactor(n, slot);
            edgeMemory[n] = MemoryLoad(devices + n, slot);
        }

        return new MonitoredConditions(available, CloudAvailability(slot), uplinks, deviceMemory, edgeMemory, MemoryLoad(devices + edges, slot));
    }

    private double MemoryLoad(int node, int slot) =>
        _dynamics.VariesMemory
            ? RandomStream.ForKey(_seed, StreamKind.MemoryLoad, node, _scenario.Episode, slot).Uniform(_dynamics.MemoryLoad.Min, _dynamics.MemoryLoad.Max)
            : 0.0;

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
