using MecActors.Core.Decisions;

namespace MecActors.Policies.Lymdo;

/// <summary>
/// What a frame costs at each partition point p of the chain to the settings' exit: the first p layers on the UE
/// (<see cref="DeviceCycles"/>: their regression times, divided by the device speedup, times the UE's per-core
/// capacity), the tensor that crosses the uplink (<see cref="UplinkBits"/>: the input at p = 0, layer p's input
/// otherwise, none when every layer runs on the UE), the rest on the ES (<see cref="EdgeCycles"/>, likewise at the ES's
/// per-core capacity) and the result that returns.
/// </summary>
public sealed class PartitionCosts
{
    private readonly double[] _deviceCycles;
    private readonly double[] _edgeCycles;
    private readonly double[] _uplinkBits;

    public PartitionCosts(LymdoSettings settings, SystemView system)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(system);
        var profile = settings.Profile ?? throw new InvalidOperationException($"the scenario has no {LymdoSettings.Section} section");
        var regressions = settings.Regressions!;
        var path = profile.PathTo(settings.Exit - 1);
        Layers = path.Count;
        var deviceHz = system.CoreHz(NodeKind.Device, 0);
        var edgeHz = system.CoreHz(NodeKind.Edge, 0);
        _deviceCycles = new double[Layers + 1];
        _edgeCycles = new double[Layers + 1];
        _uplinkBits = new double[Layers + 1];
        for (var p = 0; p < Layers; p++)
        {
            var layer = profile.Layers[path[p]];
            _deviceCycles[p + 1] = _deviceCycles[p] + (regressions.Device.LayerSeconds(layer) / settings.DeviceSpeedup * deviceHz);
            _uplinkBits[p] = layer.InputBytes * 8.0;
        }

        for (var p = Layers - 1; p >= 0; p--)
        {
            _edgeCycles[p] = _edgeCycles[p + 1] + (regressions.Edge.LayerSeconds(profile.Layers[path[p]]) / settings.EdgeSpeedup * edgeHz);
        }

        ResultBits = profile.Layers[path[^1]].OutputBytes * 8.0;
        Exit = settings.Exit;
    }

    /// <summary>The chain's length L: partition points run from 0 (all on the ES) to L (all on the UE).</summary>
    public int Layers { get; }

    public int Exit { get; }

    public double ResultBits { get; }

    public double DeviceCycles(int point) => _deviceCycles[point];

    public double EdgeCycles(int point) => _edgeCycles[point];

    public double UplinkBits(int point) => _uplinkBits[point];

    /// <summary>The frame's computation at <paramref name="point"/>: the UE's prefix, then the ES's rest, whose result returns.</summary>
    public Piece[] PiecesAt(int point)
    {
        if (point == 0)
        {
            return [new Piece(NodeKind.Edge, _edgeCycles[0], ResultBits)];
        }

        return point == Layers
            ? [new Piece(NodeKind.Device, _deviceCycles[point], 0.0)]
            : [new Piece(NodeKind.Device, _deviceCycles[point], _uplinkBits[point]), new Piece(NodeKind.Edge, _edgeCycles[point], ResultBits)];
    }
}
