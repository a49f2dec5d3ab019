using MecActors.Core.Models;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

public class CatalogGeneratorTests
{
    private static readonly CatalogGeneration Ranges = new(
        Count: 40,
        SizeBits: (300e6 * 8, 800e6 * 8),
        Exits: (1, 6),
        BlockCycles: (0.2e9, 0.34e9),
        FirstExitAccuracy: (0.5, 0.6),
        FinalAccuracy: (0.78, 0.92),
        CatalogSeed: 7);

    [Fact]
    public void Same_ranges_and_seed_give_the_same_catalog()
    {
        var a = CatalogGenerator.Generate(Ranges);
        var b = CatalogGenerator.Generate(Ranges);

        Assert.Equal(Describe(a), Describe(b));
    }

    [Fact]
    public void Another_catalog_seed_gives_another_catalog()
    {
        var a = CatalogGenerator.Generate(Ranges);
        var b = CatalogGenerator.Generate(Ranges with { CatalogSeed = 8 });

        Assert.NotEqual(Describe(a), Describe(b));
    }

    [Fact]
    public void Accuracies_strictly_increase_from_first_to_final_range()
    {
        foreach (var model in CatalogGenerator.Generate(Ranges).Types)
        {
            if (model.ExitCount > 1)
            {
                Assert.InRange(model.AccuracyAt(1), 0.5, 0.6);
            }

            Assert.InRange(model.AccuracyAt(model.ExitCount), 0.78, 0.92);
            for (var b = 1; b < model.ExitCount; b++)
            {
                Assert.True(model.Blocks[b].Accuracy > model.Blocks[b - 1].Accuracy, $"{model.Name} block {b}");
            }
        }
    }

    [Fact]
    public void A_saturating_curve_gives_smaller_gains_to_later_blocks()
    {
        var catalog = CatalogGenerator.Generate(Ranges with { Exits = (5, 5), AccuracyCurve = 0.5 });

        foreach (var model in catalog.Types)
        {
            var gains = Enumerable.Range(1, model.ExitCount - 1).Select(b => model.Blocks[b].Accuracy - model.Blocks[b - 1].Accuracy).ToArray();
            Assert.All(gains, g => Assert.True(g > 0, model.Name));
            Assert.True(gains[0] > gains[^1], $"{model.Name}: first gain {gains[0]} not above last {gains[^1]}");
            var span = model.AccuracyAt(model.ExitCount) - model.AccuracyAt(1);
            Assert.InRange(gains[0] / span, 0.5 - 0.25 * 0.21, 0.5 + 0.25 * 0.21);
        }
    }

    [Fact]
    public void The_evenly_spaced_curve_is_the_default()
    {
        var a = CatalogGenerator.Generate(Ranges);
        var b = CatalogGenerator.Generate(Ranges with { AccuracyCurve = 1.0 });
        var c = CatalogGenerator.Generate(Ranges with { AccuracyCurve = 0.6 });

        Assert.Equal(Describe(a), Describe(b));
        Assert.NotEqual(Describe(a), Describe(c));
    }

    [Fact]
    public void Draws_stay_inside_their_ranges_and_models_are_numbered()
    {
        var catalog = CatalogGenerator.Generate(Ranges);

        Assert.Equal(40, catalog.Count);
        for (var m = 0; m < catalog.Count; m++)
        {
            var model = catalog[m];
            Assert.Equal(m, model.Id);
            Assert.Equal($"m{m}", model.Name);
            Assert.InRange(model.SizeBits, 300e6 * 8, 800e6 * 8);
            Assert.InRange(model.ExitCount, 1, 6);
            Assert.All(model.Blocks, b => Assert.InRange(b.Cycles, 0.2e9, 0.34e9));
        }
    }

    [Fact]
    public void Joint_caching_catalog_does_not_depend_on_the_run_seed()
    {
        var config = ScenarioFiles.JointCachingConfig();

        var a = ScenarioFiles.Load(config).Models;
        var b = ScenarioFiles.Load(config.WithOverride("seed", "12345")).Models;

        Assert.Equal(Describe(a), Describe(b));
    }

    private static string Describe(ModelCatalog catalog) =>
        string.Join("\n", catalog.Types.Select(m =>
            $"{m.Name} {m.SizeBits:R} " + string.Join(" ", m.Blocks.Select(b => $"{b.Cycles:R}/{b.Accuracy:R}"))));
}
