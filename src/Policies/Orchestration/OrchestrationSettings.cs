using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// Paper 003's experiment, from the scenario's <c>orchestration</c> section: the Table 5 experiment (checked against
/// the links the scenario sets), the accuracy threshold of eq. (4), the Table 4 variants, the calibrated Int8 speed-up of
/// the devices, the decision message, the agents' hyper-parameters and the decision time charged when asked to.
/// Scenarios without the section get <see cref="None"/>; the policies of paper 003 refuse to run on them.
/// </summary>
public sealed record OrchestrationSettings(
    string Experiment,
    double Threshold,
    IReadOnlyList<ModelVariant> Variants,
    ModelVariant OffloadVariant,
    double DeviceInt8Speedup,
    double InferenceOverheadSeconds,
    double DecisionBits,
    double RegularBps,
    double EdgeRegularBps,
    double EdgeWeakBps,
    bool ChargeDecisionTime,
    IReadOnlyDictionary<string, double> DecisionSeconds,
    LearningSettings QLearning,
    LearningSettings Dqn)
{
    public const string Section = "orchestration";

    public static OrchestrationSettings None { get; } = new(
        "", 0, [], new ModelVariant("", 0, false, 0, 0), 1, 0, 0, 0, 0, 0, false, new Dictionary<string, double>(), new(0, 0, [], [], 0, 0), new(0, 0, [], [], 0, 0));

    /// <summary>The load (background share of a processor, memory in use) from which a monitor reports a node busy (Table 3).</summary>
    public double BusyLoad { get; init; } = 0.5;

    /// <summary>
    /// Whether each device sends its update (Fig. 4, step 5: its response time and resources) up to the cloud after its
    /// inference, over its link and the edge's link to the cloud, outside its response time.
    /// </summary>
    public bool ChargeUpdate { get; init; }

    /// <summary>The update's size (Table 12: 0.4 ms over a regular link).</summary>
    public double UpdateBits { get; init; }

    public bool IsPresent => Variants.Count > 0;

    /// <summary>The settings of <paramref name="system"/>'s scenario, which must have the section.</summary>
    public static OrchestrationSettings Of(Core.Decisions.SystemView system)
    {
        var settings = system.Scenario.PolicyParameters.Get<OrchestrationSettings>();
        return settings.IsPresent
            ? settings
            : throw new InvalidOperationException($"the policies of paper 003 need the scenario's '{Section}' section");
    }

    /// <summary>The variant whose accuracy the model's exit <paramref name="exit"/> carries.</summary>
    public ModelVariant VariantAtExit(int exit) => Variants.First(v => v.Exit == exit);

    /// <summary>The seconds charged for one decision of <paramref name="policy"/> (0 unless <see cref="ChargeDecisionTime"/>).</summary>
    public double DecisionTimeOf(string policy) => ChargeDecisionTime && DecisionSeconds.TryGetValue(policy, out var s) ? s : 0.0;

    /// <summary>Reads the section; without it, <see cref="None"/>, unless the scenario lists a policy of paper 003, which needs it.</summary>
    public static OrchestrationSettings Read(Config scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!scenario.HasPath(Section))
        {
            var needing = scenario.HasPath("policies") ? scenario.GetStringList("policies").Where(Paper003Policies.Names.Contains).ToList() : [];
            return needing.Count == 0
                ? None
                : throw scenario.Error(Section, $"missing: the policies {string.Join(", ", needing)} need the model variants, the experiment's rates and the agents' settings");
        }

        var section = scenario.Section(
            Section, "experiment", "threshold", "variants", "offload-variant", "device-int8-speedup", "inference-overhead-ms", "regular-mbps", "weak-mbps",
            "edge-regular-gbps", "edge-weak-gbps", "decision-kb", "charge-decision-time", "decision-ms", "q-learning", "dqn", "busy-load", "charge-update",
            "update-kb");
        var experiment = section.GetString("experiment");
        if (!Experiments.IsKnown(experiment))
        {
            throw section.Error("experiment", $"unknown experiment '{experiment}'; known: {string.Join(", ", Experiments.Names)} (paper 003, Table 5)");
        }

        var variants = ReadVariants(scenario, section);
        var threshold = ReadThreshold(section, variants);
        var offloadName = section.GetString("offload-variant");
        var offload = variants.FirstOrDefault(v => v.Name == offloadName)
            ?? throw section.Error("offload-variant", $"names no variant of {Section}.variants; known: {string.Join(", ", variants.Select(v => v.Name))}");
        CheckLinks(scenario, section, experiment);
        // Only this family's policies are charged a decision time: another key is a typo.
        var decisionMs = section.GetConfig("decision-ms");
        decisionMs.RejectUnknownKeys(Paper003Policies.Names.Order(StringComparer.Ordinal).ToArray());
        var decisionSeconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in decisionMs.Keys)
        {
            decisionSeconds[key] = decisionMs.NonNegativeDouble(key) / 1e3;
        }

        return new OrchestrationSettings(
            experiment,
            threshold,
            variants,
            offload,
            section.PositiveDouble("device-int8-speedup"),
            section.NonNegativeDouble("inference-overhead-ms") / 1e3,
            section.PositiveDouble("decision-kb") * 8e3,
            section.PositiveDouble("regular-mbps") * 1e6,
            section.PositiveDouble("edge-regular-gbps") * 1e9,
            section.PositiveDouble("edge-weak-gbps") * 1e9,
            section.GetBool("charge-decision-time"),
            decisionSeconds,
            ReadLearning(section, "q-learning", network: false),
            ReadLearning(section, "dqn", network: true))
        {
            BusyLoad = section.HasPath("busy-load") ? section.Probability("busy-load") : 0.5,
            ChargeUpdate = section.HasPath("charge-update") && section.GetBool("charge-update"),
            UpdateBits = section.HasPath("update-kb") || (section.HasPath("charge-update") && section.GetBool("charge-update")) ? section.PositiveDouble("update-kb") * 8e3 : 0.0,
        };
    }

    /// <summary>
    /// eq. (4)'s threshold: <c>min</c> (no constraint), <c>max</c> (the most accurate variant's accuracy) or a fraction in
    /// (0, 1].
    /// </summary>
    private static double ReadThreshold(Config section, IReadOnlyList<ModelVariant> variants)
    {
        var text = section.GetString("threshold");
        if (text == "min")
        {
            return 0.0;
        }

        if (text == "max")
        {
            return variants.Max(v => v.Accuracy);
        }

        var value = section.GetDouble("threshold");
        return value > 0 && value <= 1 ? value : throw section.Error("threshold", $"must be min, max or a fraction in (0, 1], got {ScenarioValidation.Format(value)}");
    }

    /// <summary>The Table 4 variants; each one's accuracy must be an exit's of the scenario's single model type.</summary>
    private static ModelVariant[] ReadVariants(Config scenario, Config section)
    {
        var models = scenario.GetConfigList("models.types");
        if (models.Count != 1)
        {
            throw scenario.Error("models.types", $"paper 003 has one model type whose exits carry the variants' accuracies, got {models.Count} types");
        }

        var exits = models[0].GetConfigList("blocks").Select(b => b.GetDouble("accuracy")).ToArray();
        var list = section.GetConfigList("variants");
        var variants = new ModelVariant[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            item.RejectUnknownKeys(["name", "mmacs", "format", "top5"]);
            var name = item.NonEmptyString("name");
            var format = item.GetString("format");
            if (format is not ("fp32" or "int8"))
            {
                throw item.Error("format", $"must be fp32 or int8, got '{format}'");
            }

            var accuracy = item.Probability("top5");
            var exit = Array.FindIndex(exits, a => Math.Abs(a - accuracy) < 1e-12) + 1;
            if (exit == 0)
            {
                throw item.Error("top5", $"{ScenarioValidation.Format(accuracy)} is no exit's accuracy of the model type {models[0].GetString("name")} ({models[0].Path}.blocks)");
            }

            if (variants.Take(i).Any(v => v.Name == name || v.Exit == exit))
            {
                throw item.Error("name", $"variant '{name}' repeats a name or an accuracy");
            }

            variants[i] = new ModelVariant(name, item.PositiveDouble("mmacs") * 1e6, format == "int8", accuracy, exit);
        }

        if (variants.Length == 0)
        {
            throw section.Error("variants", "must list at least one variant");
        }

        return variants;
    }

    /// <summary>
    /// The links the scenario sets must be the experiment's (Table 5): device u's rate the regular or weak one, the
    /// edge's link up to the cloud likewise; Table 5 covers five devices.
    /// </summary>
    private static void CheckLinks(Config scenario, Config section, string experiment)
    {
        var devices = scenario.GetInt("devices.count");
        if (devices > Experiments.DevicesCovered)
        {
            throw scenario.Error("devices.count", $"{devices} devices, but the network table (paper 003, Table 5) covers {Experiments.DevicesCovered}");
        }

        var regular = section.PositiveDouble("regular-mbps");
        var weak = section.PositiveDouble("weak-mbps");
        var rates = scenario.GetDoubleList("radio.device-rate-mbps");
        for (var u = 0; u < Math.Min(devices, rates.Count); u++)
        {
            var expected = Experiments.Device(experiment, u) == NetworkCondition.Regular ? regular : weak;
            if (Math.Abs(rates[u] - expected) > 1e-9 * expected)
            {
                throw scenario.Error("radio.device-rate-mbps", $"device S{u + 1}'s rate {ScenarioValidation.Format(rates[u])} is not the {Experiments.Device(experiment, u).ToString().ToLowerInvariant()} rate {ScenarioValidation.Format(expected)} of experiment {experiment}");
            }
        }

        var edge = Experiments.Edge(experiment) == NetworkCondition.Regular ? section.PositiveDouble("edge-regular-gbps") : section.PositiveDouble("edge-weak-gbps");
        var uplink = scenario.GetDouble("cloud.uplink-gbps");
        if (Math.Abs(uplink - edge) > 1e-9 * edge)
        {
            throw scenario.Error("cloud.uplink-gbps", $"{ScenarioValidation.Format(uplink)} is not the edge's {Experiments.Edge(experiment).ToString().ToLowerInvariant()} rate {ScenarioValidation.Format(edge)} of experiment {experiment}");
        }
    }

    /// <param name="network">The agent is a network (DQN): it needs its hidden widths (one per number of users), a replay memory and a batch size.</param>
    private static LearningSettings ReadLearning(Config section, string key, bool network)
    {
        var agent = section.Section(key, "learning-rate", "discount", "epsilon-decay", "hidden", "replay", "batch", "output-optimizer", "network");
        var decay = agent.GetDoubleList("epsilon-decay");
        if (decay.Count == 0 || decay.Any(d => !(d > 0 && d < 1)))
        {
            throw agent.Error("epsilon-decay", "must list one decay in (0, 1) per number of users");
        }

        var discount = agent.Fraction("discount");
        var hidden = network || agent.HasPath("hidden") ? agent.GetIntList("hidden") : [];
        if (hidden.Any(h => h < 1))
        {
            throw agent.Error("hidden", "widths must be positive");
        }

        if (network && hidden.Count == 0)
        {
            throw agent.Error("hidden", "must list the hidden width for each number of users, at least one");
        }

        var optimizer = agent.HasPath("output-optimizer") ? agent.GetString("output-optimizer") : "adam";
        if (optimizer is not ("adam" or "lazy-adam") || (!network && agent.HasPath("output-optimizer")))
        {
            throw agent.Error("output-optimizer", network ? $"'{optimizer}' is not adam or lazy-adam" : "only a network agent has an output layer");
        }

        var networkName = agent.HasPath("network") ? agent.GetString("network") : "joint-output";
        if (!network && agent.HasPath("network"))
        {
            throw agent.Error("network", "only the deep agent has a network");
        }

        var kind = networkName switch
        {
            "joint-output" => DqnNetwork.JointOutput,
            "state-action" => DqnNetwork.StateAction,
            _ => throw agent.Error("network", $"'{networkName}' is not joint-output or state-action"),
        };
        if (kind == DqnNetwork.StateAction && optimizer == "lazy-adam")
        {
            throw agent.Error("output-optimizer", "lazy-adam moves a joint-output network's columns; the state-action network has one output");
        }

        return new LearningSettings(
            agent.PositiveDouble("learning-rate"),
            discount,
            decay,
            hidden,
            network || agent.HasPath("replay") ? agent.PositiveInt("replay") : 0,
            network || agent.HasPath("batch") ? agent.PositiveInt("batch") : 0,
            optimizer == "lazy-adam",
            kind);
    }
}
