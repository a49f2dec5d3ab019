using ScottPlot;

namespace MecActors.Cli.Orchestration;

/// <summary>A Fig. 6 analogue: the share of visited states whose greedy action is optimal against the training step, one line per threshold.</summary>
internal static class ConvergencePlot
{
    public static byte[] RenderPng(string title, IEnumerable<(string Label, List<(int Step, double Optimal)> Checks)> lines)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var i = 0;
        foreach (var (label, checks) in lines)
        {
            var line = plot.Add.ScatterLine(checks.Select(c => (double)c.Step).ToArray(), checks.Select(c => c.Optimal).ToArray());
            line.LegendText = label;
            line.Color = palette.GetColor(i++);
            line.LineWidth = 2;
        }

        plot.Title(title);
        plot.XLabel("training step");
        plot.YLabel("visited states with an optimal greedy action");
        plot.Axes.SetLimitsY(-0.05, 1.05);
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(900, 480, ImageFormat.Png);
    }
}
