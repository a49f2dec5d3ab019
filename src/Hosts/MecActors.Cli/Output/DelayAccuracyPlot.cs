using MecActors.Cli.Experiments;
using MecActors.Core.Metrics;
using ScottPlot;

namespace MecActors.Cli.Output;

/// <summary>
/// <c>delay-accuracy.png</c>: average delay (left panel) and average accuracy (right panel) per policy, as bars (over
/// replications: the means, with their 95% intervals).
/// Rendered off-screen by ScottPlot on SkiaSharp, so it needs no display.
/// </summary>
internal static class DelayAccuracyPlot
{
    public const string FileName = "delay-accuracy.png";

    private const int PanelWidth = 520;
    private const int Height = 440;

    public static byte[] RenderPng(string scenario, IReadOnlyList<PolicySummary> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return Render(
            scenario, policies.Select(p => p.Name).ToArray(), policies.Select(p => p.AvgDelayMs).ToArray(), null,
            policies.Select(p => p.AvgAccuracy).ToArray(), null);
    }

    /// <summary>The means over replications, each bar with its 95% interval as an error bar.</summary>
    public static byte[] RenderPng(string scenario, IReadOnlyList<PolicyStatistics> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return Render(
            scenario,
            policies.Select(p => p.Name).ToArray(),
            policies.Select(p => p["avgDelayMs"].Mean).ToArray(),
            policies.Select(p => p["avgDelayMs"].HalfWidth95).ToArray(),
            policies.Select(p => p["avgAccuracy"].Mean).ToArray(),
            policies.Select(p => p["avgAccuracy"].HalfWidth95).ToArray());
    }

    private static byte[] Render(string scenario, string[] names, double[] delays, double[]? delayErrors, double[] accuracies, double[]? accuracyErrors)
    {
        var delay = Panel($"{scenario}: average delay", "delay (ms)", names, delays, delayErrors, Colors.SteelBlue);
        var accuracy = Panel($"{scenario}: average accuracy", "accuracy", names, accuracies, accuracyErrors, Colors.DarkOrange);
        accuracy.Axes.SetLimitsY(0, 1);

        var figure = new Multiplot();
        figure.Reset(delay);
        figure.AddPlot(accuracy);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var width = PanelWidth * 2 + Math.Max(0, names.Length - 5) * 60;
        using var image = figure.Render(width, Height);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }

    private static Plot Panel(string title, string yLabel, string[] names, double[] values, double[]? errors, Color color)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(values);
        bars.Color = color;
        var positions = Enumerable.Range(0, names.Length).Select(i => (double)i).ToArray();
        if (errors is not null)
        {
            var whiskers = plot.Add.ErrorBar(positions, values, errors);
            whiskers.Color = Colors.Black;
        }

        plot.Axes.Bottom.SetTicks(positions, names);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.HideGrid();
        return plot;
    }
}
