using MecActors.Core.Decisions;
using MecActors.Core.Models;

namespace MecActors.Policies.PreDnnOff;

/// <summary>
/// Paper 001's latency of a placement (a node per layer of the profile, the mobile device or the edge server, Sec. 5.1):
/// eqs. (4.4)-(4.6) per exit and their expectation over the exits (4.8). The input starts on the device; a layer's
/// input crosses the wireless link whenever the layer runs on another node than the one before it (eq. (4.5)); the
/// exit's output returns to the device (Sel_0 of the last layer = 1), where the result is parsed (Table 4.2's
/// model-parsing term, the same for every placement). Model loading is part of deployment, not of a task.
/// With a <see cref="CloudTier"/> a third node, the cloud, runs a layer in the edge's time over an assumed speed-up,
/// reached from the edge over a wired link; data between the device and the cloud crosses both links, as the engine
/// routes it. The paper's experiments have no cloud.
/// </summary>
public sealed class LayerLatencyModel
{
    public const int Device = 0;

    public const int Edge = 1;

    public const int Cloud = 2;

    private readonly double[][] _execution;

    public LayerLatencyModel(LayerProfile profile, LatencyRegressions regressions, double wirelessBps, ExitDistribution exits, CloudTier? cloud = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(regressions);
        ArgumentNullException.ThrowIfNull(exits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(wirelessBps);
        Profile = profile;
        Regressions = regressions;
        WirelessBps = wirelessBps;
        Exits = exits;
        CloudTier = cloud;
        Nodes = cloud is null ? [NodeKind.Device, NodeKind.Edge] : [NodeKind.Device, NodeKind.Edge, NodeKind.Cloud];
        _execution = profile.Layers
            .Select(l => cloud is null
                ? new[] { regressions.Device.LayerSeconds(l), regressions.Edge.LayerSeconds(l) }
                : [regressions.Device.LayerSeconds(l), regressions.Edge.LayerSeconds(l), regressions.Edge.LayerSeconds(l) / cloud.Speedup])
            .ToArray();
        ParsingSeconds = regressions.Device.ModelParsing is { } parsing ? parsing.Seconds(profile.ModelBytes, 0.0) : 0.0;
        ExitWeights = ComputeExitWeights(profile, exits);
    }

    public LayerProfile Profile { get; }

    public LatencyRegressions Regressions { get; }

    /// <summary>v_wireless (eq. (4.2)), bit/s.</summary>
    public double WirelessBps { get; }

    public ExitDistribution Exits { get; }

    /// <summary>The optional cloud; null for the paper's device and edge.</summary>
    public CloudTier? CloudTier { get; }

    /// <summary>The nodes a layer may run on, by index: <see cref="Device"/>, <see cref="Edge"/> and, with a cloud, <see cref="Cloud"/>.</summary>
    public IReadOnlyList<NodeKind> Nodes { get; }

    /// <summary>Parsing the result on the device, in every task's latency.</summary>
    public double ParsingSeconds { get; }

    /// <summary>Per layer, the probability that a task runs it: the mass of the exits below it.</summary>
    public IReadOnlyList<double> ExitWeights { get; }

    /// <summary>T_Style(l) of eq. (4.3), seconds; <paramref name="node"/> indexes <see cref="Nodes"/>.</summary>
    public double ExecutionSeconds(int layer, int node) => _execution[layer][node];

    /// <summary>
    /// Moving <paramref name="bytes"/> between two nodes: free on one node, over the wireless link between the device
    /// and the edge (eq. (4.5)), over the wired link between the edge and the cloud, over both between the device and the cloud.
    /// </summary>
    public double TransferSeconds(double bytes, int from, int to)
    {
        if (from == to)
        {
            return 0.0;
        }

        var wireless = from == Device || to == Device ? bytes * 8.0 / WirelessBps : 0.0;
        var wired = from == Cloud || to == Cloud ? bytes * 8.0 / CloudTier!.WiredBps : 0.0;
        return wireless + wired;
    }

    /// <summary>The bytes a layer takes in: its parent's output, or the model's input.</summary>
    public double InputBytesOf(int layer) => Profile.Layers[layer].InputBytes;

    /// <summary>Latency_k of eq. (4.6) for exit <paramref name="exit"/> (0-based), with the parsing term.</summary>
    public double ExitSeconds(IReadOnlyList<int> placement, int exit)
    {
        ArgumentNullException.ThrowIfNull(placement);
        var total = ParsingSeconds;
        var at = Device;
        var path = Profile.PathTo(exit);
        foreach (var layer in path)
        {
            total += TransferSeconds(InputBytesOf(layer), at, placement[layer]) + _execution[layer][placement[layer]];
            at = placement[layer];
        }

        return total + TransferSeconds(Profile.Layers[path[^1]].OutputBytes, at, Device);
    }

    /// <summary>The expected latency of eq. (4.8)-(4.9): sum over exits of Latency_k times P(exit k).</summary>
    public double ExpectedSeconds(IReadOnlyList<int> placement)
    {
        var total = 0.0;
        for (var k = 0; k < Profile.Exits.Count; k++)
        {
            total += Exits.Probabilities[k] * ExitSeconds(placement, k);
        }

        return total;
    }

    /// <summary>Every layer on one node.</summary>
    public int[] AllOn(int node) => Enumerable.Repeat(node, Profile.Layers.Count).ToArray();

    private static double[] ComputeExitWeights(LayerProfile profile, ExitDistribution exits)
    {
        var weights = new double[profile.Layers.Count];
        for (var k = 0; k < profile.Exits.Count; k++)
        {
            foreach (var layer in profile.PathTo(k))
            {
                weights[layer] += exits.Probabilities[k];
            }
        }

        return weights;
    }
}
