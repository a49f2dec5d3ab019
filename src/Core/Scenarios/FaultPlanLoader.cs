using System.Globalization;
using MecActors.Core.Configuration;
using MecActors.Core.Faults;
using MecActors.Core.Network;

namespace MecActors.Core.Scenarios;

/// <summary>
/// Reads a <c>faults</c> section: <c>on-fault</c> (<c>drop</c> or <c>retry</c>) and <c>plan</c>, a list of faults, each
/// <c>kind</c>, <c>target</c> (not for <c>cloud-unreachable</c>), <c>factor</c> (only for <c>link-degrade</c> and
/// <c>capacity-drop</c>), a start (<c>start-slot</c> or <c>start-s</c>) and an optional end (<c>end-slot</c> or
/// <c>end-s</c>): in force from the start of the start slot to the start of the end slot. A link-loss takes
/// <c>probability</c>, <c>timeout-ms</c> and <c>retries</c> (default 3); a device-join takes no end. Every problem names its key.
/// </summary>
public static class FaultPlanLoader
{
    private static readonly (string Name, FaultKind Value)[] Kinds =
        Enum.GetValues<FaultKind>().Select(k => (FaultNames.Of(k), k)).ToArray();

    private static readonly (string Name, FaultResponse Value)[] Responses =
        Enum.GetValues<FaultResponse>().Select(r => (FaultNames.Of(r), r)).ToArray();

    private static readonly string[] FaultKeys = ["kind", "target", "factor", "probability", "timeout-ms", "retries", "start-slot", "start-s", "end-slot", "end-s"];

    private static readonly string[] LossKeys = ["probability", "timeout-ms", "retries"];

    /// <summary>Attempts are keyed within a stage's 64 (attempt 0 and its retries).</summary>
    private const int MaxRetries = 63;

    /// <summary>The plan of <paramref name="root"/>'s <c>faults</c> section, or <see cref="FaultPlan.None"/> without one.</summary>
    public static FaultPlan Read(Config root, FaultContext context)
    {
        if (!root.HasPath("faults"))
        {
            return FaultPlan.None;
        }

        var section = root.Section("faults", "on-fault", "plan");
        var response = section.HasPath("on-fault") ? section.OneOf("on-fault", Responses) : FaultResponse.Drop;
        var faults = new List<FaultSpec>();
        if (section.HasPath("plan"))
        {
            foreach (var item in section.GetConfigList("plan"))
            {
                faults.Add(ReadFault(item, context));
            }
        }

        return new FaultPlan(faults, response);
    }

    private static FaultSpec ReadFault(Config fault, FaultContext context)
    {
        fault.RejectUnknownKeys(FaultKeys);
        var kind = fault.OneOf("kind", Kinds);
        var start = ReadTime(fault, "start", context.SlotSeconds, required: true);
        var end = ReadTime(fault, "end", context.SlotSeconds, required: false);
        if (end <= start)
        {
            var key = fault.HasPath("end-slot") ? "end-slot" : "end-s";
            throw fault.Error(key, $"must end after the fault starts (at {Format(start)} s), got {Format(end)} s");
        }

        var degrades = kind is FaultKind.LinkDegrade or FaultKind.CapacityDrop;
        var factor = 0.0;
        if (degrades)
        {
            factor = fault.Fraction("factor");
            if (factor == 0)
            {
                throw fault.Error("factor", "must be above 0: a resource with nothing left is down (link-down, edge-crash)");
            }

            if (factor >= 1)
            {
                throw fault.Error("factor", $"must be below 1 (the capacity left, times the nominal one), got {Format(factor)}");
            }
        }
        else if (fault.HasPath("factor"))
        {
            throw fault.Error("factor", $"only link-degrade and capacity-drop take a factor, not {FaultNames.Of(kind)}");
        }

        LossSpec? loss = null;
        if (kind == FaultKind.LinkLoss)
        {
            var probability = fault.Fraction("probability");
            var timeout = fault.PositiveDouble("timeout-ms") / 1e3;
            var retries = fault.HasPath("retries") ? fault.GetInt("retries") : 3;
            if (retries < 0 || retries > MaxRetries)
            {
                throw fault.Error("retries", $"must be 0 to {MaxRetries}, got {retries}");
            }

            if (!double.IsFinite(timeout))
            {
                throw fault.Error("timeout-ms", $"must be finite, got {Format(timeout * 1e3)}");
            }

            loss = new LossSpec(probability, timeout, retries);
        }
        else if (LossKeys.FirstOrDefault(fault.HasPath) is { } lossKey)
        {
            throw fault.Error(lossKey, $"only link-loss takes {lossKey}, not {FaultNames.Of(kind)}");
        }

        if (kind == FaultKind.CloudUnreachable)
        {
            if (fault.HasPath("target"))
            {
                throw fault.Error("target", "cloud-unreachable names no target: it takes down every link to and from the cloud and its processor");
            }

            return new FaultSpec(kind, new FaultTarget("cloud"), start, end);
        }

        if (kind == FaultKind.DeviceJoin && (fault.HasPath("end-slot") || fault.HasPath("end-s")))
        {
            throw fault.Error(fault.HasPath("end-slot") ? "end-slot" : "end-s", "a device joins for good: device-join takes no end (device-leave takes one)");
        }

        var target = ReadTarget(fault, context, presence: kind is FaultKind.DeviceLeave or FaultKind.DeviceJoin);
        var wanted = kind switch
        {
            FaultKind.LinkDown or FaultKind.LinkDegrade or FaultKind.LinkLoss => target.IsLink ? null : "a link (" + string.Join(", ", FaultTarget.LinkKinds) + ")",
            FaultKind.CapacityDrop => target.IsLink ? "a processor (" + string.Join(", ", FaultTarget.ProcessorKinds) + ")" : null,
            FaultKind.DeviceLeave or FaultKind.DeviceJoin => target.Kind == "device" ? null : "devices (device or device:N)",
            _ => target.Kind == "edge" ? null : "an edge server (edge or edge:N)",
        };
        if (wanted is not null)
        {
            throw fault.Error("target", $"{FaultNames.Of(kind)} acts on {wanted}, got \"{target}\"");
        }

        return new FaultSpec(kind, target, start, end, factor) { Loss = loss };
    }

    /// <summary><c>KIND</c>, <c>KIND:N</c> or, for fiber, <c>fiber:A-B</c> (the physical link between adjacent edges A and B).</summary>
    /// <param name="presence">The fault is a device leaving or joining: a device target needs no device processor.</param>
    private static FaultTarget ReadTarget(Config fault, FaultContext context, bool presence)
    {
        var text = fault.NonEmptyString("target").Trim();
        var colon = text.IndexOf(':');
        var kind = colon < 0 ? text : text[..colon];
        if (!FaultTarget.LinkKinds.Contains(kind) && !FaultTarget.ProcessorKinds.Contains(kind))
        {
            throw fault.Error("target", $"unknown resource kind \"{kind}\"; expected one of: {string.Join(", ", FaultTarget.LinkKinds.Concat(FaultTarget.ProcessorKinds))}, optionally :N (fiber:A-B)");
        }

        var missing = kind switch
        {
            "transmitter" when !context.HasTransmitters => "devices sending one after another (wireless device-fifo or allocated)",
            "device" when !context.HasDeviceCompute && !presence => "devices.compute",
            "downlink" when !context.HasDownlink => "a downlink (device compute or results with a size)",
            "cloud" or "cloud-uplink" when !context.HasCloud => "a cloud",
            _ => null,
        };
        if (missing is not null)
        {
            throw fault.Error("target", $"\"{kind}\" needs {missing}, which this scenario does not have");
        }

        if (colon < 0)
        {
            return new FaultTarget(kind);
        }

        var index = text[(colon + 1)..];
        if (kind == "cloud")
        {
            throw fault.Error("target", "the cloud is one: write \"cloud\"");
        }

        if (kind == "fiber")
        {
            var dash = index.IndexOf('-');
            if (dash < 0 || !TryIndex(index[..dash], out var a) || !TryIndex(index[(dash + 1)..], out var b))
            {
                throw fault.Error("target", $"a fiber link is fiber:A-B with edges A and B, got \"{text}\"");
            }

            CheckIndex(fault, a, context.Edges, "edge", text);
            CheckIndex(fault, b, context.Edges, "edge", text);
            if (!context.Topology.NeighboursOf(a).Contains(b))
            {
                throw fault.Error("target", $"edges {a} and {b} have no fiber link between them in this topology");
            }

            return new FaultTarget(kind, a, b);
        }

        if (!TryIndex(index, out var n))
        {
            throw fault.Error("target", $"expected {kind}:N with N a whole number, got \"{text}\"");
        }

        var perDevice = kind is "transmitter" or "device";
        CheckIndex(fault, n, perDevice ? context.Devices : context.Edges, perDevice ? "device" : "edge", text);
        return new FaultTarget(kind, n);
    }

    private static bool TryIndex(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static void CheckIndex(Config fault, int index, int count, string what, string text)
    {
        if (index >= count)
        {
            throw fault.Error("target", $"\"{text}\": {what} {index} does not exist (the scenario has {count}, numbered from 0)");
        }
    }

    /// <summary>A time given as a slot (<c>PREFIX-slot</c>, 1-based: its start) or in seconds (<c>PREFIX-s</c>); infinity when optional and absent.</summary>
    private static double ReadTime(Config fault, string prefix, double slotSeconds, bool required)
    {
        var slotKey = prefix + "-slot";
        var secondsKey = prefix + "-s";
        var bySlot = fault.HasPath(slotKey);
        var bySeconds = fault.HasPath(secondsKey);
        if (bySlot && bySeconds)
        {
            throw fault.Error(secondsKey, $"give {slotKey} or {secondsKey}, not both");
        }

        if (bySlot)
        {
            return (fault.PositiveInt(slotKey) - 1) * slotSeconds;
        }

        if (bySeconds)
        {
            var seconds = fault.NonNegativeDouble(secondsKey);
            return double.IsFinite(seconds) ? seconds : throw fault.Error(secondsKey, $"must be finite, got {Format(seconds)}");
        }

        return required ? throw fault.Error(slotKey, $"missing: give {slotKey} or {secondsKey}") : double.PositiveInfinity;
    }

    private static string Format(double value) => ScenarioValidation.Format(value);
}

/// <summary>What a fault plan is checked against: the scenario's size and the resources it has.</summary>
public sealed record FaultContext(
    double SlotSeconds, int Edges, int Devices, Topology Topology, bool HasTransmitters, bool HasDeviceCompute, bool HasDownlink, bool HasCloud)
{
    public static FaultContext Of(ScenarioSpec scenario) => new(
        scenario.SlotSeconds,
        scenario.EdgeCount,
        scenario.DeviceCount,
        new Topology(scenario.Topology, scenario.EdgeCount),
        scenario.HasTransmitters,
        scenario.DeviceCompute is not null,
        scenario.HasDownlink,
        scenario.Cloud is not null);
}
