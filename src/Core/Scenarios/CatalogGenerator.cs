using MecActors.Core.Models;
using MecActors.Core.Randomness;

namespace MecActors.Core.Scenarios;

/// <summary>
/// The ranges a generated model catalog is drawn from, in SI units (bits, cycles).
/// Every draw is uniform over its [min, max] range.
/// </summary>
public sealed record CatalogGeneration(
    int Count,
    (double Min, double Max) SizeBits,
    (int Min, int Max) Exits,
    (double Min, double Max) BlockCycles,
    (double Min, double Max) FirstExitAccuracy,
    (double Min, double Max) FinalAccuracy,
    int CatalogSeed,
    double AccuracyCurve = 1.0);

/// <summary>
/// Draws a deterministic model catalog: the same <see cref="CatalogGeneration"/> always gives the same
/// models, whatever the run seed, so the catalog is part of the scenario.
/// </summary>
public static class CatalogGenerator
{
    /// <summary>How far an intermediate exit's accuracy may move from its evenly spaced value, as a fraction of the spacing.</summary>
    public const double JitterFraction = 0.25;

    public static ModelCatalog Generate(CatalogGeneration generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        ArgumentOutOfRangeException.ThrowIfLessThan(generation.Count, 1);
        if (generation.FirstExitAccuracy.Max >= generation.FinalAccuracy.Min)
        {
            throw new ArgumentException("first-exit accuracies must lie below final accuracies", nameof(generation));
        }

        var random = RandomStream.For(generation.CatalogSeed, StreamKind.Scenario, 0);
        var models = new DnnModel[generation.Count];
        for (var m = 0; m < models.Length; m++)
        {
            var size = Draw(random, generation.SizeBits);
            var exits = random.Next(generation.Exits.Min, generation.Exits.Max + 1);
            var cycles = new double[exits];
            for (var b = 0; b < exits; b++)
            {
                cycles[b] = Draw(random, generation.BlockCycles);
            }

            var accuracies = Accuracies(
                random, exits, Draw(random, generation.FirstExitAccuracy), Draw(random, generation.FinalAccuracy), generation.AccuracyCurve);
            var blocks = new ExitBranch[exits];
            for (var b = 0; b < exits; b++)
            {
                blocks[b] = new ExitBranch(cycles[b], accuracies[b]);
            }

            models[m] = new DnnModel(m, $"m{m}", size, blocks);
        }

        return new ModelCatalog(models);
    }

    /// <summary>
    /// Accuracies from <paramref name="first"/> to <paramref name="final"/> along the curve
    /// first + (final - first) * x^<paramref name="curve"/>, x = (b - 1) / (exits - 1): evenly spaced for curve 1,
    /// saturating for curve saturating for curve &lt; 1 (the later blocks add less)lt; 1 (the later blocks add less), the reverse above 1. Each intermediate one moves by at most
    /// <see cref="JitterFraction"/> of the smaller gap to its neighbours on the curve, so accuracy strictly increases.
    /// A single-exit model gets the final accuracy.
    /// </summary>
    private static double[] Accuracies(RandomStream random, int exits, double first, double final, double curve)
    {
        var accuracies = new double[exits];
        if (exits == 1)
        {
            accuracies[0] = final;
            return accuracies;
        }

        double OnCurve(int b) => first + (final - first) * Math.Pow((double)b / (exits - 1), curve);
        accuracies[0] = first;
        accuracies[^1] = final;
        for (var b = 1; b < exits - 1; b++)
        {
            var gap = Math.Min(OnCurve(b) - OnCurve(b - 1), OnCurve(b + 1) - OnCurve(b));
            var jitter = JitterFraction * gap * (2.0 * random.NextDouble() - 1.0);
            accuracies[b] = OnCurve(b) + jitter;
        }

        return accuracies;
    }

    private static double Draw(RandomStream random, (double Min, double Max) range) => random.Uniform(range.Min, range.Max);
}
