using MecActors.Cli.Training;
using MecActors.Policies.Learning;
using ScottPlot;

namespace MecActors.Cli.Output;

/// <summary>
/// <c>training.png</c>: the agent's followed metric at each update (A2C: the mean reward) and its moving average
/// against the training step.
/// Rendered off-screen by ScottPlot on SkiaSharp, so it needs no display.
/// </summary>
internal static class TrainingPlot
{
    public const string FileName = "training.png";

    private const int Width = 900;
    private const int Height = 480;

    public static byte[] RenderPng(string title, TrainingMetrics metrics, IReadOnlyList<TrainingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(rows);
        var steps = rows.Select(r => (double)r.Step).ToArray();
        var plot = new Plot();

        var followed = plot.Add.ScatterLine(steps, rows.Select(r => r.Point.FollowedValue).ToArray());
        followed.Color = Colors.SteelBlue.WithAlpha(0.35);
        followed.LineWidth = 1;
        followed.LegendText = $"{metrics.Followed} per update";

        var average = plot.Add.ScatterLine(steps, rows.Select(r => r.MovingAverage).ToArray());
        average.Color = Colors.DarkOrange;
        average.LineWidth = 2;
        average.LegendText = $"moving average ({TrainingCurve.Window} updates)";

        plot.Title(title);
        plot.XLabel("training step (slot)");
        plot.YLabel(metrics.Followed);
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
