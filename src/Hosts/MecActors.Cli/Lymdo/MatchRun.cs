using System.Globalization;
using System.Text;
using MecActors.Cli.Experiments;
using MecActors.Cli.Training;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Policies;
using MecActors.Policies.Lymdo;

namespace MecActors.Cli.Lymdo;

/// <summary>
/// A trained LyMDO agent on held-out evaluation episodes, each a fresh run (virtual queues from 0) in the reference model
/// with the checkpoint's weights: per episode the share of slots with frames in which its partition points equal the
/// exhaustive search's, their mean with its 95% interval, and the median wall times of its decision, of the exhaustive
/// search and of the convex step per slot.
/// </summary>
internal static class MatchRun
{
    public sealed record Episode(int Number, int Slots, int Matches)
    {
        public double Rate => Slots == 0 ? 1.0 : Matches / (double)Slots;
    }

    public sealed record Outcome(IReadOnlyList<Episode> Episodes, SampleStatistics Rate, double DecisionMs, double ExhaustiveMs, double ConvexMs);

    public static Outcome Run(ScenarioSpec scenario, string policy, byte[] checkpoint, int seed, int slots, IReadOnlyList<int> episodes)
    {
        var rows = new List<Episode>();
        var decision = new List<double>();
        var exhaustive = new List<double>();
        var convex = new List<double>();
        foreach (var episode in episodes)
        {
            var system = new SystemView(scenario with { Episode = episode });
            var set = PolicyCatalog.All.Create(policy, system, seed);
            var agent = set.Offloading as LymdoAgent ?? throw new InvalidOperationException($"{policy} is not a LyMDO agent");
            Checkpoints.Apply(agent, checkpoint);
            agent.Training = false;
            var probe = new MatchProbe(agent);
            ReferenceModel.Run(system, set with { Offloading = probe }, slots, seed);
            rows.Add(new Episode(episode, probe.Slots, probe.Matches));
            decision.AddRange(probe.DecisionMs);
            exhaustive.AddRange(probe.ExhaustiveMs);
            convex.AddRange(probe.ConvexMs);
        }

        return new Outcome(rows, SampleStatistics.Of([.. rows.Select(r => r.Rate)]), Median(decision), Median(exhaustive), Median(convex));
    }

    public static string Csv(Outcome outcome)
    {
        var text = new StringBuilder("episode,slots,matches,matchRate\n");
        foreach (var e in outcome.Episodes)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Number},{e.Slots},{e.Matches},{e.Rate:R}\n");
        }

        return text.ToString();
    }

    /// <summary>The summary: the match rate's mean, interval and n, and the three median times.</summary>
    public static string SummaryCsv(Outcome o) => string.Create(
        CultureInfo.InvariantCulture,
        $"matchRate,matchRateCi95,n,decisionMs,exhaustiveMs,convexMs\n{o.Rate.Mean:R},{o.Rate.HalfWidth95:R},{o.Rate.N},{o.DecisionMs:G6},{o.ExhaustiveMs:G6},{o.ConvexMs:G6}\n");

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[values.Count / 2];
    }
}
