using MecActors.Core.Configuration;
using MecActors.Core.Network;
using MecActors.Core.Workload;

namespace MecActors.Core.Scenarios;

/// <summary>
/// Reads a scenario HOCON file into a validated <see cref="ScenarioSpec"/> in SI units
/// (GHz -> Hz, GB -> bytes, MB of models and inputs -> bits, MHz -> Hz, Gbps -> bit/s, ms -> s,
/// gigacycles -> cycles). Every problem is reported as a <see cref="ConfigException"/> naming the full key.
/// </summary>
public static class ScenarioLoader
{
    private const double BitsPerMegabyte = 8e6;

    private static readonly (string Name, TopologyKind Value)[] TopologyKinds =
        Enum.GetValues<TopologyKind>().Select(k => (TopologySpec.NameOf(k), k)).ToArray();

    private static readonly (string Name, DeviceAssignment Value)[] Assignments =
    [
        ("round-robin", DeviceAssignment.RoundRobin),
        ("block", DeviceAssignment.Block),
        ("per-edge", DeviceAssignment.PerEdge),
    ];

    private static readonly (string Name, LinkDiscipline Value)[] LinkDisciplines =
        Enum.GetValues<LinkDiscipline>().Select(d => (DisciplineNames.Of(d), d)).ToArray();

    private static readonly (string Name, DeadlineMode Value)[] DeadlineModes = [("complete", DeadlineMode.Complete), ("drop", DeadlineMode.Drop)];

    private static readonly (string Name, ComputeDiscipline Value)[] ComputeDisciplines =
        Enum.GetValues<ComputeDiscipline>().Select(d => (DisciplineNames.Of(d), d)).ToArray();

    /// <summary>Parses and validates the scenario file at <paramref name="path"/>.</summary>
    /// <param name="knownPolicies">The policies the caller can run: <c>policies</c> may name only these, and their parameters are read.</param>
    public static ScenarioSpec Load(string path, IKnownPolicies knownPolicies) =>
        FromConfig(HoconParser.ParseFile(path), knownPolicies);

    /// <summary>The top-level keys the loader reads itself; the policies' sections join them (<see cref="IKnownPolicies.Sections"/>).</summary>
    public static readonly IReadOnlyList<string> TopLevelKeys =
    [
        "name", "paper", "slot-ms", "slots", "seed", "models", "edges", "topology", "devices", "network", "radio", "workload", "objective",
        "disciplines", "policies", "cloud", "on-deadline", "dynamics", "metrics", "faults",
    ];

    /// <summary>
    /// Validates a parsed scenario (possibly with overrides applied) and converts it to SI units. The system's own keys
    /// are validated before the policies' sections are read, so that a policy's reader may rely on them.
    /// </summary>
    /// <param name="knownPolicies">The policies the caller can run: <c>policies</c> may name only these, and their parameters are read.</param>
    public static ScenarioSpec FromConfig(Config config, IKnownPolicies knownPolicies)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(knownPolicies);

        config.RejectUnknownKeys([.. TopLevelKeys, .. knownPolicies.Sections]);
        var name = config.NonEmptyString("name");
        var paper = config.NonEmptyString("paper");
        var slotSeconds = config.PositiveDouble("slot-ms") / 1e3;
        var slots = config.PositiveInt("slots");
        var seed = config.GetInt("seed");
        var models = ModelCatalogLoader.Read(config);
        var edges = EdgeLoader.Read(config, models);
        var topology = ReadTopology(config, edges.Count);
        var devices = ReadDevices(config, edges.Count);
        var network = ReadNetwork(config);
        var policies = ReadPolicies(config, knownPolicies.Names);
        var radio = ReadRadio(config, devices.Count);
        var workload = ReadWorkload(config, slotSeconds);
        var objective = ReadObjective(config);
        var disciplines = ReadDisciplines(config);
        var deviceCompute = ReadDeviceCompute(config);
        var cloud = ReadCloud(config, network);
        var onDeadline = config.HasPath("on-deadline") ? config.OneOf("on-deadline", DeadlineModes) : DeadlineMode.Complete;
        var dynamics = ReadDynamics(config, radio, cloud);
        var successAccuracy = ReadMetrics(config);

        var scenario = new ScenarioSpec(
            name,
            paper,
            slotSeconds,
            slots,
            seed,
            topology,
            edges,
            network,
            radio,
            devices,
            models,
            workload,
            objective,
            knownPolicies.ReadParameters(config),
            disciplines,
            policies,
            DeviceCompute: deviceCompute,
            Cloud: cloud,
            OnDeadline: onDeadline,
            Dynamics: dynamics)
        {
            ReportsSuccessAccuracy = successAccuracy,
        };
        return scenario with { Faults = FaultPlanLoader.Read(config, FaultContext.Of(scenario)) };
    }

    /// <summary>
    /// Optional <c>metrics</c>: the results' metrics beyond the contract's fixed ones. Only <c>success-accuracy</c> for now
    /// (paper 002's average accuracy); off by default so that the summaries of other scenarios keep their bytes.
    /// </summary>
    private static bool ReadMetrics(Config root) =>
        root.HasPath("metrics") && root.Section("metrics", "success-accuracy").GetBool("success-accuracy");

    /// <summary>Optional <c>dynamics</c>: what varies per slot beyond the workload, and what the policy knows of it.</summary>
    private static DynamicsSpec? ReadDynamics(Config root, RadioSpec radio, CloudSpec? cloud)
    {
        if (!root.HasPath("dynamics"))
        {
            return null;
        }

        var section = root.Section(
            "dynamics", "edge-availability", "compute-fluctuation", "csi-error", "device-availability", "cloud-availability", "memory-load", "users", "links");
        var availability = AvailableFraction(section, "edge-availability");
        var fluctuation = section.HasPath("compute-fluctuation") ? section.NonNegativeDouble("compute-fluctuation") : 0.0;
        if (fluctuation >= 1)
        {
            throw section.Error("compute-fluctuation", $"must be below 1 (cycles times a factor in [1 - f, 1 + f]), got {ScenarioValidation.Format(fluctuation)}");
        }

        var csi = section.HasPath("csi-error") ? section.NonNegativeDouble("csi-error") : 0.0;
        if (section.HasPath("cloud-availability") && cloud is null)
        {
            throw section.Error("cloud-availability", "the scenario has no cloud");
        }

        return new DynamicsSpec(availability.Min, availability.Max, fluctuation, csi)
        {
            DeviceAvailability = AvailableFraction(section, "device-availability"),
            CloudAvailability = AvailableFraction(section, "cloud-availability"),
            MemoryLoad = section.HasPath("memory-load") ? section.Range("memory-load", v => v >= 0 && v <= 1, "a fraction in [0, 1]") : (0.0, 0.0),
            Users = section.HasPath("users") ? ReadUsers(section) : null,
            Links = section.HasPath("links") ? ReadLinks(root, section, radio, cloud) : null,
        };
    }

    /// <summary>A node's available fraction of its capacity per slot, a range in (0, 1]; all of it without the key.</summary>
    private static (double Min, double Max) AvailableFraction(Config section, string key) =>
        section.HasPath(key) ? section.Range(key, a => a > 0 && a <= 1, "a fraction in (0, 1]") : (1.0, 1.0);

    private static UserActivitySpec ReadUsers(Config dynamics)
    {
        var section = dynamics.Section("users", "join-probability", "leave-probability");
        return new UserActivitySpec(section.Fraction("join-probability"), section.Fraction("leave-probability"));
    }

    /// <summary>
    /// <c>dynamics.links</c>: the two conditions of the devices' links and of the edges' links to the cloud; each link
    /// starts in the condition its scenario rate is, so those rates must be one of the two.
    /// </summary>
    private static LinkSwitchingSpec ReadLinks(Config root, Config dynamics, RadioSpec radio, CloudSpec? cloud)
    {
        var section = dynamics.Section(
            "links", "to-weak-probability", "to-regular-probability", "device-regular-mbps", "device-weak-mbps", "uplink-regular-gbps", "uplink-weak-gbps");
        var spec = new LinkSwitchingSpec(
            section.Fraction("to-weak-probability"),
            section.Fraction("to-regular-probability"),
            section.PositiveDouble("device-regular-mbps") * 1e6,
            section.PositiveDouble("device-weak-mbps") * 1e6,
            section.PositiveDouble("uplink-regular-gbps") * 1e9,
            section.PositiveDouble("uplink-weak-gbps") * 1e9);
        if (!(spec.DeviceWeakBps < spec.DeviceRegularBps))
        {
            throw section.Error("device-weak-mbps", $"must be below dynamics.links.device-regular-mbps ({ScenarioValidation.Format(spec.DeviceRegularBps / 1e6)}), got {ScenarioValidation.Format(spec.DeviceWeakBps / 1e6)}");
        }

        if (!(spec.UplinkWeakBps < spec.UplinkRegularBps))
        {
            throw section.Error("uplink-weak-gbps", $"must be below dynamics.links.uplink-regular-gbps ({ScenarioValidation.Format(spec.UplinkRegularBps / 1e9)}), got {ScenarioValidation.Format(spec.UplinkWeakBps / 1e9)}");
        }

        var rates = radio.DeviceRatesBps ?? throw section.Error("device-regular-mbps", "switches the devices' rates, which needs radio.device-rate-mbps (one fixed rate per device)");
        for (var u = 0; u < rates.Count; u++)
        {
            if (LinkSwitching.ConditionOf(rates[u], spec.DeviceRegularBps, spec.DeviceWeakBps) is null)
            {
                throw root.Error(
                    "radio.device-rate-mbps",
                    $"device {u}'s rate {ScenarioValidation.Format(rates[u] / 1e6)} is neither dynamics.links.device-regular-mbps nor dynamics.links.device-weak-mbps, so its condition in slot 1 is unknown");
            }
        }

        var uplink = cloud ?? throw section.Error("uplink-regular-gbps", "switches the edges' links to the cloud, but the scenario has no cloud");
        if (LinkSwitching.ConditionOf(uplink.UplinkRateBps, spec.UplinkRegularBps, spec.UplinkWeakBps) is null)
        {
            throw section.Error("uplink-regular-gbps", $"neither it nor dynamics.links.uplink-weak-gbps is cloud.uplink-gbps ({ScenarioValidation.Format(uplink.UplinkRateBps / 1e9)}), so the edges' condition in slot 1 is unknown");
        }

        return spec;
    }

    /// <summary>Optional <c>devices.compute</c>: the devices' own processors, and with them the energy model.</summary>
    private static DeviceComputeSpec? ReadDeviceCompute(Config root)
    {
        if (!root.HasPath("devices.compute"))
        {
            return null;
        }

        var section = root.GetConfig("devices").Section("compute", "capacity-ghz", "cores", "kappa", "energy-budget-j");
        var cores = section.HasPath("cores") ? section.PositiveInt("cores") : 1;
        var kappa = section.HasPath("kappa") ? section.NonNegativeDouble("kappa") : 0.0;
        double? budget = section.HasPath("energy-budget-j") ? section.PositiveDouble("energy-budget-j") : null;
        return new DeviceComputeSpec(section.PositiveDouble("capacity-ghz") * 1e9, cores, kappa, budget);
    }

    /// <summary>Optional <c>cloud</c>: the cloud's processor and each edge's link up to it (by default at the backhaul's rate).</summary>
    private static CloudSpec? ReadCloud(Config root, NetworkSpec network)
    {
        if (!root.HasPath("cloud"))
        {
            return null;
        }

        var section = root.Section("cloud", "capacity-ghz", "cores", "uplink-gbps");
        var cores = section.HasPath("cores") ? section.PositiveInt("cores") : 1;
        var uplink = section.HasPath("uplink-gbps") ? section.PositiveDouble("uplink-gbps") * 1e9 : network.BackhaulRateBps;
        return new CloudSpec(section.PositiveDouble("capacity-ghz") * 1e9, cores, uplink);
    }

    private static TopologySpec ReadTopology(Config root, int edges)
    {
        var section = root.Section("topology", "kind", "adjacency");
        var kind = section.OneOf("kind", TopologyKinds);
        if (kind != TopologyKind.Adjacency)
        {
            return section.HasPath("adjacency")
                ? throw section.Error("adjacency", $"is used only with kind = adjacency, not kind = {TopologySpec.NameOf(kind)}")
                : new TopologySpec(kind);
        }

        var rows = section.GetIntMatrix("adjacency");
        if (rows.Count != edges)
        {
            throw section.Error("adjacency", $"has {rows.Count} rows for {edges} edges; give one row of neighbours per edge");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var j in rows[i])
            {
                if (j < 0 || j >= edges)
                {
                    throw section.Error($"adjacency[{i}]", $"names edge {j}, outside 0..{edges - 1}");
                }
            }
        }

        var spec = new TopologySpec(kind, rows);
        try
        {
            _ = new Topology(spec, edges);
        }
        catch (ArgumentException e)
        {
            throw section.Error("adjacency", e.Message);
        }

        return spec;
    }

    private static DeviceSpec ReadDevices(Config root, int edges)
    {
        var section = root.Section("devices", "count", "assignment", "per-edge", "compute");
        var count = section.PositiveInt("count");
        var assignment = section.OneOf("assignment", Assignments);
        if (assignment != DeviceAssignment.PerEdge)
        {
            if (section.HasPath("per-edge"))
            {
                throw section.Error("per-edge", "only with assignment = per-edge");
            }

            return new DeviceSpec(count, assignment);
        }

        var perEdge = section.GetIntList("per-edge");
        if (perEdge.Count != edges)
        {
            throw section.Error("per-edge", $"expected one device count per edge (edges.count = {edges}), got {perEdge.Count}");
        }

        for (var e = 0; e < perEdge.Count; e++)
        {
            if (perEdge[e] < 1)
            {
                throw section.Error($"per-edge[{e}]", $"must be a positive integer, got {perEdge[e]}");
            }
        }

        return perEdge.Sum() == count
            ? new DeviceSpec(count, assignment, perEdge.ToArray())
            : throw section.Error("per-edge", $"the counts sum to {perEdge.Sum()}, but devices.count is {count}");
    }

    private static NetworkSpec ReadNetwork(Config root)
    {
        var section = root.Section("network", "fiber-gbps", "backhaul-gbps");
        return new NetworkSpec(section.PositiveDouble("fiber-gbps") * 1e9, section.PositiveDouble("backhaul-gbps") * 1e9);
    }

    /// <summary>The keys of the path-loss channel model, which drawn rates replace.</summary>
    private static readonly string[] ChannelModelKeys = ["path-loss-intercept-db", "path-loss-slope-db", "distance-m", "rayleigh-fading"];

    private static RadioSpec ReadRadio(Config root, int devices)
    {
        var section = root.Section(
            "radio", "tx-power-w", "noise-dbm-per-hz", "path-loss-intercept-db", "path-loss-slope-db", "distance-m", "rayleigh-fading", "rate-mbps",
            "device-rate-mbps");
        var power = section.PositiveDouble("tx-power-w");
        var noise = section.GetDouble("noise-dbm-per-hz");
        if (section.HasPath("device-rate-mbps"))
        {
            return new RadioSpec(power, noise, 0.0, 1.0, 1.0, 1.0, false, DeviceRatesBps: ReadDeviceRates(section, devices));
        }

        if (section.HasPath("rate-mbps"))
        {
            foreach (var key in ChannelModelKeys)
            {
                if (section.HasPath(key))
                {
                    throw section.Error(key, "is not used with rate-mbps: each device's rate is drawn per slot, not derived from a channel model");
                }
            }

            var rate = section.Range("rate-mbps", ScenarioValidation.IsPositive, "positive");
            return new RadioSpec(power, noise, 0.0, 1.0, 1.0, 1.0, false, rate.Min * 1e6, rate.Max * 1e6);
        }

        var intercept = section.GetDouble("path-loss-intercept-db");
        var slope = section.PositiveDouble("path-loss-slope-db");
        var distance = section.Range("distance-m", ScenarioValidation.IsPositive, "positive");
        var spec = new RadioSpec(power, noise, intercept, slope, distance.Min, distance.Max, section.GetBool("rayleigh-fading"));
        RequireUsableChannel(section, spec);
        return spec;
    }

    /// <summary>
    /// The channel model must give a device at either end of <c>distance-m</c> a positive, finite rate over any band up to
    /// <see cref="WidestBandHz"/>: the four keys together decide it, so the message names them all.
    /// </summary>
    private static void RequireUsableChannel(Config section, RadioSpec radio)
    {
        foreach (var distance in new[] { radio.MinDistanceM, radio.MaxDistanceM })
        {
            var efficiency = Radio.SpectralEfficiency(radio, Radio.PathGain(radio, distance), WidestBandHz);
            if (!(efficiency > 0) || double.IsInfinity(efficiency))
            {
                var radioKey = section.Path;
                throw section.Error(
                    "",
                    $"{radioKey}.tx-power-w = {ScenarioValidation.Format(radio.TxPowerW)}, {radioKey}.noise-dbm-per-hz = {ScenarioValidation.Format(radio.NoiseDbmPerHz)}, " +
                    $"{radioKey}.path-loss-intercept-db = {ScenarioValidation.Format(radio.PathLossInterceptDb)} and {radioKey}.path-loss-slope-db = {ScenarioValidation.Format(radio.PathLossSlopeDb)} " +
                    $"give a device at {ScenarioValidation.Format(distance)} m ({radioKey}.distance-m) a spectral efficiency of {ScenarioValidation.Format(efficiency)} bit/s/Hz; it must be positive and finite");
            }
        }
    }

    /// <summary>The widest band the channel check assumes a device may have to itself.</summary>
    private const double WidestBandHz = 1e9;

    /// <summary><c>radio.device-rate-mbps</c>: one fixed rate per device (entry u for device u), in place of the channel model and of drawn rates.</summary>
    private static double[] ReadDeviceRates(Config section, int devices)
    {
        foreach (var key in ChannelModelKeys.Append("rate-mbps"))
        {
            if (section.HasPath(key))
            {
                throw section.Error(key, "is not used with device-rate-mbps: each device's rate is fixed, not drawn or derived from a channel model");
            }
        }

        if (!section.IsList("device-rate-mbps"))
        {
            throw section.Error("device-rate-mbps", "must be a list of rates, one per device");
        }

        var rates = section.GetDoubleList("device-rate-mbps");
        if (rates.Count < devices)
        {
            throw section.Error("device-rate-mbps", $"gives {rates.Count} rates, but devices.count = {devices} needs one per device");
        }

        var bps = new double[devices];
        for (var u = 0; u < devices; u++)
        {
            if (!ScenarioValidation.IsPositive(rates[u]))
            {
                throw section.Error("device-rate-mbps", $"rate {u} must be positive, got {ScenarioValidation.Format(rates[u])}");
            }

            bps[u] = rates[u] * 1e6;
        }

        return bps;
    }

    private static readonly (string Name, ArrivalKind Value)[] ArrivalKinds =
    [
        ("bernoulli", ArrivalKind.Bernoulli),
        ("poisson", ArrivalKind.Poisson),
        ("periodic", ArrivalKind.Periodic),
    ];

    /// <summary>The keys that belong to one arrival kind only.</summary>
    private static readonly (string Key, ArrivalKind Kind)[] ArrivalKeys =
    [
        ("task-probability", ArrivalKind.Bernoulli),
        ("rate-per-s", ArrivalKind.Poisson),
        ("frame-ms", ArrivalKind.Periodic),
    ];

    private static WorkloadSpec ReadWorkload(Config root, double slotSeconds)
    {
        var section = root.Section(
            "workload", "arrivals", "task-probability", "rate-per-s", "frame-ms", "input-mb", "zipf-exponent", "popularity-learning-rate",
            "popularity-noise", "deadline-ms", "accuracy-requirement");
        var arrivals = section.HasPath("arrivals") ? section.OneOf("arrivals", ArrivalKinds) : ArrivalKind.Bernoulli;
        var arrivalsName = ArrivalKinds.First(k => k.Value == arrivals).Name;
        foreach (var (key, kind) in ArrivalKeys)
        {
            if (kind != arrivals && section.HasPath(key))
            {
                throw section.Error(key, $"is used only with arrivals = {ArrivalKinds.First(k => k.Value == kind).Name}, not arrivals = {arrivalsName}");
            }
        }

        var probability = arrivals == ArrivalKind.Bernoulli ? section.Probability("task-probability") : 0.0;
        var rate = arrivals == ArrivalKind.Poisson ? section.PositiveDouble("rate-per-s") : 0.0;
        var frame = arrivals == ArrivalKind.Periodic ? section.PositiveDouble("frame-ms") / 1e3 : 0.0;
        var input = section.Range("input-mb", ScenarioValidation.IsPositive, "positive");
        var zipf = section.NonNegativeDouble("zipf-exponent");
        var learningRate = section.Fraction("popularity-learning-rate");
        var noise = section.NonNegativeDouble("popularity-noise");
        var deadline = section.IsList("deadline-ms")
            ? section.Range("deadline-ms", ScenarioValidation.IsPositive, "positive")
            : (Min: section.PositiveDouble("deadline-ms"), Max: section.PositiveDouble("deadline-ms"));
        var normal = section.IsObject("accuracy-requirement");
        var accuracy = section.HasPath("accuracy-requirement") && !normal
            ? section.Range("accuracy-requirement", a => a >= 0 && a <= 1, "in [0, 1]")
            : (Min: 0.0, Max: 0.0);
        var normalAccuracy = normal
            ? ReadNormalRequirement(section.Section("accuracy-requirement", "mean", "sd"))
            : (Mean: 0.0, Sd: 0.0);
        var spec = new WorkloadSpec(
            probability, input.Min * BitsPerMegabyte, input.Max * BitsPerMegabyte, zipf, learningRate, noise, deadline.Min / 1e3)
        {
            Arrivals = arrivals,
            RatePerSecond = rate,
            FrameSeconds = frame,
            DeadlineMaxSeconds = deadline.Max / 1e3,
            AccuracyRequirementMin = accuracy.Min,
            AccuracyRequirementMax = accuracy.Max,
            AccuracyRequirementMean = normalAccuracy.Mean,
            AccuracyRequirementSd = normalAccuracy.Sd,
        };

        var bound = TaskArrivals.MaxTasksPerSlot(spec, slotSeconds);
        if (bound > TaskArrivals.Limit)
        {
            var key = arrivals == ArrivalKind.Poisson ? "rate-per-s" : "frame-ms";
            throw section.Error(
                key,
                $"allows up to {bound} tasks per device in a slot of {ScenarioValidation.Format(slotSeconds * 1e3)} ms, more than the limit of {TaskArrivals.Limit} that task ids are built for");
        }

        return spec;
    }

    /// <summary>A normal accuracy requirement <c>{ mean, sd }</c> (paper 001: ac ~ N(0.625, 0.053)); sd must be positive.</summary>
    private static (double Mean, double Sd) ReadNormalRequirement(Config requirement)
    {
        var mean = requirement.GetDouble("mean");
        if (!(mean >= 0 && mean <= 1))
        {
            throw requirement.Error("mean", $"must lie in [0, 1], got {ScenarioValidation.Format(mean)}");
        }

        return (mean, requirement.PositiveDouble("sd"));
    }

    private static ObjectiveSpec ReadObjective(Config root)
    {
        var section = root.Section("objective", "alpha-per-s", "beta");
        var alpha = section.NonNegativeDouble("alpha-per-s");
        var beta = section.NonNegativeDouble("beta");
        return alpha > 0 || beta > 0
            ? new ObjectiveSpec(alpha, beta)
            : throw root.Error("objective", "alpha-per-s and beta are both 0, so every decision would cost the same");
    }

    private static DisciplineSpec ReadDisciplines(Config root)
    {
        var section = root.Section("disciplines", "wireless", "fiber", "backhaul", "edge", "device", "cloud", "downlink", "cloud-uplink");
        T Optional<T>(string key, IReadOnlyList<(string Name, T Value)> choices, T fallback) =>
            section.HasPath(key) ? section.OneOf(key, choices) : fallback;
        LinkDiscipline Wired(string key, LinkDiscipline? fallback)
        {
            var discipline = fallback is { } value ? Optional(key, LinkDisciplines, value) : section.OneOf(key, LinkDisciplines);
            return discipline is LinkDiscipline.DeviceFifo or LinkDiscipline.Allocated
                ? throw section.Error(key, $"{DisciplineNames.Of(discipline)} is for the radio only (disciplines.wireless): a device's own transmitter")
                : discipline;
        }

        ComputeDiscipline Processor(string key)
        {
            var discipline = Optional(key, ComputeDisciplines, ComputeDiscipline.Fifo);
            return discipline == ComputeDiscipline.Allocated
                ? throw section.Error(key, "allocated is for the edge processor only (disciplines.edge)")
                : discipline;
        }

        return new DisciplineSpec(
            section.OneOf("wireless", LinkDisciplines),
            Wired("fiber", null),
            Wired("backhaul", null),
            section.OneOf("edge", ComputeDisciplines),
            Processor("device"),
            Processor("cloud"),
            Wired("downlink", LinkDiscipline.Dedicated),
            Wired("cloud-uplink", LinkDiscipline.Dedicated));
    }

    private static IReadOnlyList<string> ReadPolicies(Config root, IReadOnlyCollection<string> known)
    {
        var policies = root.GetStringList("policies");
        if (policies.Count == 0)
        {
            throw root.Error("policies", $"must name at least one policy; known: {string.Join(", ", known)}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policies.Count; i++)
        {
            if (!known.Contains(policies[i]))
            {
                throw root.Error($"policies[{i}]", $"unknown policy \"{policies[i]}\"; known: {string.Join(", ", known)}");
            }

            if (!seen.Add(policies[i]))
            {
                throw root.Error($"policies[{i}]", $"policy \"{policies[i]}\" is listed more than once");
            }
        }

        return policies;
    }
}
