using MecActors.Core.Configuration;
using MecActors.Core.Models;

namespace MecActors.Core.Scenarios;

/// <summary>
/// Reads the <c>edges</c> section: defaults shared by every edge plus optional per-edge overrides
/// (<c>overrides = [ { id = 1, capacity-ghz = 10 } ]</c>, ids 0-based). Converts GHz to Hz, GB to bytes
/// and MHz to Hz, and checks that every edge can store at least the smallest model.
/// </summary>
internal static class EdgeLoader
{
    private const string Capacity = "capacity-ghz";
    private const string Storage = "storage-gb";
    private const string Cores = "cores";
    private const string Bandwidth = "bandwidth-mhz";

    public static IReadOnlyList<EdgeSpec> Read(Config root, ModelCatalog models)
    {
        var edges = root.Section("edges", "count", Capacity, Storage, Cores, Bandwidth, "overrides");
        var count = edges.PositiveInt("count");
        var generated = root.HasPath("models.generate");
        var defaults = ReadSettings(edges, models, generated, inherited: null);
        var result = new EdgeSpec[count];
        for (var n = 0; n < count; n++)
        {
            result[n] = defaults.ToSpec(n);
        }

        if (!edges.HasPath("overrides"))
        {
            return result;
        }

        var overridden = new HashSet<int>();
        foreach (var entry in edges.GetConfigList("overrides"))
        {
            entry.RejectUnknownKeys(["id", Capacity, Storage, Cores, Bandwidth]);
            var id = entry.GetInt("id");
            if (id < 0 || id >= count)
            {
                throw entry.Error("id", $"edge {id} does not exist; ids run from 0 to {count - 1}");
            }

            if (!overridden.Add(id))
            {
                throw entry.Error("id", $"edge {id} is overridden more than once");
            }

            result[id] = ReadSettings(entry, models, generated, defaults).ToSpec(id);
        }

        return result;
    }

    /// <summary>
    /// Reads the settings of <paramref name="section"/>: all required for the defaults (<paramref name="inherited"/> null),
    /// otherwise those absent keep the inherited value.
    /// </summary>
    /// <param name="generated">The catalog is generated: a model's size comes from <c>models.generate.size-mb</c>, which the message then names.</param>
    private static Settings ReadSettings(Config section, ModelCatalog models, bool generated, Settings? inherited)
    {
        var capacity = inherited is null || section.HasPath(Capacity) ? section.PositiveDouble(Capacity) * 1e9 : inherited.CapacityHz;
        var storage = inherited is null || section.HasPath(Storage) ? section.PositiveDouble(Storage) * 1e9 : inherited.StorageBytes;
        var cores = inherited is null || section.HasPath(Cores) ? section.PositiveInt(Cores) : inherited.Cores;
        var bandwidth = inherited is null || section.HasPath(Bandwidth) ? section.PositiveDouble(Bandwidth) * 1e6 : inherited.BandwidthHz;
        if (section.HasPath(Storage) && storage * 8.0 < models.SmallestSizeBits)
        {
            var smallest = models.Types.MinBy(m => m.SizeBits)!;
            throw section.Error(Storage,
                $"{ScenarioValidation.Format(storage / 1e9)} GB is smaller than the smallest model " +
                $"({smallest.Name}, {(generated ? "drawn from models.generate.size-mb" : $"models.types[{smallest.Id}].size-mb")} = {ScenarioValidation.Format(smallest.SizeBits / 8e6)} MB), so nothing could be cached");
        }

        return new Settings(capacity, storage, cores, bandwidth);
    }

    private sealed record Settings(double CapacityHz, double StorageBytes, int Cores, double BandwidthHz)
    {
        public EdgeSpec ToSpec(int id) => new(id, CapacityHz, StorageBytes, Cores, BandwidthHz);
    }
}
