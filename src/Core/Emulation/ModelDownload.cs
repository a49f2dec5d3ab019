namespace MecActors.Core.Emulation;

/// <summary>
/// A model requested into an edge in a slot; all the slot's misses for it there share this one download, and
/// <paramref name="Joiners"/> of them wait for it before computing.
/// </summary>
public readonly record struct ModelDownload(int Edge, int ModelId, int Slot, double SizeBits, double RequestTime, int Joiners)
{
    /// <summary>The link the download crosses: the edge's backhaul from the cloud.</summary>
    public ResourceRef Link => ResourceRef.Backhaul(Edge);

    /// <summary>The processor that waits for it.</summary>
    public ResourceRef Target => ResourceRef.EdgeCompute(Edge);
}

/// <summary>
/// A download that reached its node at <see cref="Time"/>, for <see cref="Joiners"/> tasks of its slot; or, with
/// <see cref="LostReason"/>, one a fault lost then: the tasks waiting for it are dropped with that reason.
/// </summary>
public readonly record struct ModelArrival(int ModelId, int Slot, double Time, int Joiners, string? LostReason = null);
