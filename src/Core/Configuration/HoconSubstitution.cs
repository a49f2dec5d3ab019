namespace MecActors.Core.Configuration;

/// <summary>
/// An unresolved <c>${path}</c> or <c>${?path}</c>. Exists only between parsing and resolution.
/// <see cref="Previous"/> is the value an optional substitution replaced, kept if the substitution is undefined.
/// </summary>
internal sealed record HoconSubstitution(string Origin, string Path, bool Optional, HoconValue? Previous = null)
    : HoconValue(Origin);
