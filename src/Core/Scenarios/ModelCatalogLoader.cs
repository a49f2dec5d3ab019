using MecActors.Core.Configuration;
using MecActors.Core.Models;

namespace MecActors.Core.Scenarios;

/// <summary>
/// Reads the <c>models</c> section: either an explicit list <c>models.types</c> or a generated catalog
/// <c>models.generate</c>, exactly one of them. Sizes are converted from MB to bits, block computations
/// from gigacycles to cycles.
/// </summary>
internal static class ModelCatalogLoader
{
    private const double BitsPerMegabyte = 8e6;
    private const double CyclesPerGigacycle = 1e9;

    public static ModelCatalog Read(Config root)
    {
        var models = root.Section("models", "types", "generate");
        var explicitList = models.HasPath("types");
        var generated = models.HasPath("generate");
        if (explicitList == generated)
        {
            throw root.Error("models", explicitList
                ? "give either models.types (an explicit list) or models.generate, not both"
                : "needs exactly one of models.types (an explicit list) or models.generate");
        }

        return explicitList ? ReadList(models) : CatalogGenerator.Generate(ReadGeneration(models.Section(
            "generate", "count", "size-mb", "exits", "block-gigacycles", "first-exit-accuracy", "final-accuracy", "accuracy-curve", "catalog-seed")));
    }

    private static ModelCatalog ReadList(Config models)
    {
        var types = models.GetConfigList("types");
        if (types.Count == 0)
        {
            throw models.Error("types", "must list at least one model type");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new DnnModel[types.Count];
        for (var m = 0; m < types.Count; m++)
        {
            var type = types[m];
            type.RejectUnknownKeys(["name", "size-mb", "blocks", "result-kb"]);
            var name = type.NonEmptyString("name");
            if (!names.Add(name))
            {
                throw type.Error("name", $"duplicate model name \"{name}\"");
            }

            var size = type.PositiveDouble("size-mb") * BitsPerMegabyte;
            var resultBits = type.HasPath("result-kb") ? type.NonNegativeDouble("result-kb") * 8e3 : 0.0;
            result[m] = new DnnModel(m, name, size, ReadBlocks(type), resultBits);
        }

        return new ModelCatalog(result);
    }

    private static ExitBranch[] ReadBlocks(Config type)
    {
        var blocks = type.GetConfigList("blocks");
        if (blocks.Count == 0)
        {
            throw type.Error("blocks", "must list at least one block");
        }

        var result = new ExitBranch[blocks.Count];
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            block.RejectUnknownKeys(["gigacycles", "accuracy", "output-kb"]);
            var cycles = block.PositiveDouble("gigacycles") * CyclesPerGigacycle;
            var accuracy = block.GetDouble("accuracy");
            if (!ScenarioValidation.IsAccuracy(accuracy))
            {
                throw block.Error("accuracy", $"must lie in (0, 1], got {ScenarioValidation.Format(accuracy)}");
            }

            if (b > 0 && accuracy <= result[b - 1].Accuracy)
            {
                throw block.Error("accuracy",
                    $"accuracies must strictly increase along the blocks, but {ScenarioValidation.Format(accuracy)} " +
                    $"does not exceed the previous block's {ScenarioValidation.Format(result[b - 1].Accuracy)}");
            }

            var output = block.HasPath("output-kb") ? block.NonNegativeDouble("output-kb") * 8e3 : 0.0;
            result[b] = new ExitBranch(cycles, accuracy, output);
        }

        return result;
    }

    private static CatalogGeneration ReadGeneration(Config generate)
    {
        var count = generate.PositiveInt("count");
        var size = generate.Range("size-mb", ScenarioValidation.IsPositive, "positive");
        var exits = generate.PositiveIntRange("exits");
        var cycles = generate.Range("block-gigacycles", ScenarioValidation.IsPositive, "positive");
        var first = generate.Range("first-exit-accuracy", ScenarioValidation.IsAccuracy, "in (0, 1]");
        var final = generate.Range("final-accuracy", ScenarioValidation.IsAccuracy, "in (0, 1]");
        if (final.Min <= first.Max)
        {
            throw generate.Error("final-accuracy",
                $"min {ScenarioValidation.Format(final.Min)} must exceed first-exit-accuracy max " +
                $"{ScenarioValidation.Format(first.Max)}, so that accuracy strictly increases along the blocks");
        }

        var curve = generate.HasPath("accuracy-curve") ? generate.PositiveDouble("accuracy-curve") : 1.0;
        var seed = generate.GetInt("catalog-seed");
        return new CatalogGeneration(
            count,
            (size.Min * BitsPerMegabyte, size.Max * BitsPerMegabyte),
            exits,
            (cycles.Min * CyclesPerGigacycle, cycles.Max * CyclesPerGigacycle),
            first,
            final,
            seed,
            curve);
    }
}
