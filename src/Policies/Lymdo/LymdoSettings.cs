using MecActors.Core.Configuration;
using MecActors.Core.Models;
using MecActors.Core.Scenarios;
using MecActors.Policies.PreDnnOff;

namespace MecActors.Policies.Lymdo;

/// <summary>
/// The scenario's <c>lymdo</c> section: the scenario model the layer profile describes (<c>model</c>), the profile
/// (<c>profile</c>) and its latency regressions (<c>regressions</c>, Table 4.2 of paper 001), the exit whose chain is cut
/// (<c>exit</c>, 1-based), the factors by which the UE and the ES run faster than the regressions' nodes
/// (<c>device-speedup</c>, <c>edge-speedup</c>), the partition points the policies choose from (<c>partition-points</c>:
/// layers run on the UE, 0 to the chain's length), the drift-plus-penalty weight V (<c>v</c>) and the lowest UE frequency
/// (<c>min-frequency-ghz</c>). Each UE's energy budget per slot E_u is the devices' <c>devices.compute.energy-budget-j</c>,
/// which the results check for every policy.
/// </summary>
public sealed record LymdoSettings(
    string? ModelName,
    LayerProfile? Profile,
    LatencyRegressions? Regressions,
    int Exit,
    double DeviceSpeedup,
    double EdgeSpeedup,
    IReadOnlyList<int> PartitionPoints,
    double V,
    double MinFrequencyHz)
{
    public const string Section = "lymdo";

    /// <summary>The most combinations of partition points <c>lymdo-exhaustive</c> searches in a slot.</summary>
    public const int ExhaustiveLimit = 729;

    /// <summary>For a scenario without the section, whose policies do not use it.</summary>
    public static LymdoSettings Absent { get; } = new(null, null, null, 1, 1.0, 1.0, [], 0.0, 0.0);

    /// <summary>Reads the section; without it, <see cref="Absent"/>, unless the scenario lists a policy that needs it.</summary>
    public static LymdoSettings Read(Config scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var listed = scenario.HasPath("policies") ? scenario.GetStringList("policies") : [];
        if (!scenario.HasPath(Section))
        {
            var needing = listed.Where(LymdoPolicies.Names.Contains).ToList();
            return needing.Count == 0
                ? Absent
                : throw scenario.Error(Section, $"missing: the policies {string.Join(", ", needing)} need the layer profile, the energy budget and V");
        }

        var section = scenario.Section(
            Section, "model", "profile", "regressions", "exit", "device-speedup", "edge-speedup", "partition-points", "v", "min-frequency-ghz");
        var profile = LayerProfileLoader.Read(section.GetConfig("profile"));
        var regressions = LatencyRegressions.Read(section.GetConfig("regressions"));
        var modelName = section.NonEmptyString("model");
        var exit = section.PositiveInt("exit");
        if (exit > profile.Exits.Count)
        {
            throw section.Error("exit", $"must lie in 1..{profile.Exits.Count} (the profile's exits), got {exit}");
        }

        var layers = profile.PathTo(exit - 1).Count;
        var points = section.GetIntList("partition-points");
        if (points.Count == 0)
        {
            throw section.Error("partition-points", "must list at least one partition point");
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i] < 0 || points[i] > layers)
            {
                throw section.Error("partition-points", $"entry {i} is {points[i]}, outside the profile: a partition point is 0..{layers}, the layers of exit {exit}'s chain ({Section}.profile.layers) run on the UE");
            }

            if (points.Take(i).Contains(points[i]))
            {
                throw section.Error("partition-points", $"lists {points[i]} twice");
            }
        }

        var v = section.NonNegativeDouble("v");
        var minHz = section.PositiveDouble("min-frequency-ghz") * 1e9;
        CheckAgainstScenario(scenario, section, modelName, profile, minHz);
        if (listed.Contains(LymdoPolicies.ExhaustiveName))
        {
            var combinations = Math.Pow(points.Count, scenario.GetInt("devices.count"));
            if (combinations > ExhaustiveLimit)
            {
                throw scenario.Error(
                    "devices.count",
                    $"gives {ScenarioValidation.Format(combinations)} combinations of {points.Count} partition points, more than the {ExhaustiveLimit} {LymdoPolicies.ExhaustiveName} searches in a slot");
            }
        }

        return new LymdoSettings(
            modelName,
            profile,
            regressions,
            exit,
            section.HasPath("device-speedup") ? section.PositiveDouble("device-speedup") : 1.0,
            section.HasPath("edge-speedup") ? section.PositiveDouble("edge-speedup") : 1.0,
            points,
            v,
            minHz);
    }

    /// <summary>The scenario model's index.</summary>
    public int ModelIdIn(ScenarioSpec scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Models.Types.First(m => m.Name == ModelName).Id;
    }

    private static void CheckAgainstScenario(Config scenario, Config section, string modelName, LayerProfile profile, double minHz)
    {
        var model = scenario.GetConfigList("models.types").FirstOrDefault(t => t.GetString("name") == modelName)
            ?? throw section.Error("model", $"names no entry of models.types: \"{modelName}\"");
        if (model.GetConfigList("blocks").Count != profile.Exits.Count)
        {
            throw section.Error("model", $"model \"{modelName}\" has {model.GetConfigList("blocks").Count} exits ({model.Path}.blocks), the profile {profile.Exits.Count} ({Section}.profile.exits)");
        }

        var input = scenario.GetDoubleList("workload.input-mb");
        if (input.Any(mb => Math.Abs(mb * 1e6 - profile.InputBytes) > 1e-6))
        {
            throw scenario.Error("workload.input-mb", $"must be [{profile.InputBytes / 1e6}, {profile.InputBytes / 1e6}]: the profile's input of {profile.InputBytes} bytes");
        }

        if (!scenario.HasPath("devices.compute"))
        {
            throw scenario.Error("devices.compute", "missing: the UEs compute the layers before the partition point");
        }

        if (!scenario.HasPath("devices.compute.energy-budget-j"))
        {
            throw scenario.Error("devices.compute.energy-budget-j", "missing: each UE's average energy per slot E_u, which the virtual queues hold");
        }

        var coreHz = scenario.GetDouble("devices.compute.capacity-ghz") * 1e9 / scenario.GetInt("devices.compute.cores", 1);
        if (minHz > coreHz)
        {
            throw section.Error("min-frequency-ghz", $"must not exceed the UE's per-core capacity of {ScenarioValidation.Format(coreHz / 1e9)} GHz");
        }

        foreach (var (key, value) in new[] { ("disciplines.wireless", "allocated"), ("disciplines.edge", "allocated") })
        {
            if (!scenario.HasPath(key) || scenario.GetString(key) != value)
            {
                throw scenario.Error(key, $"must be {value}: the policies allocate it every slot");
            }
        }

        if (scenario.GetInt("edges.count") != 1)
        {
            throw scenario.Error("edges.count", "must be 1: paper 004's UEs share one ES");
        }
    }
}
