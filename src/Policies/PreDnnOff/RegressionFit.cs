using MathNet.Numerics.LinearRegression;
using MecActors.Core.Models;
using MecActors.Core.Scenarios;

namespace MecActors.Policies.PreDnnOff;

/// <summary>One measured time: a node (device or edge), a layer type (or model loading or parsing), its variables and time.</summary>
public readonly record struct LatencyMeasurement(string Node, string Kind, double X1, double X2, double Milliseconds);

/// <summary>
/// Least-squares fits of Table 4.2-style regressions from measured rows: per node and kind, t = x1 X1 + x2 X2 + c for
/// the two-variable types (convolution, pooling, fully connected) and t = x1 X1 + c for the others (Table 4.1).
/// Every node needs every kind, the device also model parsing, with more rows than coefficients.
/// </summary>
public static class RegressionFit
{
    public static readonly string[] NodeNames = ["device", "edge"];

    /// <exception cref="ArgumentException">A node or kind is unknown, or rows are missing for one; the message names it.</exception>
    public static LatencyRegressions Fit(IReadOnlyList<LatencyMeasurement> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var kinds = LayerProfileLoader.TypeNames.Select(t => t.Name).Append(LatencyRegressions.ModelLoadingKey).Append(LatencyRegressions.ModelParsingKey).ToArray();
        foreach (var row in rows)
        {
            if (!NodeNames.Contains(row.Node))
            {
                throw new ArgumentException($"unknown node \"{row.Node}\"; expected one of: {string.Join(", ", NodeNames)}");
            }

            if (!kinds.Contains(row.Kind))
            {
                throw new ArgumentException($"unknown layer type \"{row.Kind}\"; expected one of: {string.Join(", ", kinds)}");
            }
        }

        return new LatencyRegressions(FitNode(rows, "device", parsing: true), FitNode(rows, "edge", parsing: false));
    }

    private static NodeRegressions FitNode(IReadOnlyList<LatencyMeasurement> rows, string node, bool parsing)
    {
        var layers = new Dictionary<LayerType, LinearLatency>();
        foreach (var (name, type) in LayerProfileLoader.TypeNames)
        {
            layers[type] = FitOne(rows, node, name, LatencyRegressions.HasTwoVariables(type));
        }

        var loading = FitOne(rows, node, LatencyRegressions.ModelLoadingKey, twoVariables: false);
        LinearLatency? parse = parsing ? FitOne(rows, node, LatencyRegressions.ModelParsingKey, twoVariables: false) : null;
        return new NodeRegressions(layers, loading, parse);
    }

    private static LinearLatency FitOne(IReadOnlyList<LatencyMeasurement> rows, string node, string kind, bool twoVariables)
    {
        var selected = rows.Where(r => r.Node == node && r.Kind == kind).ToArray();
        var coefficients = twoVariables ? 3 : 2;
        if (selected.Length <= coefficients)
        {
            throw new ArgumentException($"{node} {kind}: {selected.Length} rows, need more than {coefficients} to fit {coefficients} coefficients");
        }

        var times = selected.Select(r => r.Milliseconds).ToArray();
        try
        {
            if (!twoVariables)
            {
                var (intercept, slope) = MathNet.Numerics.Fit.Line(selected.Select(r => r.X1).ToArray(), times);
                return CheckFinite(node, kind, new LinearLatency(slope, 0.0, intercept));
            }

            var beta = MultipleRegression.QR(selected.Select(r => new[] { r.X1, r.X2 }).ToArray(), times, intercept: true);
            return CheckFinite(node, kind, new LinearLatency(beta[1], beta[2], beta[0]));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{node} {kind}: the rows do not determine the coefficients ({e.Message})", e);
        }
    }

    private static LinearLatency CheckFinite(string node, string kind, LinearLatency fit) =>
        double.IsFinite(fit.X1) && double.IsFinite(fit.X2) && double.IsFinite(fit.Intercept)
            ? fit
            : throw new ArgumentException($"{node} {kind}: the rows do not determine the coefficients (their variables do not vary independently)");
}
