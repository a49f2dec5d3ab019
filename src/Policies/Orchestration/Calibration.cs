using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Decisions;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// The rates of paper 003's system fitted by least squares to its reported response times: a fixed overhead per
/// inference, one device core's seconds per FP32 and per Int8 multiply-accumulate, and one edge and one cloud core's.
/// Every reported configuration is predicted by <see cref="ResponseModel"/> over the routes the emulation runs; with all
/// connections alike (Exp-A) the fifo order is the devices' order whatever the rates, so the average response is affine
/// in the five unknowns and the fit is linear (QR). The requests take Table 12's times (regular or weak), not fitted.
/// </summary>
public static class Calibration
{
    private const int Unknowns = 5;

    /// <summary>Fits the rates to <paramref name="observations"/>, which must all be of one network condition per node kind (e.g. Exp-A).</summary>
    public static CalibratedRates Fit(CalibrationSystem system, IReadOnlyList<CalibrationObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(observations);
        var design = Matrix<double>.Build.Dense(observations.Count, Unknowns);
        var targets = Vector<double>.Build.Dense(observations.Count);
        var zero = new CalibratedRates(0, 0, 0, 0, 0);
        for (var k = 0; k < observations.Count; k++)
        {
            var offset = Predict(system, zero, observations[k]);
            targets[k] = (observations[k].AvgMs / 1e3) - offset;
            for (var j = 0; j < Unknowns; j++)
            {
                design[k, j] = Predict(system, CalibratedRates.Unit(j), observations[k]) - offset;
            }
        }

        var solution = design.QR().Solve(targets);
        return new CalibratedRates(solution[0], solution[1], solution[2], solution[3], solution[4]);
    }

    /// <summary>The average response (seconds) the emulated system gives <paramref name="observation"/>'s decisions under <paramref name="rates"/>.</summary>
    public static double Predict(CalibrationSystem system, CalibratedRates rates, CalibrationObservation observation)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(observation);
        var n = observation.Actions.Count;
        var upload = new double[n];
        var cloudUplink = new double[n];
        var toDevice = new double[n];
        var fromEdge = new double[n];
        var fromCloud = new double[n];
        var edgeWeak = Experiments.Edge(observation.Experiment) == NetworkCondition.Weak;
        for (var i = 0; i < n; i++)
        {
            var weak = Experiments.Device(observation.Experiment, i) == NetworkCondition.Weak;
            var request = weak ? system.WeakRequestSeconds : system.RegularRequestSeconds;
            var perBit = request / system.InputBits;
            upload[i] = request;
            cloudUplink[i] = system.InputBits / (edgeWeak ? system.EdgeWeakBps : system.EdgeRegularBps);
            toDevice[i] = (system.DecisionBits / system.BackhaulBps) + (system.DecisionBits * perBit);
            fromEdge[i] = system.ResultBits * perBit;
            fromCloud[i] = (system.ResultBits / system.BackhaulBps) + (system.ResultBits * perBit);
        }

        var timing = new StepTiming(
            upload, cloudUplink, toDevice, system.DecisionBits / system.BackhaulBps, fromEdge, fromCloud, 0.0,
            rates.InferenceOverheadSeconds, rates.DeviceSecondsPerMac, rates.EdgeSecondsPerMac, rates.CloudSecondsPerMac, rates.DeviceInt8SecondsPerMac,
            system.EdgeCores, system.CloudCores);
        var responses = new double[n];
        ResponseModel.Predict(timing, [.. observation.Actions], observation.Orchestrated, responses);
        return responses.Average();
    }

    /// <summary>Parses a reported decision such as "d4,L" against the variants.</summary>
    public static OrchestrationAction ParseAction(string decision, IReadOnlyList<ModelVariant> variants)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var parts = decision.Split(',');
        var variant = variants.FirstOrDefault(v => v.Name == parts[0]) ?? throw new ArgumentException($"unknown variant in '{decision}'", nameof(decision));
        var node = parts[1] switch
        {
            "L" => NodeKind.Device,
            "E" => NodeKind.Edge,
            "C" => NodeKind.Cloud,
            _ => throw new ArgumentException($"unknown node in '{decision}'", nameof(decision)),
        };
        return new OrchestrationAction(node, variant);
    }
}

/// <summary>What the calibration holds fixed: the message sizes, the wired rates, Table 12's request times and the cores.</summary>
public sealed record CalibrationSystem(
    double InputBits, double DecisionBits, double ResultBits, double BackhaulBps, double EdgeRegularBps, double EdgeWeakBps, double RegularRequestSeconds,
    double WeakRequestSeconds, int EdgeCores, int CloudCores);

/// <summary>A reported configuration: its experiment, the devices' actions, whether they were orchestrated (else a fixed placement), and its average response.</summary>
public sealed record CalibrationObservation(string Label, string Experiment, IReadOnlyList<OrchestrationAction> Actions, bool Orchestrated, double AvgMs);

/// <summary>The fitted unknowns (seconds, and seconds per multiply-accumulate of one core).</summary>
public sealed record CalibratedRates(double InferenceOverheadSeconds, double DeviceSecondsPerMac, double DeviceInt8SecondsPerMac, double EdgeSecondsPerMac, double CloudSecondsPerMac)
{
    public double DeviceInt8Speedup => DeviceSecondsPerMac / DeviceInt8SecondsPerMac;

    /// <summary>One core's rate of inferences of <paramref name="macs"/> multiply-accumulates, in those MACs per second (the scenario's capacity per core).</summary>
    public double CoreHz(Core.Decisions.NodeKind node, double macs) => macs / (InferenceOverheadSeconds + (macs * node switch
    {
        Core.Decisions.NodeKind.Device => DeviceSecondsPerMac,
        Core.Decisions.NodeKind.Edge => EdgeSecondsPerMac,
        _ => CloudSecondsPerMac,
    }));

    public static CalibratedRates Unit(int index) => new(
        index == 0 ? 1 : 0, index == 1 ? 1 : 0, index == 2 ? 1 : 0, index == 3 ? 1 : 0, index == 4 ? 1 : 0);
}
