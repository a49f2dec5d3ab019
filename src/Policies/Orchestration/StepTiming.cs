using MecActors.Core.Decisions;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// The nominal times of one step's routes, per task (in the observation's order): every link a route crosses is
/// dedicated, so a transfer takes its bits over its rate; the processors are k-core fifo queues, and an inference alone
/// on one core takes a fixed overhead plus its multiply-accumulates at the core's rate (the devices' Int8 variants at
/// their own). A node's capacity in the scenario is its cores' rate of the offload variant's inferences, in that
/// variant's MACs: its cycle count runs in the calibrated time. A node's available fraction of its processor in the
/// step (what a background load leaves) stretches every inference there, the orchestrator's decision in the cloud too.
/// </summary>
public sealed record StepTiming(
    double[] Upload,
    double[] CloudUplink,
    double[] DecisionToDevice,
    double DecisionToEdge,
    double[] ResultFromEdge,
    double[] ResultFromCloud,
    double DecisionSeconds,
    double InferenceOverheadSeconds,
    double DeviceSecondsPerMac,
    double EdgeSecondsPerMac,
    double CloudSecondsPerMac,
    double DeviceInt8SecondsPerMac,
    int EdgeCores,
    int CloudCores)
{
    public int Tasks => Upload.Length;

    /// <summary>Per task, the fraction of its device's processor available in the step; empty: all of it.</summary>
    public IReadOnlyList<double> DeviceAvailability { get; init; } = [];

    public double EdgeAvailability { get; init; } = 1.0;

    public double CloudAvailability { get; init; } = 1.0;

    /// <summary>The seconds a decision takes in the cloud in this step.</summary>
    public double DecisionDuration => DecisionSeconds / CloudAvailability;

    /// <summary>The seconds task <paramref name="task"/>'s <paramref name="variant"/> takes on <paramref name="node"/> in this step, alone on one core.</summary>
    public double Duration(NodeKind node, ModelVariant variant, int task)
    {
        var available = node switch
        {
            NodeKind.Device => task < DeviceAvailability.Count ? DeviceAvailability[task] : 1.0,
            NodeKind.Edge => EdgeAvailability,
            _ => CloudAvailability,
        };
        return ComputeSeconds(node, variant) / available;
    }

    /// <summary>The seconds <paramref name="variant"/> computes on <paramref name="node"/>, alone on one core of its nominal capacity.</summary>
    public double ComputeSeconds(NodeKind node, ModelVariant variant) => node switch
    {
        NodeKind.Device => InferenceOverheadSeconds + (variant.Macs * (variant.Int8 ? DeviceInt8SecondsPerMac : DeviceSecondsPerMac)),
        NodeKind.Edge => InferenceOverheadSeconds + (variant.Macs * EdgeSecondsPerMac),
        _ => InferenceOverheadSeconds + (variant.Macs * CloudSecondsPerMac),
    };

    /// <summary>Whether every time and rate of this step equals <paramref name="other"/>'s, so every joint action takes the same times in both.</summary>
    public bool SameAs(StepTiming other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Upload.AsSpan().SequenceEqual(other.Upload)
            && CloudUplink.AsSpan().SequenceEqual(other.CloudUplink)
            && DecisionToDevice.AsSpan().SequenceEqual(other.DecisionToDevice)
            && ResultFromEdge.AsSpan().SequenceEqual(other.ResultFromEdge)
            && ResultFromCloud.AsSpan().SequenceEqual(other.ResultFromCloud)
            && DeviceAvailability.SequenceEqual(other.DeviceAvailability)
            && (DecisionToEdge, DecisionSeconds, InferenceOverheadSeconds, DeviceSecondsPerMac, EdgeSecondsPerMac, CloudSecondsPerMac, DeviceInt8SecondsPerMac, EdgeCores, CloudCores, EdgeAvailability, CloudAvailability)
                == (other.DecisionToEdge, other.DecisionSeconds, other.InferenceOverheadSeconds, other.DeviceSecondsPerMac, other.EdgeSecondsPerMac, other.CloudSecondsPerMac, other.DeviceInt8SecondsPerMac, other.EdgeCores, other.CloudCores, other.EdgeAvailability, other.CloudAvailability);
    }

    /// <summary>
    /// The timing of the observed step in the emulated system, the decisions taking <paramref name="decisionSeconds"/>
    /// each in the cloud at its nominal capacity; the links to the cloud and the nodes' processors as the step's
    /// monitors report them.
    /// </summary>
    public static StepTiming Of(SlotObservation observation, OrchestrationSettings settings, double decisionSeconds)
    {
        var system = observation.System;
        var scenario = system.Scenario;
        var cloud = scenario.Cloud ?? throw new InvalidOperationException("paper 003's system has a cloud");
        var deviceCompute = scenario.DeviceCompute ?? throw new InvalidOperationException("paper 003's devices compute (devices.compute)");
        var backhaul = scenario.Network.BackhaulRateBps;
        var monitored = observation.Monitored;
        var n = observation.Tasks.Count;
        var upload = new double[n];
        var deviceAvailability = new double[n];
        var cloudUplink = new double[n];
        var toDevice = new double[n];
        var fromEdge = new double[n];
        var fromCloud = new double[n];
        for (var i = 0; i < n; i++)
        {
            var task = observation.Tasks[i];
            var result = scenario.Models[task.ModelId].ResultBits;
            upload[i] = task.InputBits / task.UplinkRateBps;
            cloudUplink[i] = task.InputBits / (cloud.UplinkRateBps * monitored.Uplink(task.LocalEdge));
            deviceAvailability[i] = monitored.DeviceAvailable(task.Device);
            toDevice[i] = (settings.DecisionBits / backhaul) + (settings.DecisionBits / task.UplinkRateBps);
            fromEdge[i] = result / task.UplinkRateBps;
            fromCloud[i] = (result / backhaul) + (result / task.UplinkRateBps);
        }

        var edge = scenario.Edges[0];
        var overhead = settings.InferenceOverheadSeconds;
        var reference = settings.OffloadVariant.Macs;
        double PerMac(double coreHz) => ((reference / coreHz) - overhead) / reference;
        var device = PerMac(deviceCompute.CapacityHz / deviceCompute.Cores);
        return new StepTiming(
            upload,
            cloudUplink,
            toDevice,
            settings.DecisionBits / backhaul,
            fromEdge,
            fromCloud,
            decisionSeconds,
            overhead,
            device,
            PerMac(edge.CapacityHz / edge.Cores),
            PerMac(cloud.CapacityHz / cloud.Cores),
            device / settings.DeviceInt8Speedup,
            edge.Cores,
            cloud.Cores)
        {
            DeviceAvailability = deviceAvailability,
            EdgeAvailability = observation.Edges.Count > 0 ? observation.Edges[0].CapacityHz / edge.CapacityHz : 1.0,
            CloudAvailability = monitored.CloudAvailability,
        };
    }
}
