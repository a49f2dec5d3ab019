namespace MecActors.Core.Configuration;

/// <summary>A list of values, possibly of mixed kinds.</summary>
public sealed record HoconArray(string Origin, IReadOnlyList<HoconValue> Items) : HoconValue(Origin);
