namespace MecActors.Core.Emulation;

/// <summary>The kinds of resource a task's route can cross.</summary>
public enum ResourceKind : byte
{
    Wireless,
    Fiber,
    Backhaul,
    EdgeCompute,
}

/// <summary>A resource of the emulated system: a cell's radio link, a fiber path from A to B, an edge's backhaul, an edge's processor.</summary>
public readonly record struct ResourceRef(ResourceKind Kind, int A, int B = 0)
{
    public static ResourceRef Wireless(int edge) => new(ResourceKind.Wireless, edge);

    public static ResourceRef Fiber(int from, int to) => new(ResourceKind.Fiber, from, to);

    public static ResourceRef Backhaul(int edge) => new(ResourceKind.Backhaul, edge);

    public static ResourceRef EdgeCompute(int edge) => new(ResourceKind.EdgeCompute, edge);
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
/// </summary>
public sealed record Stage(StageKind Kind, ResourceRef Resource, double Work, double Efficiency = 1.0, int ModelId = -1)
{
    /// <summary>The stage's work in the capacity units of its resource (Hz-seconds for radio, bits or cycles otherwise).</summary>
    public double CapacityWork => Work / Efficiency;
}
