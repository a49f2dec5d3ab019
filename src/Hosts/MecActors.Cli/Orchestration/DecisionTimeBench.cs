using System.Diagnostics;
using System.Globalization;
using System.Text;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Policies;
using MecActors.Policies.Caching;
using MecActors.Policies.Learning;
using ScottPlot;

namespace MecActors.Cli.Orchestration;

/// <summary>
/// The wall time of one decision of each paper 003 policy (Sec. 6.2.2 (c): 0.6 ms Q-learning, 11 ms deep Q-learning on a
/// GPU), for 1-5 users: the median over repeated decisions of a step in which every user requests, each by a fresh
/// policy, the learners acting greedily.
/// </summary>
internal static class DecisionTimeBench
{
    public static readonly string[] Policies = [Paper003Policies.BruteForceName, Paper003Policies.QLearningName, Paper003Policies.OffloadOnlyRlName, Paper003Policies.DqnName];

    public static List<(string Policy, int Users, double Ms)> Run(string scenarioDir, int repeat)
    {
        var rows = new List<(string, int, double)>();
        for (var users = 1; users <= 5; users++)
        {
            var system = ConvergenceRun.SystemOf(scenarioDir, new ConvergenceRun.Case("A", "orchestration.conf", users, "0.89", Paper003Policies.QLearningName, false));
            var observation = FullObservation(system, users);
            foreach (var name in Policies)
            {
                var times = new double[repeat];
                Greedy(name, system).Decide(observation);
                for (var r = 0; r < repeat; r++)
                {
                    // A fresh policy each time: the state-action network keeps its last answers until it trains.
                    var offloading = Greedy(name, system);
                    var start = Stopwatch.GetTimestamp();
                    offloading.Decide(observation);
                    times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }

                Array.Sort(times);
                rows.Add((name, users, times[repeat / 2]));
            }
        }

        return rows;
    }

    public static string Csv(IEnumerable<(string Policy, int Users, double Ms)> rows)
    {
        var text = new StringBuilder("policy,users,medianMs\n");
        foreach (var (policy, users, ms) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{policy},{users},{ms:G6}\n");
        }

        return text.ToString();
    }

    public static byte[] RenderPng(IReadOnlyList<(string Policy, int Users, double Ms)> rows)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var i = 0;
        foreach (var group in rows.GroupBy(r => r.Policy))
        {
            var line = plot.Add.ScatterLine(group.Select(r => (double)r.Users).ToArray(), group.Select(r => Math.Log10(r.Ms)).ToArray());
            line.LegendText = group.Key;
            line.Color = palette.GetColor(i++);
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        plot.Title("Decision time per step (median wall time, one core)");
        plot.XLabel("users");
        plot.YLabel("log10 ms");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(800, 450, ImageFormat.Png);
    }

    private static IOffloadingPolicy Greedy(string name, SystemView system)
    {
        var offloading = PolicyCatalog.All.Create(name, system, 1).Offloading;
        if (offloading is ITrainablePolicy trainable)
        {
            trainable.Training = false;
        }

        return offloading;
    }

    /// <summary>The first observation of a step in which every device requests: the decision the paper times.</summary>
    private static SlotObservation FullObservation(SystemView system, int users)
    {
        const int searched = 1000;
        var capture = new Capture(users);
        ReferenceModel.Run(system, new PolicySet("capture", capture, new PopularityCaching(system)), searched, 1);
        return capture.Observation ?? throw new InvalidOperationException($"no step of the first {searched} has all {users} users active");
    }

    /// <summary>Keeps the first observation with every device requesting and runs every task on its device.</summary>
    private sealed class Capture(int users) : IOffloadingPolicy
    {
        public SlotObservation? Observation { get; private set; }

        public OffloadDecision[] Decide(SlotObservation observation)
        {
            if (observation.Tasks.Count == users)
            {
                Observation ??= observation;
            }

            return [.. observation.Tasks.Select(t => OffloadDecision.On(NodeKind.Device, t.LocalEdge, observation.System.Scenario.Models[t.ModelId].ExitCount))];
        }

        public void Learn(SlotFeedback feedback)
        {
        }
    }
}
