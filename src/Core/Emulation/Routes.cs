namespace MecActors.Core.Emulation;

/// <summary>The kinds of resource a task's route can cross: every place where work waits (docs/architecture.md, Resources).</summary>
public enum ResourceKind : byte
{
    /// <summary>A cell's radio medium, uplink: device to edge (A = the cell's edge).</summary>
    Wireless,

    /// <summary>One physical fiber link between adjacent edges, one direction (A to B).</summary>
    Fiber,

    /// <summary>The wired link from the cloud down to an edge: model downloads, tensors and results (A = the edge).</summary>
    Backhaul,

    /// <summary>An edge server's processor (A = the edge).</summary>
    EdgeCompute,

    /// <summary>A device's own processor (A = the device).</summary>
    DeviceCompute,

    /// <summary>A device's transmitter: its transfers one after another at the device's share of the cell band (A = the device).</summary>
    Transmitter,

    /// <summary>A cell's radio medium, downlink: edge to device (A = the cell's edge).</summary>
    Downlink,

    /// <summary>The wired link from an edge up to the cloud (A = the edge).</summary>
    CloudUplink,

    /// <summary>The cloud's processor.</summary>
    CloudCompute,
}

/// <summary>A resource of the emulated system, by kind and the indices that name it (an edge, a device, the two ends of a fiber link).</summary>
public readonly record struct ResourceRef(ResourceKind Kind, int A, int B = 0) : IComparable<ResourceRef>
{
    public static ResourceRef Wireless(int edge) => new(ResourceKind.Wireless, edge);

    public static ResourceRef Fiber(int from, int to) => new(ResourceKind.Fiber, from, to);

    public static ResourceRef Backhaul(int edge) => new(ResourceKind.Backhaul, edge);

    public static ResourceRef EdgeCompute(int edge) => new(ResourceKind.EdgeCompute, edge);

    public static ResourceRef DeviceCompute(int device) => new(ResourceKind.DeviceCompute, device);

    public static ResourceRef Transmitter(int device) => new(ResourceKind.Transmitter, device);

    public static ResourceRef Downlink(int edge) => new(ResourceKind.Downlink, edge);

    public static ResourceRef CloudUplink(int edge) => new(ResourceKind.CloudUplink, edge);

    public static ResourceRef CloudCompute() => new(ResourceKind.CloudCompute, 0);

    public bool IsCompute => Kind is ResourceKind.EdgeCompute or ResourceKind.DeviceCompute or ResourceKind.CloudCompute;

    public int CompareTo(ResourceRef other)
    {
        // By value, not Enum.CompareTo(object), which boxes: resources are compared in every wave's sorted maps.
        var c = ((byte)Kind).CompareTo((byte)other.Kind);
        if (c != 0)
        {
            return c;
        }

        c = A.CompareTo(other.A);
        return c != 0 ? c : B.CompareTo(other.B);
    }

    public override string ToString() => Kind switch
    {
        ResourceKind.Fiber => $"fiber-{A}-{B}",
        ResourceKind.CloudCompute => "cloud",
        _ => $"{Name(Kind)}-{A}",
    };

    private static string Name(ResourceKind kind) => kind switch
    {
        ResourceKind.Wireless => "radio",
        ResourceKind.Backhaul => "backhaul",
        ResourceKind.EdgeCompute => "edge",
        ResourceKind.DeviceCompute => "device-cpu",
        ResourceKind.Transmitter => "transmitter",
        ResourceKind.Downlink => "downlink",
        ResourceKind.CloudUplink => "cloud-uplink",
        _ => kind.ToString(),
    };
}

public enum StageKind : byte
{
    /// <summary>Move bits over a link.</summary>
    Transfer,

    /// <summary>Run cycles on a processor, once the model is there.</summary>
    Compute,

    /// <summary>Bring a model from the cloud into a node, in parallel with the stages before its compute.</summary>
    Fetch,
}

/// <summary>
/// One step of a task's route. Work is bits for a transfer or fetch and cycles for a compute;
/// <see cref="Efficiency"/> is the spectral efficiency of a radio transfer (bit/s/Hz; 1 for wires).
/// A compute stage with <see cref="JoinsFetch"/> starts only once the route's fetch into its node has arrived.
/// A fetch's resource is the link it crosses; it joins the compute stage of the node that link leads to.
/// <see cref="Efficiency"/> also carries what makes one task's service slower or faster than the station's nominal
/// rate: a device's share of the band, an edge's available capacity, a task's CPU frequency or allocated share.
/// <see cref="Joules"/> is the device energy the stage costs when it ends, besides the transmit power per second of
/// airtime (compute on the device: kappa f^2 per cycle).
/// </summary>
public sealed record Stage(StageKind Kind, ResourceRef Resource, double Work, double Efficiency = 1.0, int ModelId = -1, bool JoinsFetch = false, double Joules = 0.0)
{
    /// <summary>The stage's work in the capacity units of its resource (Hz-seconds for radio, bits or cycles otherwise).</summary>
    public double CapacityWork => Work / Efficiency;
}
