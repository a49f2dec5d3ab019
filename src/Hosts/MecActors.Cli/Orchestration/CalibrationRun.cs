using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;
using MecActors.Policies.Orchestration;

namespace MecActors.Cli.Orchestration;

/// <summary>
/// Paper 003's calibration: the rates fitted on the Exp-A times (Fig. 5's fixed strategies at five users, Tables 8 and
/// 9 of Exp-A), the prediction error on the held-out Exp-B..D rows (Table 8, and Table 9 where all five decisions are
/// known), and the fitted values written into the scenario's "# calibrated:" lines.
/// </summary>
internal static partial class CalibrationRun
{
    /// <summary>Table 12: a request over a regular connection.</summary>
    public const double RegularRequestSeconds = 0.020;

    /// <summary>Table 12: a request over a weak connection.</summary>
    public const double WeakRequestSeconds = 0.137;

    public static (CalibratedRates Rates, string Report) Run(ScenarioSpec scenario)
    {
        var settings = scenario.PolicyParameters.Get<OrchestrationSettings>();
        var system = SystemOf(scenario, settings);
        var fit = new List<CalibrationObservation>();
        foreach (var (policy, ms) in PaperResults.FixedAtFiveUsers)
        {
            var node = policy switch { "device-only" => "L", "edge-only" => "E", _ => "C" };
            fit.Add(new CalibrationObservation($"Fig. 5 {policy}, 5 users", "A", [.. Enumerable.Repeat(Calibration.ParseAction($"d0,{node}", settings.Variants), 5)], false, ms));
        }

        var held = new List<CalibrationObservation>();
        foreach (var row in PaperResults.Table8.Concat(PaperResults.Table9.Where(r => r.Threshold != "Max")))
        {
            if (!row.Complete)
            {
                continue;
            }

            var table = PaperResults.Table8.Contains(row) ? "Table 8" : "Table 9";
            var observation = new CalibrationObservation(
                $"{table} Exp-{row.Experiment}, {row.Users} users, {row.Threshold}", row.Experiment, [.. row.Decisions.Select(d => Calibration.ParseAction(d, settings.Variants))], true, row.AvgMs);
            (row.Experiment == "A" ? fit : held).Add(observation);
        }

        var rates = Calibration.Fit(system, fit);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"fitted on {fit.Count} Exp-A times (least squares, QR):");
        text.AppendLine(CultureInfo.InvariantCulture, $"  overhead per inference             {rates.InferenceOverheadSeconds * 1e3:F2} ms");
        text.AppendLine(CultureInfo.InvariantCulture, $"  device core, FP32                  {1e-9 / rates.DeviceSecondsPerMac:F4} G MAC/s");
        text.AppendLine(CultureInfo.InvariantCulture, $"  device core, Int8                  {1e-9 / rates.DeviceInt8SecondsPerMac:F4} G MAC/s (speed-up {rates.DeviceInt8Speedup:F4})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  edge core                          {1e-9 / rates.EdgeSecondsPerMac:F4} G MAC/s");
        text.AppendLine(CultureInfo.InvariantCulture, $"  cloud core                         {1e-9 / rates.CloudSecondsPerMac:F4} G MAC/s");
        text.AppendLine();
        Table(text, "fit (Exp-A)", system, rates, fit);
        Table(text, "held out (Exp-B..D)", system, rates, held);
        return (rates, text.ToString());
    }

    /// <summary>Writes the fitted values into the "# calibrated:" lines of the scenario file, each named by its comment's first word.</summary>
    public static void Write(string path, ScenarioSpec scenario, CalibratedRates rates)
    {
        var macs = scenario.PolicyParameters.Get<OrchestrationSettings>().OffloadVariant.Macs;
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["edge"] = scenario.Edges[0].Cores * rates.CoreHz(NodeKind.Edge, macs) / 1e9,
            ["device"] = rates.CoreHz(NodeKind.Device, macs) / 1e9,
            ["cloud"] = scenario.Cloud!.Cores * rates.CoreHz(NodeKind.Cloud, macs) / 1e9,
            ["overhead"] = rates.InferenceOverheadSeconds * 1e3,
            ["int8"] = rates.DeviceInt8Speedup,
        };
        var text = File.ReadAllText(path);
        var written = CalibratedLine().Replace(text, match =>
        {
            var key = match.Groups["tag"].Value;
            return values.TryGetValue(key, out var value)
                ? $"{match.Groups["head"].Value}{value.ToString("G6", CultureInfo.InvariantCulture)}{match.Groups["gap"].Value}{match.Groups["comment"].Value}"
                : match.Value;
        });
        File.WriteAllText(path, written);
    }

    private static CalibrationSystem SystemOf(ScenarioSpec scenario, OrchestrationSettings settings)
    {
        var cloud = scenario.Cloud!;
        return new CalibrationSystem(
            scenario.Workload.InputMinBits,
            settings.DecisionBits,
            scenario.Models[0].ResultBits,
            scenario.Network.BackhaulRateBps,
            settings.EdgeRegularBps,
            settings.EdgeWeakBps,
            RegularRequestSeconds,
            WeakRequestSeconds,
            scenario.Edges[0].Cores,
            cloud.Cores);
    }

    private static void Table(StringBuilder text, string title, CalibrationSystem system, CalibratedRates rates, IReadOnlyList<CalibrationObservation> rows)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}:");
        text.AppendLine("  configuration                                  paper ms   fitted ms   error");
        var sum = 0.0;
        foreach (var row in rows)
        {
            var predicted = Calibration.Predict(system, rates, row) * 1e3;
            var error = (predicted - row.AvgMs) / row.AvgMs;
            sum += Math.Abs(error);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {row.Label,-45} {row.AvgMs,9:F2} {predicted,11:F2} {error,8:P1}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  mean absolute error {sum / rows.Count:P1} over {rows.Count} rows");
        text.AppendLine();
    }

    [GeneratedRegex(@"(?<head>^[ \t]*[\w-]+[ \t]*=[ \t]*)[0-9.eE+-]+(?<gap>[ \t]+)(?<comment>#[ \t]*calibrated:[ \t]*(?<tag>[\w-]+).*)$", RegexOptions.Multiline)]
    private static partial Regex CalibratedLine();
}
