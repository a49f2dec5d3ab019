using MecActors.Core.Faults;
using MecActors.Core.Metrics;
using ScottPlot;

namespace MecActors.Cli.Output;

/// <summary>
/// <c>faults.png</c>: each policy's mean delay and success probability per slot, the fault windows shaded, one panel
/// above the other. Rendered off-screen by ScottPlot on SkiaSharp, so it needs no display.
/// </summary>
internal static class FaultPlot
{
    public const string FileName = "faults.png";

    private const int Width = 1000;
    private const int PanelHeight = 380;

    public static byte[] RenderPng(string title, IReadOnlyList<SlotRow> rows, FaultPlan plan, double slotSeconds)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        var delay = multiplot.GetPlot(0);
        var ssp = multiplot.GetPlot(1);
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var policy in rows.GroupBy(r => r.Policy))
        {
            var slots = policy.Select(r => (double)r.Slot).ToArray();
            var color = palette.GetColor(index++);
            var d = delay.Add.ScatterLine(slots, policy.Select(r => r.Summary.AvgDelayMs).ToArray());
            d.Color = color;
            d.LegendText = policy.Key;
            var s = ssp.Add.ScatterLine(slots, policy.Select(r => r.Summary.Ssp).ToArray());
            s.Color = color;
            s.LegendText = policy.Key;
        }

        var last = rows.Count == 0 ? 1 : rows.Max(r => r.Slot);
        foreach (var fault in plan.Faults)
        {
            // Slot k spans [(k - 1) T, k T): shade the slots the fault overlaps.
            var window = fault.Window;
            var from = (window.From / slotSeconds) + 1;
            var to = double.IsPositiveInfinity(window.To) ? last + 1 : (window.To / slotSeconds) + 1;
            foreach (var panel in new[] { delay, ssp })
            {
                var span = panel.Add.HorizontalSpan(from, to);
                span.FillStyle.Color = Colors.OrangeRed.WithAlpha(0.12);
                span.LineStyle.Width = 0;
                span.LegendText = fault.ToString();
            }
        }

        delay.Title(title);
        delay.YLabel("mean delay per slot (ms)");
        ssp.XLabel("slot");
        ssp.YLabel("success probability per slot");
        delay.ShowLegend(Alignment.UpperLeft);
        ssp.HideLegend();
        using var image = multiplot.Render(Width, 2 * PanelHeight);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }
}
