using System.Globalization;
using System.Text;
using MecActors.Cli.Commands;
using MecActors.Cli.Experiments;
using MecActors.Cli.Output;
using MecActors.Policies;
using MecActors.Policies.PreDnnOff;
using ScottPlot;

namespace MecActors.Cli.Reports;

/// <summary>
/// The generated part of <c>docs/reproduction/pre-dnnoff.md</c> (paper 001): the expected latencies against the
/// paper's, the emulated check of a <c>mec compare</c> run, the rate and spread sweep, the GA's runs and curve, the
/// load sweep of a <c>mec sweep</c> over <c>devices.count</c>, and the solvers' times; with its PNGs.
/// </summary>
internal static class PreDnnOffReport
{
    public const double PaperPreDnnOffMs = 188.93;
    public const double PaperEdgentMs = 207.11;
    public const double ClaimedRatio = 0.92;

    private const int Width = 900;
    private const int Height = 480;

    public static (string Markdown, IReadOnlyList<KeyValuePair<string, byte[]>> Images) Write(
        PreDnnOffStudy study, PreDnnOffStudy fastDevice, string compareDir, string loadDir, string fastLoadDir, string prefix)
    {
        var text = new StringBuilder();
        var images = new List<KeyValuePair<string, byte[]>>();
        Claim(text, study);
        Emulated(text, compareDir);
        var sweepImage = $"{prefix}-sweep.png";
        Sweep(text, study, sweepImage);
        images.Add(new(sweepImage, SweepPng(study)));
        var curveImage = $"{prefix}-ga.png";
        Genetic(text, study, curveImage);
        images.Add(new(curveImage, CurvePng(study.Runs[0])));
        var loadImage = $"{prefix}-load.png";
        var load = SweepResults.Read(loadDir);
        Load(text, "### Under load: devices sharing the edge and the radio (`mec sweep` over `devices.count`)", study, load, loadImage);
        images.Add(new(loadImage, LoadPng(study, load, "Table 4.2's device")));
        var fastImage = $"{prefix}-load-fast-device.png";
        var fastLoad = SweepResults.Read(fastLoadDir);
        Load(
            text,
            Invariant($"### Under load with a device {fastDevice.Settings.DeviceSpeedup:G} times faster (`pre-dnnoff-load-fast-device.conf`, a what-if)"),
            fastDevice,
            fastLoad,
            fastImage);
        images.Add(new(fastImage, LoadPng(fastDevice, fastLoad, Invariant($"a device {fastDevice.Settings.DeviceSpeedup:G}x faster"))));
        Timings(text, study);
        return (text.ToString(), images);
    }

    private static void Claim(StringBuilder text, PreDnnOffStudy study)
    {
        var exact = study.Exact.ExpectedSeconds * 1e3;
        var edgent = study.Edgent.ExpectedSeconds * 1e3;
        var ratio = exact / edgent;
        var device = study.Exact.Placement.Select((n, l) => (n, l)).Where(x => x.n == LayerLatencyModel.Device).Select(x => study.Model.Profile.Layers[x.l].Name).ToList();
        Line(text, "### Expected latency at 74 Mbit/s (Sec. 5.2)");
        Line(text, "");
        Line(text, "| solver | ours: expected latency (ms) | paper (ms) |");
        Line(text, "| --- | ---: | ---: |");
        Line(text, Invariant($"| Pre-DNNOff, exact optimum (`pre-dnnoff-exact`) | {exact:F2} | {PaperPreDnnOffMs:F2} |"));
        Line(text, Invariant($"| Pre-DNNOff, the paper's GA, seed 1 (`pre-dnnoff-ga`) | {study.Runs[0].ExpectedSeconds * 1e3:F2} | {PaperPreDnnOffMs:F2} |"));
        Line(text, Invariant($"| Edgent, one cut fixed in advance, exit by requirement (`edgent`) | {edgent:F2} | {PaperEdgentMs:F2} |"));
        Line(text, Invariant($"| Edgent, one cut and the last exit for every task (another reading) | {study.EdgentFixedExit * 1e3:F2} | |"));
        Line(text, Invariant($"| every layer at the edge (`layers-edge-only`) | {study.EdgeOnly * 1e3:F2} | |"));
        Line(text, Invariant($"| every layer on the device (`layers-device-only`) | {study.DeviceOnly * 1e3:F2} | |"));
        Line(text, "");
        var holds = ratio <= ClaimedRatio;
        Line(text, Invariant(
            $"Pre-DNNOff / Edgent = {ratio:F4} (paper {PaperPreDnnOffMs / PaperEdgentMs:F4}, -8.8%; the bar: at most {ClaimedRatio}): **{(holds ? "holds" : "does not hold")}**."));
        Line(text, device.Count == 0
            ? "The exact optimum runs every layer at the edge."
            : $"The exact optimum runs on the device: {string.Join(", ", device)}; everything else at the edge.");
        Line(text, Invariant(
            $"Against Edgent with the last exit for every task the ratio is {exact / (study.EdgentFixedExit * 1e3):F4}."));
        Line(text, "");
    }

    private static void Emulated(StringBuilder text, string compareDir)
    {
        var expected = ReadExpected(compareDir);
        var delays = ReadSlotDelays(compareDir);
        Line(text, "### Emulated against expected: one device, an idle edge (`mec compare`)");
        Line(text, "");
        Line(text, "| policy | expected (ms) | emulated mean ± 95% (ms) | tasks | emulated / expected | within 1% |");
        Line(text, "| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var (policy, expectedMs) in expected)
        {
            if (!delays.TryGetValue(policy, out var values))
            {
                throw new BadInputException($"--compare: {compareDir}/slots.csv has no rows of {policy}");
            }

            var stats = SampleStatistics.Of(values);
            var ratio = stats.Mean / expectedMs;
            Line(text, Invariant($"| {policy} | {expectedMs:F2} | {stats.Mean:F2} ± {stats.HalfWidth95:F2} | {values.Count} | {ratio:F4} | {(Math.Abs(ratio - 1) <= 0.01 ? "yes" : "no")} |"));
        }

        Line(text, "");
    }

    private static void Sweep(StringBuilder text, PreDnnOffStudy study, string image)
    {
        Line(text, "### Where Pre-DNNOff gains over Edgent: wireless rate and requirement spread");
        Line(text, "");
        Line(text, "Expected latency (ms) of the exact optimum and of Edgent, and their ratio, at sd = 0.053 (the paper's):");
        Line(text, "");
        Line(text, "| rate (Mbit/s) | Pre-DNNOff | Edgent | ratio |");
        Line(text, "| ---: | ---: | ---: | ---: |");
        foreach (var point in study.Sweep.Where(p => p.Sd == 0.053))
        {
            Line(text, Invariant($"| {point.RateMbps:G} | {point.Exact * 1e3:F2} | {point.Edgent * 1e3:F2} | {point.Exact / point.Edgent:F4} |"));
        }

        Line(text, "");
        Line(text, "The smallest ratio over the rates, per spread of the requirement:");
        Line(text, "");
        Line(text, "| sd | smallest ratio | at (Mbit/s) |");
        Line(text, "| ---: | ---: | ---: |");
        foreach (var sd in PreDnnOffStudy.Spreads)
        {
            var best = study.Sweep.Where(p => p.Sd == sd).MinBy(p => p.Exact / p.Edgent);
            Line(text, Invariant($"| {sd:G} | {best.Exact / best.Edgent:F4} | {best.RateMbps:G} |"));
        }

        Line(text, "");
        Line(text, "What it would take: the ratio per rate (sd = 0.053) with a device as many times faster than Table 4.2's Raspberry Pi at every layer:");
        Line(text, "");
        Line(text, "| rate (Mbit/s) | " + string.Join(" | ", PreDnnOffStudy.DeviceSpeedups.Select(f => Invariant($"device x{f:G}"))) + " |");
        Line(text, "| ---: | " + string.Join(" | ", PreDnnOffStudy.DeviceSpeedups.Select(_ => "---:")) + " |");
        foreach (var rate in PreDnnOffStudy.RatesMbps)
        {
            var cells = PreDnnOffStudy.DeviceSpeedups.Select(f => study.FasterDevices.Single(p => p.RateMbps == rate && p.Sd == f)).Select(p => Invariant($"{p.Exact / p.Edgent:F4}"));
            Line(text, Invariant($"| {rate:G} | ") + string.Join(" | ", cells) + " |");
        }

        Line(text, "");
        Line(text, $"![Pre-DNNOff against Edgent over the rate and the spread]({image})");
        Line(text, "");
    }

    private static void Genetic(StringBuilder text, PreDnnOffStudy study, string image)
    {
        var optimum = study.Exact.ExpectedSeconds;
        string Summary(IReadOnlyList<GeneticResult> runs) =>
            Invariant($"{runs.Count(study.Optimal)} of {runs.Count}; mean gap {runs.Average(r => r.ExpectedSeconds / optimum - 1) * 100:F2}%, worst {runs.Max(r => r.ExpectedSeconds / optimum - 1) * 100:F2}%");
        var settings = study.Settings.Genetic;
        var elitist = PreDnnOffStudy.ElitistGenetic;
        Line(text, "### The GA against the exact optimum (20 seeded runs; paper: 20 of 20 the same)");
        Line(text, "");
        Line(text, "| GA | runs at the exact optimum |");
        Line(text, "| --- | --- |");
        Line(text, Invariant($"| the paper's: population {settings.Population}, {settings.Iterations} iterations, crossover {settings.CrossoverProbability}, mutation {settings.MutationProbability}, no elitism | {Summary(study.Runs)} |"));
        Line(text, Invariant($"| with help: population {elitist.Population}, {elitist.Iterations} iterations, mutation {elitist.MutationProbability}, the best {elitist.Elite} kept | {Summary(study.ElitistRuns)} |"));
        Line(text, Invariant($"| with help and {PreDnnOffStudy.LongGenetic.Iterations} iterations | {Summary(study.LongRuns)} |"));
        Line(text, "");
        var holds = study.Runs.Count(study.Optimal) >= 19;
        Line(text, Invariant($"At least 95% of the runs at the exact optimum: **{(holds ? "holds" : "does not hold")}**. The profile has {study.Model.Profile.Layers.Count} layers (2^{study.Model.Profile.Layers.Count} placements)."));
        Line(text, "");
        Line(text, $"![GA iteration curve, seed 1]({image})");
        Line(text, "");
    }

    private static void Load(StringBuilder text, string title, PreDnnOffStudy study, SweepResults load, string image)
    {
        string[] policies = [PreDnnOffPolicies.ExactName, PreDnnOffPolicies.EdgentName, PreDnnOffPolicies.QueueAwareName];
        Line(text, title);
        Line(text, "");
        Line(text, Invariant($"The paper's per-task expected latency (an idle system) is {study.Exact.ExpectedSeconds * 1e3:F2} ms for Pre-DNNOff and {study.Edgent.ExpectedSeconds * 1e3:F2} ms for Edgent at every load. Emulated mean delay (ms), mean ± 95% over held-out episodes:"));
        Line(text, "");
        Line(text, "| devices | " + string.Join(" | ", policies) + " | Pre-DNNOff emulated / expected | queue-aware / Pre-DNNOff |");
        Line(text, "| ---: | " + string.Join(" | ", policies.Select(_ => "---:")) + " | ---: | ---: |");
        foreach (var value in load.Values)
        {
            var cells = policies.Select(p => load.Of(value, p, "avgDelayMs").Format("F2"));
            var exact = load.Of(value, PreDnnOffPolicies.ExactName, "avgDelayMs").Mean;
            var ratio = exact / (study.Exact.ExpectedSeconds * 1e3);
            var gain = load.Of(value, PreDnnOffPolicies.QueueAwareName, "avgDelayMs").Mean / exact;
            Line(text, $"| {value} | {string.Join(" | ", cells)} | {Invariant($"{ratio:F3}")} | {Invariant($"{gain:F3}")} |");
        }

        Line(text, "");
        Line(text, $"![Emulated delay against the number of devices]({image})");
        Line(text, "");
    }

    private static void Timings(StringBuilder text, PreDnnOffStudy study)
    {
        var (exact, genetic) = study.Timings();
        Line(text, "### Solver times (this machine, medians; benchmark figures, not results)");
        Line(text, "");
        Line(text, Invariant($"- exact dynamic program: {exact:F3} ms per solve ({study.Model.Profile.Layers.Count} layers, 2 nodes)"));
        Line(text, Invariant($"- the paper's GA: {genetic:F1} ms per run ({study.Settings.Genetic.Population} x {study.Settings.Genetic.Iterations + 1} evaluations)"));
        Line(text, "");
    }

    private static byte[] SweepPng(PreDnnOffStudy study)
    {
        var latency = new Plot();
        var paper = study.Sweep.Where(p => p.Sd == 0.053).ToArray();
        var xs = paper.Select(p => Math.Log10(p.RateMbps)).ToArray();
        var exact = latency.Add.Scatter(xs, paper.Select(p => p.Exact * 1e3).ToArray());
        exact.LegendText = "Pre-DNNOff (exact)";
        var edgent = latency.Add.Scatter(xs, paper.Select(p => p.Edgent * 1e3).ToArray());
        edgent.LegendText = "Edgent";
        LogRateAxis(latency);
        latency.Title("expected latency, sd = 0.053");
        latency.YLabel("expected latency (ms)");
        latency.ShowLegend(Edge.Right);

        var ratio = new Plot();
        foreach (var sd in PreDnnOffStudy.Spreads)
        {
            var points = study.Sweep.Where(p => p.Sd == sd).ToArray();
            var line = ratio.Add.Scatter(points.Select(p => Math.Log10(p.RateMbps)).ToArray(), points.Select(p => p.Exact / p.Edgent).ToArray());
            line.LegendText = Invariant($"sd = {sd:G}");
        }

        foreach (var speedup in PreDnnOffStudy.DeviceSpeedups.Skip(1))
        {
            var points = study.FasterDevices.Where(p => p.Sd == speedup).ToArray();
            var line = ratio.Add.Scatter(points.Select(p => Math.Log10(p.RateMbps)).ToArray(), points.Select(p => p.Exact / p.Edgent).ToArray());
            line.LegendText = Invariant($"sd = 0.053, device x{speedup:G}");
            line.LinePattern = LinePattern.Dashed;
        }

        LogRateAxis(ratio);
        ratio.Axes.SetLimitsY(0.85, 1.02);
        ratio.Title("Pre-DNNOff / Edgent");
        ratio.YLabel("ratio of expected latencies");
        ratio.ShowLegend(Edge.Right);
        return TwoPanels(latency, ratio);
    }

    private static byte[] CurvePng(GeneticResult run)
    {
        var plot = new Plot();
        var xs = run.Curve.Select(g => (double)g.Index).ToArray();
        var best = plot.Add.Scatter(xs, run.Curve.Select(g => g.BestSeconds * 1e3).ToArray());
        best.LegendText = "best of the generation";
        var mean = plot.Add.Scatter(xs, run.Curve.Select(g => g.MeanSeconds * 1e3).ToArray());
        mean.LegendText = "mean of the generation";
        plot.Title("GA iteration curve (Fig. 5.2), seed 1");
        plot.XLabel("iteration");
        plot.YLabel("expected latency (ms)");
        plot.ShowLegend(Edge.Right);
        return Png(plot, Width, Height);
    }

    private static byte[] LoadPng(PreDnnOffStudy study, SweepResults load, string device)
    {
        var plot = new Plot();
        var xs = load.Values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        foreach (var policy in new[] { PreDnnOffPolicies.ExactName, PreDnnOffPolicies.EdgentName, PreDnnOffPolicies.QueueAwareName })
        {
            var line = plot.Add.Scatter(xs, load.Values.Select(v => load.Of(v, policy, "avgDelayMs").Mean).ToArray());
            line.LegendText = $"{policy}, emulated";
        }

        var expected = plot.Add.Scatter(xs, xs.Select(_ => study.Exact.ExpectedSeconds * 1e3).ToArray());
        expected.LegendText = "expected (paper's model, idle system)";
        expected.LinePattern = LinePattern.Dashed;
        plot.Title($"mean delay against the devices sharing the edge and the radio ({device})");
        plot.XLabel("devices");
        plot.YLabel("mean delay (ms)");
        plot.ShowLegend(Edge.Right);
        return Png(plot, Width, Height);
    }

    private static void LogRateAxis(Plot plot)
    {
        double[] ticks = [1, 2, 5, 10, 20, 50, 100, 200];
        plot.Axes.Bottom.SetTicks(ticks.Select(Math.Log10).ToArray(), ticks.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.XLabel("wireless rate (Mbit/s, log scale)");
    }

    private static byte[] TwoPanels(Plot left, Plot right)
    {
        var figure = new Multiplot();
        figure.Reset(left);
        figure.AddPlot(right);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        using var image = figure.Render(Width * 2 - 200, Height);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }

    private static byte[] Png(Plot plot, int width, int height)
    {
        using var image = plot.GetImage(width, height);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }

    private static IReadOnlyList<(string Policy, double ExpectedMs)> ReadExpected(string compareDir)
    {
        var path = Path.Combine(compareDir, ExpectedDelays.FileName);
        if (!File.Exists(path))
        {
            throw new BadInputException($"--compare: {path}: no such file (a single mec compare run of the pre-dnnoff scenario writes it)");
        }

        return File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .Select(c => (c[0], double.Parse(c[1], CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>Per policy the delay of every slot with a task: one task a slot in the pre-dnnoff scenario, so the tasks' delays.</summary>
    private static Dictionary<string, List<double>> ReadSlotDelays(string compareDir)
    {
        var path = Path.Combine(compareDir, Core.Metrics.ResultsWriter.SlotsFileName);
        if (!File.Exists(path))
        {
            throw new BadInputException($"--compare: {path}: no such file");
        }

        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var policy = Array.IndexOf(header, "policy");
        var tasks = Array.IndexOf(header, "tasks");
        var delay = Array.IndexOf(header, "avgDelayMs");
        var result = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            if (cells[tasks] != "1")
            {
                throw new BadInputException($"--compare: {path}: a slot with {cells[tasks]} tasks; the emulated check needs one task a slot");
            }

            if (!result.TryGetValue(cells[policy], out var list))
            {
                result[cells[policy]] = list = [];
            }

            list.Add(double.Parse(cells[delay], CultureInfo.InvariantCulture));
        }

        return result;
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
