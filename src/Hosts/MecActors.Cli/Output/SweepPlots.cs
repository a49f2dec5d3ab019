using System.Globalization;
using MecActors.Cli.Experiments;
using ScottPlot;

namespace MecActors.Cli.Output;

/// <summary>
/// The plots of <c>mec sweep</c>: per metric, <c>sweep-&lt;metric&gt;.png</c>, the metric's mean against the first swept
/// key with one line per policy (and per value of the other keys) and its 95% interval as a band; with two metrics
/// named, <c>front-&lt;x&gt;-&lt;y&gt;.png</c>, one curve per policy through its grid points (in the first key's order),
/// with both intervals as error bars.
/// </summary>
internal static class SweepPlots
{
    private const int Width = 900;
    private const int Height = 560;

    public static string MetricFileName(string metric) => $"sweep-{metric}.png";

    public static string FrontFileName(string x, string y) => $"front-{x}-{y}.png";

    /// <param name="results">Each point's statistics, by point index.</param>
    public static byte[] MetricPng(string scenario, IReadOnlyList<SweepAxis> axes, IReadOnlyList<SweepPoint> points, IReadOnlyList<IReadOnlyList<PolicyStatistics>> results, string metric)
    {
        var plot = new Plot();
        var (positions, ticks) = XPositions(axes[0]);
        var lines = Lines(points, results);
        for (var l = 0; l < lines.Count; l++)
        {
            var (label, members) = lines[l];
            var xs = members.Select(m => positions[axes[0].Values.ToList().IndexOf(m.Point.Settings[0].Value)]).ToArray();
            var stats = members.Select(m => m.Policy[metric]).ToArray();
            var means = stats.Select(s => s.Mean).ToArray();
            var color = plot.Add.Palette.GetColor(l);
            if (stats.All(s => double.IsFinite(s.HalfWidth95)))
            {
                var band = plot.Add.FillY(xs, means.Select((m, i) => m - stats[i].HalfWidth95).ToArray(), means.Select((m, i) => m + stats[i].HalfWidth95).ToArray());
                band.FillColor = color.WithAlpha(0.15);
                band.LineColor = Colors.Transparent;
            }

            var line = plot.Add.Scatter(xs, means);
            line.Color = color;
            line.MarkerSize = 6;
            line.LegendText = label;
        }

        if (ticks is not null)
        {
            plot.Axes.Bottom.SetTicks(positions, ticks);
        }

        plot.Title($"{scenario}: {metric} (mean, 95% interval)");
        plot.XLabel(axes[0].Key);
        plot.YLabel(metric);
        plot.ShowLegend(Edge.Right);
        return Png(plot);
    }

    public static byte[] FrontPng(string scenario, IReadOnlyList<SweepPoint> points, IReadOnlyList<IReadOnlyList<PolicyStatistics>> results, string x, string y)
    {
        var plot = new Plot();
        var lines = Lines(points, results);
        for (var l = 0; l < lines.Count; l++)
        {
            var (label, members) = lines[l];
            var xs = members.Select(m => m.Policy[x]).ToArray();
            var ys = members.Select(m => m.Policy[y]).ToArray();
            var color = plot.Add.Palette.GetColor(l);
            var xMeans = xs.Select(s => s.Mean).ToArray();
            var yMeans = ys.Select(s => s.Mean).ToArray();
            if (xs.Concat(ys).All(s => double.IsFinite(s.HalfWidth95)))
            {
                var xErrors = xs.Select(s => s.HalfWidth95).ToArray();
                var yErrors = ys.Select(s => s.HalfWidth95).ToArray();
                var whiskers = new ScottPlot.Plottables.ErrorBar(xMeans, yMeans, xErrors, xErrors, yErrors, yErrors) { Color = color };
                plot.Add.Plottable(whiskers);
            }

            var curve = plot.Add.Scatter(xMeans, yMeans);
            curve.Color = color;
            curve.MarkerSize = 6;
            curve.LegendText = label;
        }

        plot.Title($"{scenario}: {y} against {x} over the sweep (mean, 95% intervals)");
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(Edge.Right);
        return Png(plot);
    }

    /// <summary>
    /// One line per policy and combination of the keys after the first, through the points in grid order (so along
    /// the first key's values).
    /// </summary>
    private static List<(string Label, List<(SweepPoint Point, PolicyStatistics Policy)> Members)> Lines(
        IReadOnlyList<SweepPoint> points, IReadOnlyList<IReadOnlyList<PolicyStatistics>> results)
    {
        var lines = new List<(string Label, List<(SweepPoint Point, PolicyStatistics Policy)> Members)>();
        for (var p = 0; p < points.Count; p++)
        {
            var rest = string.Join(", ", points[p].Settings.Skip(1).Select(s => $"{s.Key}={s.Value}"));
            foreach (var policy in results[p])
            {
                var label = rest.Length == 0 ? policy.Name : $"{policy.Name} ({rest})";
                var index = lines.FindIndex(l => l.Label == label);
                if (index < 0)
                {
                    lines.Add((label, []));
                    index = lines.Count - 1;
                }

                lines[index].Members.Add((points[p], policy));
            }
        }

        return lines;
    }

    /// <summary>The first key's values as numbers when they all are; otherwise evenly spaced, labelled with the values.</summary>
    private static (double[] Positions, string[]? Ticks) XPositions(SweepAxis axis)
    {
        var numbers = new double[axis.Values.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!double.TryParse(axis.Values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return (Enumerable.Range(0, numbers.Length).Select(j => (double)j).ToArray(), axis.Values.ToArray());
            }
        }

        return (numbers, null);
    }

    private static byte[] Png(Plot plot)
    {
        using var image = plot.GetImage(Width, Height);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }
}
