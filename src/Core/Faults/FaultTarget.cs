using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Faults;

/// <summary>The resources a fault names: a kind of resource and, optionally, which one (an edge, a device, a fiber link's two ends).</summary>
/// <param name="Kind">The named kind: <c>radio</c>, <c>fiber</c>, <c>backhaul</c>, <c>cloud-uplink</c>, <c>downlink</c>, <c>transmitter</c>, <c>edge</c>, <c>device</c> or <c>cloud</c>.</param>
/// <param name="A">The edge or device; null: every one of the kind.</param>
/// <param name="B">A fiber link's other end.</param>
public sealed record FaultTarget(string Kind, int? A = null, int? B = null)
{
    public static readonly IReadOnlyList<string> LinkKinds = ["radio", "fiber", "backhaul", "cloud-uplink", "downlink", "transmitter"];

    public static readonly IReadOnlyList<string> ProcessorKinds = ["edge", "device", "cloud"];

    public bool IsLink => LinkKinds.Contains(Kind);

    /// <summary>
    /// Whether <paramref name="resource"/> is one of the named: a radio cell is its uplink medium (or its devices'
    /// transmitters) and its downlink; a fiber link is the physical link, both directions.
    /// </summary>
    public bool Names(ResourceRef resource, ScenarioSpec scenario) => Kind switch
    {
        "radio" => resource.Kind switch
        {
            ResourceKind.Wireless or ResourceKind.Downlink => Is(resource.A),
            ResourceKind.Transmitter => Is(scenario.LocalEdgeOf(resource.A)),
            _ => false,
        },
        "fiber" => resource.Kind == ResourceKind.Fiber
            && (A is null || (resource.A == A && resource.B == B) || (resource.A == B && resource.B == A)),
        "backhaul" => resource.Kind == ResourceKind.Backhaul && Is(resource.A),
        "cloud-uplink" => resource.Kind == ResourceKind.CloudUplink && Is(resource.A),
        "downlink" => resource.Kind == ResourceKind.Downlink && Is(resource.A),
        "transmitter" => resource.Kind == ResourceKind.Transmitter && Is(resource.A),
        "edge" => resource.Kind == ResourceKind.EdgeCompute && Is(resource.A),
        "device" => resource.Kind == ResourceKind.DeviceCompute && Is(resource.A),
        "cloud" => resource.Kind == ResourceKind.CloudCompute,
        _ => false,
    };

    public override string ToString() => A is null ? Kind : B is null ? $"{Kind}:{A}" : $"{Kind}:{A}-{B}";

    private bool Is(int index) => A is null || A == index;
}
