using MecActors.Core.Network;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Workload;

/// <summary>
/// One device's task source: its position (distance to its edge, drawn once per seed) and, each slot of the
/// scenario's workload episode, whether it
/// generates a task, the task's type and input size, and the Rayleigh fading of its channel; all from
/// the device's own random stream, drawn in a fixed order so a decision never shifts a later draw.
/// </summary>
public sealed class DeviceWorkload
{
    private readonly ScenarioSpec _scenario;
    private readonly RandomStream _random;
    private readonly double _deviceBandwidthHz;

    public DeviceWorkload(ScenarioSpec scenario, int device, int seed)
    {
        _scenario = scenario;
        Device = device;
        LocalEdge = scenario.LocalEdgeOf(device);
        var layout = RandomStream.For(seed, StreamKind.Device, device);
        DistanceM = layout.Uniform(scenario.Radio.MinDistanceM, scenario.Radio.MaxDistanceM);
        _random = scenario.Episode == 0 ? layout : RandomStream.For(seed, StreamKind.Device, device, scenario.Episode);
        PathGain = Radio.PathGain(scenario.Radio, DistanceM);
        _deviceBandwidthHz = scenario.Edges[LocalEdge].BandwidthHz / scenario.DevicesInCell(LocalEdge);
    }

    public int Device { get; }

    public int LocalEdge { get; }

    public double DistanceM { get; }

    public double PathGain { get; }

    /// <summary>The task of slot <paramref name="slot"/>, or null when the device is idle in it.</summary>
    public TaskRequest? Generate(int slot, double[] popularity)
    {
        var spec = _scenario.Workload;
        var (activeDraw, modelDraw, inputBits, fading) = Draw();
        if (activeDraw >= spec.TaskProbability)
        {
            return null;
        }

        var model = PopularityProcess.Sample(popularity, modelDraw);
        var gain = PathGain * fading;
        var efficiency = Radio.SpectralEfficiency(_scenario.Radio, gain, _deviceBandwidthHz);
        return new TaskRequest(
            TaskRequest.IdOf(slot, Device, _scenario.DeviceCount),
            slot,
            Device,
            LocalEdge,
            model,
            inputBits,
            gain,
            efficiency,
            _deviceBandwidthHz * efficiency,
            (slot - 1) * _scenario.SlotSeconds,
            spec.DeadlineSeconds);
    }

    /// <summary>Moves the stream past <paramref name="slots"/> slots, as if they had been generated (a device rebuilt mid-run).</summary>
    public void Skip(int slots)
    {
        for (var s = 0; s < slots; s++)
        {
            Draw();
        }
    }

    /// <summary>A slot's draws, always all four and in this order, whatever the slot brings.</summary>
    private (double Active, double Model, double InputBits, double Fading) Draw()
    {
        var spec = _scenario.Workload;
        var active = _random.NextDouble();
        var model = _random.NextDouble();
        var inputBits = _random.Uniform(spec.InputMinBits, spec.InputMaxBits);
        var fading = _scenario.Radio.RayleighFading ? _random.Exponential() : 1.0;
        return (active, model, inputBits, fading);
    }
}
