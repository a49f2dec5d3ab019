using System.Globalization;
using System.Text;
using System.Text.Json;
using MecActors.Cli.Commands;
using MecActors.Cli.Experiments;
using MecActors.Core.Scenarios;
using MecActors.Policies;

namespace MecActors.Cli.Reports;

/// <summary>
/// Paper 004's results as markdown: the agents' training, every policy over the held-out episodes (delay, energy per UE
/// and slot against the budget, the UEs over it, the virtual queues), which policies keep the budget and the least delay
/// among them, the DRL agent's match with the exhaustive search and the times per slot, the V sweep, the frame-rate
/// sweep and Q(T)/T over longer runs; the plots it names are copied beside the document.
/// </summary>
internal static class LymdoReport
{
    public sealed record Inputs(ScenarioSpec Scenario, string Train, string Compare, string Match, string VSweep, string RateSweep, string Long, string Ten);

    private static readonly string[] LongPolicies = [LymdoPolicies.LymdoName, LymdoPolicies.ExhaustiveName, LymdoPolicies.EqualName, LymdoPolicies.MyopicName];

    /// <summary>The markdown, the plots to copy (source, name beside the document) and the plots drawn here (name, PNG).</summary>
    public static (string Markdown, List<(string From, string Name)> Images, List<(string Name, byte[] Png)> Plots) Write(Inputs inputs, string stem)
    {
        var scenario = inputs.Scenario;
        var budget = scenario.DeviceCompute?.EnergyBudgetJ ?? throw new BadInputException("the scenario has no devices.compute.energy-budget-j");
        var ues = scenario.DeviceCount;
        var text = new StringBuilder();
        var images = new List<(string, string)>();
        var plots = new List<(string, byte[])>();
        var compare = MeasuredResults.Read(inputs.Compare);
        var perUe = EnergyPerUeAndSlot(inputs.Compare, ues);

        text.Append(CultureInfo.InvariantCulture, $"### Training\n\n");
        foreach (var policy in new[] { LymdoPolicies.LymdoName, LymdoPolicies.NoLyapunovName })
        {
            var (steps, moving) = LastTrainingPoint(Path.Combine(inputs.Train, $"train-{policy}", "training.csv"));
            text.Append(CultureInfo.InvariantCulture, $"- `{policy}`: trained on seed {scenario.Seed}, its last update at step {steps}; the moving average (last 100 updates) of its match with the exhaustive search of its own objective in the slots it trained on: {moving:P1}.\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n### Every policy on {compare.Episodes.Count} held-out episodes\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{ues} UEs, {scenario.Slots} slots of {scenario.SlotSeconds * 1000:0} ms per episode, seed {string.Join(", ", compare.Seeds)}, evaluation episodes {string.Join(", ", compare.Episodes)}; E_u = {budget:0.###} J per slot. Means ± 95% intervals over the episodes. Energy per UE and slot: the run's energy over U x T; worst UE: the largest of the UEs' averages per slot; over budget: the UEs whose average exceeds E_u; Q: the virtual queues over every UE and slot, Q(T)/T their mean at the end.\n\n");
        text.Append("| policy | E2E delay ms | energy per UE and slot J | worst UE J/slot | UEs over budget | mean Q J | max Q J | Q(T)/T J |\n");
        text.Append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var policy in compare.Policies)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{policy}` | {compare.Of(policy, "avgDelayMs").Format("0.0")} | {perUe[policy].Format("0.0000")} | {compare.Of(policy, "maxDeviceEnergyPerSlotJ").Format("0.0000")} | {compare.Of(policy, "energyBudgetViolations").Format("0.0")} | {compare.Of(policy, "avgVirtualQueueJ").Format("0.000")} | {compare.Of(policy, "maxVirtualQueueJ").Format("0.000")} | {compare.Of(policy, "virtualQueuePerSlotAtEndJ").Format("0.0000")} |\n");
        }

        text.Append('\n').Append(BudgetClaims(compare, perUe, budget)).Append('\n');

        var match = File.ReadAllLines(Required(Path.Combine(inputs.Match, "match-summary.csv")))[1].Split(',');
        double Field(int i) => double.Parse(match[i], CultureInfo.InvariantCulture);
        text.Append("### The DRL partition against the exhaustive search, and the times per slot\n\n");
        text.Append(CultureInfo.InvariantCulture, $"`mec lymdo match`: the trained `lymdo` acting greedily on {match[2]} held-out episodes (the same as above), each slot with frames compared with what `lymdo-exhaustive` chooses in the same state (the agent's own virtual queues and backlogs). Its partition points equal the exhaustive search's for every UE with frames in **{Field(0):P2} ± {Field(1):P2}** of the slots ({(Field(0) >= 0.95 ? "at least" : "below")} the 95% the method asks for).\n\n");
        text.Append("| median wall time per slot, one core | ms |\n| --- | --- |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `lymdo`'s whole decision (actor, up to {(ues * 2) + 1 + (ues * 2)} candidates each through the convex step, the allocation) | {Field(3):G3} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| the exhaustive search (3^{ues} = {Math.Pow(3, ues):0} combinations, each through the convex step) | {Field(4):G3} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| one convex step (the allocation given the partition points) | {Field(5):G3} |\n\n");

        var v = SweepResults.Read(inputs.VSweep);
        text.Append(CultureInfo.InvariantCulture, $"### The V trade-off\n\n`mec sweep --set lymdo.v=...`, {v.Of(v.Values[0], LymdoPolicies.ExhaustiveName, "avgDelayMs").N} held-out episodes per point (the DRL agents trained anew at every V). Delay should fall towards the per-slot optimum as V grows (O(1/V)) while the virtual queues grow (O(V)).\n\n");
        text.Append("| V | policy | E2E delay ms | mean Q J | worst UE J/slot | UEs over budget |\n| --- | --- | --- | --- | --- | --- |\n");
        foreach (var value in v.Values)
        {
            foreach (var policy in new[] { LymdoPolicies.LymdoName, LymdoPolicies.ExhaustiveName })
            {
                text.Append(CultureInfo.InvariantCulture, $"| {value} | `{policy}` | {v.Of(value, policy, "avgDelayMs").Format("0.0")} | {v.Of(value, policy, "avgVirtualQueueJ").Format("0.000")} | {v.Of(value, policy, "maxDeviceEnergyPerSlotJ").Format("0.0000")} | {v.Of(value, policy, "energyBudgetViolations").Format("0.0")} |\n");
            }
        }

        var front = Path.Combine(inputs.VSweep, "front-avgVirtualQueueJ-avgDelayMs.png");
        images.Add((Required(front), $"{stem}-v-front.png"));
        text.Append(CultureInfo.InvariantCulture, $"\n![delay against the mean virtual queue over V]({stem}-v-front.png)\n\n");

        var rate = SweepResults.Read(inputs.RateSweep);
        text.Append(CultureInfo.InvariantCulture, $"### Frame rate: where the serial queues become unstable\n\n`mec sweep --set workload.rate-per-s=...`, {rate.Of(rate.Values[0], LymdoPolicies.ExhaustiveName, "avgDelayMs").N} held-out episodes of 500 slots per point. E2E delay in ms (a delay that grows with the run's length marks queues that are not stable):\n\n");
        var policies = compare.Policies.ToList();
        text.Append("| fps | ").Append(string.Join(" | ", policies.Select(p => $"`{p}`"))).Append(" |\n| --- |").Append(string.Concat(policies.Select(_ => " --- |"))).Append('\n');
        foreach (var value in rate.Values)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {value} | ").Append(string.Join(" | ", policies.Select(p => rate.Has(value, p, "avgDelayMs") ? rate.Of(value, p, "avgDelayMs").Format("0") : ""))).Append(" |\n");
        }

        text.Append("| delay over 10 x its lowest-rate value from |").Append(string.Concat(policies.Select(p => $" {BlowUp(rate, p)} |"))).Append('\n');
        plots.Add(($"{stem}-rate-delay.png", RateDelayPng(rate, policies)));
        text.Append(CultureInfo.InvariantCulture, $"\n![E2E delay against the frame rate, log scale]({stem}-rate-delay.png)\n\n");

        text.Append("### Mean rate stability: Q(T)/T over longer runs\n\nOne run each (evaluation episode 0), the same workload prefix for every length:\n\n");
        text.Append("| T (slots) | policy | E2E delay ms | Q(T)/T J | mean Q J | max Q J | worst UE J/slot | UEs over budget |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        if (!Directory.Exists(inputs.Long))
        {
            throw new BadInputException($"--long: {inputs.Long}: no such directory");
        }

        foreach (var slots in LongLengths(inputs.Long))
        {
            foreach (var policy in LongPolicies)
            {
                var run = MeasuredResults.Read(Path.Combine(inputs.Long, $"{policy}-{slots}"));
                text.Append(CultureInfo.InvariantCulture, $"| {slots} | `{policy}` | {run.Of(policy, "avgDelayMs").Format("0.0")} | {run.Of(policy, "virtualQueuePerSlotAtEndJ").Format("0.00000")} | {run.Of(policy, "avgVirtualQueueJ").Format("0.000")} | {run.Of(policy, "maxVirtualQueueJ").Format("0.000")} | {run.Of(policy, "maxDeviceEnergyPerSlotJ").Format("0.0000")} | {run.Of(policy, "energyBudgetViolations").Format("0")} |\n");
            }
        }

        text.Append('\n').Append(TenUes(inputs.Ten));
        return (text.ToString(), images, plots);
    }

    /// <summary>U = 10: every policy of lymdo-10.conf over its held-out episodes and the agent's match on a few short ones.</summary>
    private static string TenUes(string dir)
    {
        var compare = MeasuredResults.Read(Path.Combine(dir, "compare"));
        var perUe = EnergyPerUeAndSlot(Path.Combine(dir, "compare"), 10);
        var text = new StringBuilder("### U = 10\n\n");
        text.Append(CultureInfo.InvariantCulture, $"`config/scenarios/lymdo-10.conf`: ten UEs, the band grown with them (200 kHz per UE as at four), the same ES; the exhaustive search and the policies built on it are left out (3^10 = 59,049 combinations a slot). {compare.Episodes.Count} held-out episodes:\n\n");
        text.Append("| policy | E2E delay ms | energy per UE and slot J | worst UE J/slot | UEs over budget | mean Q J | max Q J |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var policy in compare.Policies)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{policy}` | {compare.Of(policy, "avgDelayMs").Format("0.0")} | {perUe[policy].Format("0.0000")} | {compare.Of(policy, "maxDeviceEnergyPerSlotJ").Format("0.0000")} | {compare.Of(policy, "energyBudgetViolations").Format("0.0")} | {compare.Of(policy, "avgVirtualQueueJ").Format("0.000")} | {compare.Of(policy, "maxVirtualQueueJ").Format("0.000")} |\n");
        }

        var match = File.ReadAllLines(Required(Path.Combine(dir, "match", "match-summary.csv")))[1].Split(',');
        double Field(int i) => double.Parse(match[i], CultureInfo.InvariantCulture);
        var slots = File.ReadAllLines(Path.Combine(dir, "match", "match.csv")).Skip(1).Sum(l => int.Parse(l.Split(',')[1], CultureInfo.InvariantCulture));
        text.Append(CultureInfo.InvariantCulture, $"\nThe agent's partition points equal the exhaustive search's in {Field(0):P1} of {slots} slots with frames ({match[2]} held-out episodes; the search is too slow for more); median times per slot: decision {Field(3):G3} ms, exhaustive search {Field(4):G3} ms, convex step {Field(5):G3} ms.\n");
        return text.ToString();
    }

    /// <summary>Each policy's mean E2E delay against the frame rate, on a log scale (the stable ones stay within tens of ms).</summary>
    private static byte[] RateDelayPng(SweepResults rate, IReadOnlyList<string> policies)
    {
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < policies.Count; i++)
        {
            var values = rate.Values.Where(v => rate.Has(v, policies[i], "avgDelayMs")).ToArray();
            var line = plot.Add.ScatterLine(
                values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray(),
                values.Select(v => Math.Log10(rate.Of(v, policies[i], "avgDelayMs").Mean)).ToArray());
            line.LegendText = policies[i];
            line.Color = palette.GetColor(i);
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        plot.Title("E2E delay against the frame rate (mean over the held-out episodes)");
        plot.XLabel("frames per second per UE");
        plot.YLabel("log10 E2E delay (ms)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return plot.GetImageBytes(800, 450, ScottPlot.ImageFormat.Png);
    }

    /// <summary>The first frame rate at which the policy's delay exceeds ten times its delay at the lowest rate ("none" if it never does).</summary>
    private static string BlowUp(SweepResults rate, string policy)
    {
        if (!rate.Has(rate.Values[0], policy, "avgDelayMs"))
        {
            return "";
        }

        var lowest = rate.Of(rate.Values[0], policy, "avgDelayMs").Mean;
        return rate.Values.FirstOrDefault(v => rate.Of(v, policy, "avgDelayMs").Mean > 10 * lowest) is { } value ? $"{value} fps" : "none";
    }

    /// <summary>Which policies keep every UE's budget (on average over the episodes: no UE over it), the least delay among them, and myopic's.</summary>
    private static string BudgetClaims(MeasuredResults compare, Dictionary<string, Measured> perUe, double budget)
    {
        var keeping = compare.Policies.Where(p => compare.Of(p, "energyBudgetViolations").Mean == 0).ToList();
        var text = new StringBuilder();
        if (keeping.Count == 0)
        {
            text.Append("No policy keeps every UE's average energy under the budget in every episode. ");
        }
        else
        {
            var best = keeping.MinBy(p => compare.Of(p, "avgDelayMs").Mean)!;
            text.Append(CultureInfo.InvariantCulture, $"Policies with no UE over the budget in any episode: {string.Join(", ", keeping.Select(p => $"`{p}`"))}; the least delay among them: `{best}` ({compare.Of(best, "avgDelayMs").Format("0.0")} ms). ");
        }

        var myopic = compare.Of(LymdoPolicies.MyopicName, "energyBudgetViolations");
        text.Append(CultureInfo.InvariantCulture, $"`myopic` has {myopic.Format("0.0")} UEs over the budget ({perUe[LymdoPolicies.MyopicName].Format("0.0000")} J per UE and slot against E_u = {budget:0.###} J). ");
        var lymdo = compare.Of(LymdoPolicies.LymdoName, "energyBudgetViolations");
        text.Append(CultureInfo.InvariantCulture, $"`lymdo` has {lymdo.Format("0.0")} UEs over the budget, its worst UE at {compare.Of(LymdoPolicies.LymdoName, "maxDeviceEnergyPerSlotJ").Format("0.0000")} J per slot; by the drift-plus-penalty bound a UE's average is at most E_u + Q_u(T)/T, and its Q(T)/T is {compare.Of(LymdoPolicies.LymdoName, "virtualQueuePerSlotAtEndJ").Format("0.0000")} J.\n");
        return text.ToString();
    }

    /// <summary>Per policy, the mean over runs.csv's runs of the energy per UE and slot: avgEnergyJ x (completed + missed) / (slots x U).</summary>
    private static Dictionary<string, Measured> EnergyPerUeAndSlot(string compareDir, int ues)
    {
        var path = Required(Path.Combine(compareDir, "runs.csv"));
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(compareDir, "summary.json")));
        var slots = summary.RootElement.GetProperty("slots").GetInt32();
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',').ToList();
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new BadInputException($"{path}: no column {name}");
        var (energy, completed, missed) = (Column("avgEnergyJ"), Column("completed"), Column("missedDeadline"));
        var values = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            var ran = D(completed) + D(missed);
            (values.TryGetValue(f[0], out var list) ? list : values[f[0]] = []).Add(D(energy) * ran / (slots * (double)ues));
        }

        return values.ToDictionary(p => p.Key, p =>
        {
            var stats = SampleStatistics.Of(p.Value);
            return new Measured(stats.Mean, double.IsFinite(stats.HalfWidth95) ? stats.HalfWidth95 : 0.0, stats.N);
        });
    }

    private static (int Steps, double MovingAverage) LastTrainingPoint(string path)
    {
        var last = File.ReadAllLines(Required(path))[^1].Split(',');
        return (int.Parse(last[0], CultureInfo.InvariantCulture), double.Parse(last[2], CultureInfo.InvariantCulture));
    }

    /// <summary>The run lengths of the long runs, from their folder names (<c>POLICY-T</c>), ascending.</summary>
    private static IEnumerable<int> LongLengths(string dir) =>
        Directory.GetDirectories(dir)
            .Select(d => Path.GetFileName(d))
            .Where(n => n.StartsWith(LymdoPolicies.MyopicName + "-", StringComparison.Ordinal))
            .Select(n => int.Parse(n[(LymdoPolicies.MyopicName.Length + 1)..], CultureInfo.InvariantCulture))
            .Order();

    private static string Required(string path) => File.Exists(path) ? path : throw new BadInputException($"{path}: no such file (run scripts/reproduce-004.sh)");
}
