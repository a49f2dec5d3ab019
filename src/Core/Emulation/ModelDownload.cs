namespace MecActors.Core.Emulation;

/// <summary>A model requested into an edge in a slot; all the slot's misses for it share this one download.</summary>
public readonly record struct ModelDownload(int Edge, int ModelId, int Slot, double SizeBits, double RequestTime);

/// <summary>A download that reached its edge at <see cref="Time"/>.</summary>
public readonly record struct ModelArrival(int ModelId, int Slot, double Time);
