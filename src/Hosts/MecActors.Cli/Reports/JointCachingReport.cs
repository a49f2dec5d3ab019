using System.Globalization;
using System.Text;

namespace MecActors.Cli.Reports;

/// <summary>
/// The generated part of <c>docs/reproduction/joint-caching.md</c>: paper 000's Table I beside our means ± 95%
/// intervals, each ordering the reproduction is judged on with its margin, and the delay-accuracy front over the
/// swept beta with the front ordering checked point by point.
/// </summary>
internal static class JointCachingReport
{
    private const string Joint = "joint-a2c";
    private const string RandomDecisions = "random-decisions";
    private const string RandomCaching = "random-caching";
    private const string LocalEdge = "local-edge";
    private const string NoEarlyExit = "no-early-exit";
    private const string Delay = "avgDelayMs";
    private const string Accuracy = "avgAccuracy";
    private const string Objective = "objective";

    /// <summary>Table I of paper 000: its five schemes, delay (ms) and accuracy.</summary>
    private static readonly (string Policy, string Scheme, double DelayMs, double Accuracy)[] TableI =
    [
        (RandomDecisions, "Random Decisions", 889.5, 0.7955),
        (RandomCaching, "Random Caching (A2C)", 750.3, 0.8289),
        (LocalEdge, "Local Edge Server (A2C)", 507.1, 0.7724),
        (NoEarlyExit, "No Early Exit (A2C)", 706.3, 0.8733),
        (Joint, "Joint optimization (A2C)", 500.2, 0.8591),
    ];

    private static readonly string[] PaperRows = TableI.Select(r => r.Policy).ToArray();

    public static string Write(MeasuredResults table, MeasuredResults? references, SweepResults front, string frontImage)
    {
        var md = new StringBuilder();
        var n = table.Of(Joint, Delay).N;
        md.AppendLine("## Results");
        md.AppendLine();
        md.AppendLine(Invariant(
            $"Means ± 95% intervals (Student t) over n = {n} held-out evaluation episodes: episodes {Describe(table.Episodes)} of seeds {string.Join(", ", table.Seeds)}, each seed's learning rows trained once (50,000 steps). Delay in ms; the objective is alpha·D − beta·Acc, lower is better. The paper reports one run per scheme."));
        md.AppendLine();
        md.AppendLine("| scheme | paper delay | paper acc | delay | accuracy | objective |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (policy, scheme, paperDelay, paperAccuracy) in TableI)
        {
            md.AppendLine(Invariant($"| {scheme} (`{policy}`) | {paperDelay:0.0} | {paperAccuracy:0.0000} | {Row(table, policy)} |"));
        }

        foreach (var policy in table.Policies.Where(p => !PaperRows.Contains(p)))
        {
            md.AppendLine(Invariant($"| extra: `{policy}` | | | {Row(table, policy)} |"));
        }

        foreach (var policy in references?.Policies ?? [])
        {
            md.AppendLine(Invariant($"| reference: `{policy}` | | | {Row(references!, policy)} |"));
        }

        md.AppendLine();
        md.AppendLine("### The orderings at the scenario's beta");
        md.AppendLine();
        foreach (var line in Orderings(table))
        {
            md.AppendLine("- " + line);
        }

        md.AppendLine();
        md.AppendLine(Invariant($"### The delay-accuracy front ({front.Key} swept)"));
        md.AppendLine();
        md.AppendLine(Invariant($"![delay against accuracy, one curve per policy through its {front.Key} points]({frontImage})"));
        md.AppendLine();
        md.AppendLine(Invariant($"Per {front.Key}, delay ms / accuracy (n = {front.Of(front.Values[0], Joint, Delay).N} each), every learning row trained anew at each value:"));
        md.AppendLine();
        var policies = new[] { Joint, LocalEdge, NoEarlyExit, RandomCaching, RandomDecisions }.Where(p => front.Has(front.Values[0], p, Delay)).ToArray();
        md.AppendLine($"| {front.Key} | " + string.Join(" | ", policies.Select(p => $"`{p}`")) + " |");
        md.AppendLine("| --- |" + string.Concat(policies.Select(_ => " --- |")));
        foreach (var value in front.Values)
        {
            md.AppendLine($"| {value} | " + string.Join(" | ", policies.Select(p => Invariant($"{front.Of(value, p, Delay).Format("0.0")} / {front.Of(value, p, Accuracy).Format("0.0000")}"))) + " |");
        }

        md.AppendLine();
        var joint = new DelayAccuracyFront(front.Values.Select(v => Point(front, v, Joint)));
        var comparisons = new List<FrontComparison>();
        foreach (var rival in new[] { LocalEdge, NoEarlyExit })
        {
            comparisons.AddRange(front.Values.Select(v => joint.Against(Point(front, v, rival))));
        }

        var held = comparisons.Count(c => c.Holds);
        md.AppendLine(Invariant(
            $"**Front ordering** (at every accuracy a `local-edge` or `no-early-exit` point reaches, the joint front, piecewise-linear between its points, is no slower within the intervals): **{(held == comparisons.Count ? "holds" : "fails")}**, holding at {held} of {comparisons.Count} points."));
        md.AppendLine();
        md.AppendLine("| point | its delay / accuracy | joint front's delay there | |");
        md.AppendLine("| --- | --- | --- | --- |");
        var rivals = new[] { LocalEdge, NoEarlyExit };
        for (var i = 0; i < comparisons.Count; i++)
        {
            var c = comparisons[i];
            var name = rivals[i / front.Values.Count];
            var frontDelay = c.FrontDelay is { } d ? d.Format("0.0") : "not reached";
            var margin = c.FrontDelay is { } f ? Invariant($"{(c.Holds ? "holds" : "fails")} ({c.Point.Delay.Mean - f.Mean:+0.0;-0.0} ms)") : "fails";
            md.AppendLine(Invariant($"| `{name}`, {front.Key} = {c.Point.Setting} | {c.Point.Delay.Format("0.0")} / {c.Point.Accuracy.Format("0.0000")} | {frontDelay} | {margin} |"));
        }

        return md.ToString();
    }

    /// <summary>Each ordering of the replications issue: holds or fails, by how much.</summary>
    private static IEnumerable<string> Orderings(MeasuredResults table)
    {
        var objective = table.Of(Joint, Objective);
        var others = table.Policies.Where(p => p != Joint).ToArray();
        var bestOther = others.MinBy(p => table.Of(p, Objective).Mean)!;
        var nextObjective = table.Of(bestOther, Objective);
        var overlap = objective.High >= nextObjective.Low ? ", the intervals overlapping" : ", the intervals apart";
        yield return Invariant(
            $"**Best mean objective of all rows**: {Verdict(objective.Mean < nextObjective.Mean)}: {objective.Format("0.0000")} against {nextObjective.Format("0.0000")} for `{bestOther}`, the next (by {nextObjective.Mean - objective.Mean:0.0000}{overlap}).");

        var jointAccuracy = table.Of(Joint, Accuracy).Mean;
        var noExit = table.Of(NoEarlyExit, Accuracy).Mean;
        yield return Invariant(
            $"**Accuracy within 0.03 of no-early-exit's**: {Verdict(noExit - jointAccuracy <= 0.03)}: {noExit - jointAccuracy:0.0000} below it ({jointAccuracy:0.0000} against {noExit:0.0000}; the paper: 0.0142).");
        var random = table.Of(RandomDecisions, Accuracy).Mean;
        yield return Invariant(
            $"**Accuracy above random-decisions'**: {Verdict(jointAccuracy > random)}: by {jointAccuracy - random:0.0000}.");

        var bySlowness = PaperRows.OrderByDescending(p => table.Of(p, Delay).Mean).ToArray();
        var slowest = bySlowness[..2];
        var third = bySlowness[2];
        var twoRandom = slowest.Contains(RandomDecisions) && slowest.Contains(RandomCaching);
        yield return Invariant(
            $"**Random decisions and random caching the two slowest of the paper's five rows**: {Verdict(twoRandom)}: {string.Join(" and ", slowest.Select(p => $"`{p}` {table.Of(p, Delay).Mean:0.0} ms"))}, then `{third}` {table.Of(third, Delay).Mean:0.0} ms.");

        var fastestOther = PaperRows.Where(p => p != Joint).MinBy(p => table.Of(p, Delay).Mean)!;
        var jointDelay = table.Of(Joint, Delay).Mean;
        var otherDelay = table.Of(fastestOther, Delay).Mean;
        yield return Invariant(
            $"Reported, not required: **joint has the lowest delay** of the paper's rows: {Verdict(jointDelay < otherDelay)}: {jointDelay:0.0} ms against `{fastestOther}`'s {otherDelay:0.0} ms ({otherDelay - jointDelay:+0.0;-0.0} ms).");
    }

    private static FrontPoint Point(SweepResults front, string value, string policy) =>
        new(value, front.Of(value, policy, Delay), front.Of(value, policy, Accuracy));

    private static string Row(MeasuredResults results, string policy) =>
        $"{results.Of(policy, Delay).Format("0.0")} | {results.Of(policy, Accuracy).Format("0.0000")} | {results.Of(policy, Objective).Format("0.0000")}";

    private static string Verdict(bool holds) => holds ? "holds" : "fails";

    private static string Describe(IReadOnlyList<int> episodes) =>
        episodes.Count > 2 ? $"{episodes[0]}, {episodes[1]}, … ({episodes.Count} per seed)" : string.Join(", ", episodes);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
