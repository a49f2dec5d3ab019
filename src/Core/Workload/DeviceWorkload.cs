using MecActors.Core.Network;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Workload;

/// <summary>
/// One device's task source: its position (distance to its edge, drawn once per seed) and, each slot of the
/// scenario's workload episode, the tasks it generates (0..n, each with its arrival offset inside the slot, type,
/// input size, deadline and accuracy requirement) and its channel over the slot (the Rayleigh fading, or with
/// <c>radio.rate-mbps</c> its rate); all from
/// the device's own random stream, drawn in a fixed order so a decision never shifts a later draw.
/// </summary>
/// <remarks>
/// Draws per slot, by <see cref="WorkloadSpec.Arrivals"/> ("fading" is the rate when the scenario draws rates):
/// bernoulli: active, model, input, fading (all four whatever the slot brings, as paper 000 always drew), then a
/// deadline and an accuracy requirement where those are ranges;
/// poisson: fading, then per arrival the exponential gap from the previous one (the first from the slot's start),
/// model, input, [deadline], [accuracy], and the gap that falls past the slot's end;
/// periodic: fading, then per frame model, input, [deadline], [accuracy]; the phase (uniform in [0, frame)) is
/// drawn once, after the distance.
/// </remarks>
public sealed class DeviceWorkload
{
    private readonly ScenarioSpec _scenario;
    private readonly WorkloadSpec _spec;
    private readonly RandomStream _random;
    private readonly double _deviceBandwidthHz;
    private readonly List<Arrival> _arrivals = new();
    private readonly TwoStateChain? _activity;
    private readonly LinkSwitching? _link;

    public DeviceWorkload(ScenarioSpec scenario, int device, int seed)
    {
        _scenario = scenario;
        _spec = scenario.Workload;
        Device = device;
        LocalEdge = scenario.LocalEdgeOf(device);
        var layout = RandomStream.For(seed, StreamKind.Device, device);
        DistanceM = layout.Uniform(scenario.Radio.MinDistanceM, scenario.Radio.MaxDistanceM);
        _random = scenario.Episode == 0 ? layout : RandomStream.For(seed, StreamKind.Device, device, scenario.Episode);
        PathGain = Radio.PathGain(scenario.Radio, DistanceM);
        _deviceBandwidthHz = scenario.Edges[LocalEdge].BandwidthHz / scenario.DevicesInCell(LocalEdge);
        MaxTasksPerSlot = TaskArrivals.MaxTasksPerSlot(_spec, scenario.SlotSeconds);
        if (MaxTasksPerSlot > TaskArrivals.Limit)
        {
            throw new ArgumentException(
                $"the workload allows {MaxTasksPerSlot} tasks per device per slot, more than the limit of {TaskArrivals.Limit}", nameof(scenario));
        }

        Phase = _spec.Arrivals == ArrivalKind.Periodic ? _random.Uniform(0.0, _spec.FrameSeconds) : 0.0;

        // Coming and going and the link's condition have streams of their own, so the workload's draws stay as they were.
        var dynamics = scenario.Conditions;
        if (dynamics.Users is { } users)
        {
            _activity = new TwoStateChain(seed, StreamKind.UserActivity, device, scenario.Episode, true, users.JoinProbability, users.LeaveProbability);
        }

        if (dynamics.Links is { } links && scenario.Radio.DeviceRatesBps is { } rates)
        {
            _link = LinkSwitching.OfDevice(links, device, seed, scenario.Episode, rates[device]);
        }
    }

    /// <summary>Whether the device is on in slot <paramref name="slot"/> (always, unless users come and go).</summary>
    public bool IsActive(int slot) => _activity?.At(slot) ?? true;

    public int Device { get; }

    public int LocalEdge { get; }

    public double DistanceM { get; }

    public double PathGain { get; }

    /// <summary>The bound on this scenario's tasks per device per slot, on which task ids are built.</summary>
    public int MaxTasksPerSlot { get; }

    /// <summary>Periodic arrivals: the time of the device's first frame (0 otherwise).</summary>
    public double Phase { get; }

    /// <summary>The tasks of slot <paramref name="slot"/> in arrival order (k = 0, 1, ...); empty when the device is idle or off in it.</summary>
    public TaskRequest[] Generate(int slot, double[] popularity)
    {
        var channel = Draw(slot);
        if (_arrivals.Count == 0 || !IsActive(slot))
        {
            return [];
        }

        double gain, efficiency;
        if (_scenario.Radio.DrawsRates)
        {
            efficiency = channel / _deviceBandwidthHz;
            gain = Radio.GainFor(_scenario.Radio, efficiency, _deviceBandwidthHz);
        }
        else
        {
            gain = PathGain * channel;
            efficiency = Radio.SpectralEfficiency(_scenario.Radio, gain, _deviceBandwidthHz);
        }

        var start = (slot - 1) * _scenario.SlotSeconds;
        var tasks = new TaskRequest[_arrivals.Count];
        for (var k = 0; k < tasks.Length; k++)
        {
            var arrival = _arrivals[k];
            tasks[k] = new TaskRequest(
                TaskRequest.IdOf(slot, Device, _scenario.DeviceCount, MaxTasksPerSlot, k),
                slot,
                Device,
                LocalEdge,
                PopularityProcess.Sample(popularity, arrival.Model),
                arrival.InputBits,
                gain,
                efficiency,
                _deviceBandwidthHz * efficiency,
                arrival.Release ?? start,
                arrival.Deadline,
                arrival.MinAccuracy,
                arrival.Release is { } release ? release - start : 0.0);
        }

        return _scenario.Faults.IsEmpty ? tasks : Present(tasks);
    }

    /// <summary>A device away (left, or not joined yet) brings no tasks; the others keep their ids, and the stream its draws.</summary>
    private TaskRequest[] Present(TaskRequest[] tasks)
    {
        var faults = _scenario.Faults;
        var device = Device;
        return Array.FindAll(tasks, t => !faults.IsAway(device, t.ReleaseTime));
    }

    /// <summary>Moves the stream past <paramref name="slots"/> slots, as if they had been generated (a device rebuilt mid-run).</summary>
    public void Skip(int slots)
    {
        for (var s = 1; s <= slots; s++)
        {
            Draw(s);
        }
    }

    /// <summary>A slot's draws into <see cref="_arrivals"/>, in the order of the remarks; returns the slot's fading.</summary>
    private double Draw(int slot)
    {
        _arrivals.Clear();
        switch (_spec.Arrivals)
        {
            case ArrivalKind.Bernoulli:
                return DrawBernoulli(slot);
            case ArrivalKind.Poisson:
                return DrawPoisson(slot);
            default:
                return DrawPeriodic(slot);
        }
    }

    private double DrawBernoulli(int slot)
    {
        var active = _random.NextDouble();
        var model = _random.NextDouble();
        var inputBits = _random.Uniform(_spec.InputMinBits, _spec.InputMaxBits);
        var fading = Fading(slot);
        var (deadline, accuracy) = Requirements();
        if (active < _spec.TaskProbability)
        {
            _arrivals.Add(new Arrival(null, model, inputBits, deadline, accuracy));
        }

        return fading;
    }

    private double DrawPoisson(int slot)
    {
        var fading = Fading(slot);
        var start = (slot - 1) * _scenario.SlotSeconds;
        var end = slot * _scenario.SlotSeconds;
        var offset = 0.0;
        while (true)
        {
            offset += _random.Exponential() / _spec.RatePerSecond;
            var release = start + offset;
            if (!(release < end))
            {
                return fading;
            }

            Add(slot, release);
        }
    }

    private double DrawPeriodic(int slot)
    {
        var fading = Fading(slot);
        var frame = _spec.FrameSeconds;
        var start = (slot - 1) * _scenario.SlotSeconds;
        var end = slot * _scenario.SlotSeconds;

        // The first frame at or after the slot's start: Phase + k * frame, k >= 0.
        var k = Math.Max(0L, (long)Math.Ceiling((start - Phase) / frame));
        while (k > 0 && Phase + ((k - 1) * frame) >= start)
        {
            k--;
        }

        while (Phase + (k * frame) < start)
        {
            k++;
        }

        for (; Phase + (k * frame) < end; k++)
        {
            Add(slot, Phase + (k * frame));
        }

        return fading;
    }

    private void Add(int slot, double release)
    {
        if (_arrivals.Count == MaxTasksPerSlot)
        {
            throw new InvalidOperationException(
                $"device {Device} drew more than {MaxTasksPerSlot} tasks in slot {slot}, the bound its task ids allow for workload.rate-per-s = "
                + $"{_spec.RatePerSecond} over a {_scenario.SlotSeconds * 1e3} ms slot (P(more) < {TaskArrivals.PoissonTail})");
        }

        var model = _random.NextDouble();
        var inputBits = _random.Uniform(_spec.InputMinBits, _spec.InputMaxBits);
        var (deadline, accuracy) = Requirements();
        _arrivals.Add(new Arrival(release, model, inputBits, deadline, accuracy));
    }

    /// <summary>
    /// The slot's channel draw: the device's rate over its share when the scenario gives rates (its own fixed one, that of
    /// its link's condition in the slot when links switch, or drawn), else the fading.
    /// </summary>
    private double Fading(int slot)
    {
        var radio = _scenario.Radio;
        if (radio.DeviceRatesBps is { } fixedRates)
        {
            return _link?.RateBps(slot) ?? fixedRates[Device];
        }

        if (radio.DrawsRates)
        {
            return _random.Uniform(radio.RateMinBps, radio.RateMaxBps);
        }

        return radio.RayleighFading ? _random.Exponential() : 1.0;
    }

    /// <summary>A task's deadline and accuracy requirement: drawn where the scenario gives a range or a distribution, fixed otherwise.</summary>
    private (double Deadline, double MinAccuracy) Requirements()
    {
        var deadline = _spec.DeadlineMaxSeconds > _spec.DeadlineSeconds
            ? _random.Uniform(_spec.DeadlineSeconds, _spec.DeadlineMaxSeconds)
            : _spec.DeadlineSeconds;
        var accuracy = _spec.AccuracyRequirementSd > 0
            ? _spec.AccuracyRequirementMean + _spec.AccuracyRequirementSd * _random.StandardNormal()
            : _spec.AccuracyRequirementMax > _spec.AccuracyRequirementMin
            ? _random.Uniform(_spec.AccuracyRequirementMin, _spec.AccuracyRequirementMax)
            : _spec.AccuracyRequirementMin;
        return (deadline, accuracy);
    }

    /// <summary>One arrival's draws; <see cref="Release"/> is null for an arrival at the slot's start (Bernoulli).</summary>
    private readonly record struct Arrival(double? Release, double Model, double InputBits, double Deadline, double MinAccuracy);
}
