using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Models;
using MecActors.Core.Scenarios;

namespace MecActors.Policies.PreDnnOff;

/// <summary>
/// The scenario's <c>pre-dnnoff</c> section: the scenario model the layer profile describes (<c>model</c>), the profile
/// (<c>profile</c>, a layer profile file included in place), the latency regressions (<c>regressions</c>, Table 4.2) and
/// the GA's parameters (<c>ga</c>); <c>device-speedup</c> (default 1) divides every device layer time, for asking how a
/// faster device would change the placements; <c>cloud { speedup, wired-mbps }</c> (optional, absent in the paper's
/// experiments) adds the cloud as a third node (<see cref="CloudTier"/>), which needs the scenario's <c>cloud</c> section
/// with its links up (<c>cloud.uplink-gbps</c>) and down (<c>network.backhaul-gbps</c>) at the wired rate. The profile must agree with the scenario: the model's exits with the profile's
/// accuracies, the workload's input with the profile's input, and the requirement must be a distribution
/// (<c>workload.accuracy-requirement = { mean, sd }</c>) for the solvers to optimise over.
/// </summary>
public sealed record PreDnnOffSettings(string? ModelName, LayerProfile? Profile, LatencyRegressions? Regressions, GeneticSettings Genetic, double DeviceSpeedup = 1.0, CloudTier? Cloud = null)
{
    public const string Section = "pre-dnnoff";

    /// <summary>For a scenario without the section, whose policies do not use it.</summary>
    public static PreDnnOffSettings Absent { get; } = new(null, null, null, GeneticSettings.Paper);

    /// <summary>Reads the section; without it, <see cref="Absent"/>, unless the scenario lists a policy that needs it.</summary>
    public static PreDnnOffSettings Read(Config scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!scenario.HasPath(Section))
        {
            var needing = scenario.HasPath("policies") ? scenario.GetStringList("policies").Where(PreDnnOffPolicies.Names.Contains).ToList() : [];
            return needing.Count == 0
                ? Absent
                : throw scenario.Error(Section, $"missing: the policies {string.Join(", ", needing)} need the layer profile and its regressions");
        }

        var section = scenario.Section(Section, "model", "profile", "regressions", "ga", "device-speedup", "cloud");
        var profile = LayerProfileLoader.Read(section.GetConfig("profile"));
        var speedup = section.HasPath("device-speedup") ? section.PositiveDouble("device-speedup") : 1.0;
        var regressions = LatencyRegressions.Read(section.GetConfig("regressions")).WithFasterDevice(speedup);
        var modelName = section.NonEmptyString("model");
        CheckAgainstScenario(scenario, section, modelName, profile);
        return new PreDnnOffSettings(
            modelName,
            profile,
            regressions,
            section.HasPath("ga") ? ReadGenetic(section.Section("ga", "population", "iterations", "crossover", "mutation", "scaling", "elite")) : GeneticSettings.Paper,
            speedup,
            section.HasPath("cloud") ? ReadCloud(scenario, section.Section("cloud", "speedup", "wired-mbps")) : null);
    }

    /// <summary>The latency model of the scenario's system: its wireless rate and its requirement distribution.</summary>
    public LayerLatencyModel ModelFor(SystemView system, double? wirelessBps = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (Profile is null || Regressions is null)
        {
            throw new InvalidOperationException($"the scenario has no {Section} section");
        }

        var workload = system.Scenario.Workload;
        var radio = system.Scenario.Radio;
        var exits = new ExitDistribution(Profile, workload.AccuracyRequirementMean, workload.AccuracyRequirementSd);
        return new LayerLatencyModel(Profile, Regressions, wirelessBps ?? WirelessBps(system.Scenario), exits, Cloud);
    }

    /// <summary>
    /// v_wireless of eq. (4.2), W log2(1 + SNR): the task's rate on the band it transmits over (its share B_n / U_n under
    /// a dedicated radio, the whole band when transfers take turns or share it), from the scenario's fixed channel or
    /// the middle of its drawn rates.
    /// </summary>
    public static double WirelessBps(ScenarioSpec scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var radio = scenario.Radio;
        if (radio.DrawsRates)
        {
            return (radio.RateMinBps + radio.RateMaxBps) / 2;
        }

        var band = scenario.Edges[0].BandwidthHz;
        var width = scenario.Disciplines.Wireless == LinkDiscipline.Dedicated ? band / scenario.DevicesInCell(0) : band;
        var gain = Core.Network.Radio.PathGain(radio, radio.MinDistanceM);
        return Core.Network.Radio.UplinkRateBps(radio, gain, width);
    }

    /// <summary>The scenario model's index.</summary>
    public int ModelIdIn(SystemView system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.Scenario.Models.Types.First(m => m.Name == ModelName).Id;
    }

    private static void CheckAgainstScenario(Config scenario, Config section, string modelName, LayerProfile profile)
    {
        var types = scenario.GetConfigList("models.types");
        var model = types.FirstOrDefault(t => t.GetString("name") == modelName)
            ?? throw section.Error("model", $"names no entry of models.types: \"{modelName}\"");
        var blocks = model.GetConfigList("blocks");
        if (blocks.Count != profile.Exits.Count)
        {
            throw section.Error("model", $"model \"{modelName}\" has {blocks.Count} exits ({model.Path}.blocks), the profile {profile.Exits.Count} ({Section}.profile.exits)");
        }

        for (var k = 0; k < blocks.Count; k++)
        {
            if (blocks[k].GetDouble("accuracy") != profile.Exits[k].Accuracy)
            {
                throw blocks[k].Error("accuracy", $"must equal the profile's exit {k + 1} accuracy {ScenarioValidation.Format(profile.Exits[k].Accuracy)}");
            }
        }

        var input = scenario.GetDoubleList("workload.input-mb");
        if (input.Any(mb => Math.Abs(mb * 1e6 - profile.InputBytes) > 1e-6))
        {
            throw scenario.Error("workload.input-mb", $"must be [{profile.InputBytes / 1e6}, {profile.InputBytes / 1e6}]: the profile's input of {profile.InputBytes} bytes");
        }

        if (!scenario.HasPath("workload.accuracy-requirement") || scenario.IsList("workload.accuracy-requirement"))
        {
            throw scenario.Error("workload.accuracy-requirement", "must be a distribution { mean, sd }: the solvers minimise the expected latency over it");
        }

        if (!scenario.HasPath("radio.rate-mbps"))
        {
            var distance = scenario.GetDoubleList("radio.distance-m");
            if (distance.Count != 2 || distance[0] != distance[1])
            {
                throw scenario.Error("radio.distance-m", "must be one distance [d, d] (or give radio.rate-mbps): the solvers plan with one v_wireless");
            }

            if (scenario.GetBool("radio.rayleigh-fading"))
            {
                throw scenario.Error("radio.rayleigh-fading", "must be off: the solvers plan with one v_wireless");
            }
        }

        if (scenario.GetInt("edges.count") != 1)
        {
            throw scenario.Error("edges.count", "must be 1: paper 001's system has one edge server");
        }
    }

    /// <summary>The cloud tier; the engine must carry its wired link at the same rate both ways, or the plan and the run would differ.</summary>
    private static CloudTier ReadCloud(Config scenario, Config cloud)
    {
        var speedup = cloud.PositiveDouble("speedup");
        var wiredBps = cloud.PositiveDouble("wired-mbps") * 1e6;
        if (!scenario.HasPath("cloud"))
        {
            throw cloud.Error("wired-mbps", "needs the scenario's cloud section: the cloud's layers run on its processor");
        }

        var backhaulBps = scenario.GetDouble("network.backhaul-gbps") * 1e9;
        var uplinkBps = scenario.HasPath("cloud.uplink-gbps") ? scenario.GetDouble("cloud.uplink-gbps") * 1e9 : backhaulBps;
        if (Math.Abs(uplinkBps - wiredBps) > 1e-9 * wiredBps)
        {
            throw scenario.Error(scenario.HasPath("cloud.uplink-gbps") ? "cloud.uplink-gbps" : "network.backhaul-gbps", $"must be {ScenarioValidation.Format(wiredBps / 1e9)}: the cloud's wired rate up, pre-dnnoff.cloud.wired-mbps");
        }

        if (Math.Abs(backhaulBps - wiredBps) > 1e-9 * wiredBps)
        {
            throw scenario.Error("network.backhaul-gbps", $"must be {ScenarioValidation.Format(wiredBps / 1e9)}: the cloud's wired rate down, pre-dnnoff.cloud.wired-mbps");
        }

        return new CloudTier(speedup, wiredBps);
    }

    private static GeneticSettings ReadGenetic(Config ga)
    {
        var paper = GeneticSettings.Paper;
        var population = ga.HasPath("population") ? ga.PositiveInt("population") : paper.Population;
        if (population < 2)
        {
            throw ga.Error("population", "must be at least 2: crossover needs two parents");
        }

        var scaling = ga.HasPath("scaling") ? ga.PositiveDouble("scaling") : paper.ScalingMultiple;
        if (scaling <= 1)
        {
            throw ga.Error("scaling", $"must exceed 1 (the best gets that multiple of the mean fitness), got {ScenarioValidation.Format(scaling)}");
        }

        return new GeneticSettings(
            population,
            ga.HasPath("iterations") ? ga.PositiveInt("iterations") : paper.Iterations,
            ga.HasPath("crossover") ? ga.Fraction("crossover") : paper.CrossoverProbability,
            ga.HasPath("mutation") ? ga.Fraction("mutation") : paper.MutationProbability,
            scaling,
            ga.HasPath("elite") ? ga.GetInt("elite") is var elite && elite >= 0 && elite < population ? elite : throw ga.Error("elite", $"must lie in 0..{population - 1}, got {elite}") : paper.Elite);
    }
}
