using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;

namespace MecActors.Policies.Caching;

/// <summary>
/// The parameter of <see cref="PopularityCaching"/>: the sliding window W (paper 000, Sec. III-A), from the scenario's
/// <c>caching</c> section (<c>window-slots</c>).
/// </summary>
public sealed record PopularityCachingSettings(int WindowSlots)
{
    public const string Section = "caching";

    /// <summary>Reads <c>caching.window-slots</c>, a positive integer.</summary>
    public static PopularityCachingSettings Read(Config scenario) =>
        new(scenario.Section(Section, "window-slots").PositiveInt("window-slots"));
}
