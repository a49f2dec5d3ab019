using System.Globalization;
using System.Text;
using MecActors.Cli.Commands;
using MecActors.Policies;
using MecActors.Policies.Orchestration;

namespace MecActors.Cli.Reports;

/// <summary>
/// The generated part of docs/reproduction/orchestration.md (paper 003): Table 9 and 10 analogues beside the paper's
/// values (means ± 95% intervals over held-out episodes, and each device's decision), the speed-up at the 89% threshold,
/// the fixed placements, the agents' optimality and convergence (Table 11 analogue) with transfer, and the calibration.
/// </summary>
internal static class OrchestrationReport
{
    private static readonly string[] Agents = [Paper003Policies.BruteForceName, Paper003Policies.QLearningName, Paper003Policies.DqnName];

    /// <param name="results">Per experiment and threshold (e.g. "A-0.89"), the compare output run with <c>--trace</c>.</param>
    public static string Write(
        string results, string? convergenceCsv, string? calibration, string? decisionTimeImage, IReadOnlyList<string> curveImages, string? live)
    {
        var text = new StringBuilder();
        var decisionsByCase = new Dictionary<string, Dictionary<string, string[]>>(StringComparer.Ordinal);
        var measured = new Dictionary<string, MeasuredResults>(StringComparer.Ordinal);
        foreach (var experiment in MecActors.Policies.Orchestration.Experiments.Names)
        {
            foreach (var (name, value) in PaperResults.Thresholds)
            {
                var dir = Path.Combine(results, $"{experiment}-{value}");
                measured[$"{experiment}-{name}"] = MeasuredResults.Read(dir);
                decisionsByCase[$"{experiment}-{name}"] = TraceDecisions.Read(Path.Combine(dir, "tasks.csv"));
            }
        }

        var any = measured.Values.First();
        text.AppendLine(CultureInfo.InvariantCulture, $"Five users, {any.Episodes.Count} held-out evaluation episodes x {any.Seeds.Count} seed(s) per row (n = {any.Episodes.Count * any.Seeds.Count}); means ± 95% Student t intervals (every step of these experiments is the same state, so the intervals are 0 unless a policy's own draws vary). Decisions: variant,node of S1..S5 in the first evaluated step (L device, E edge, C cloud).");
        text.AppendLine();
        text.AppendLine("### Table 9 analogue: average response time and accuracy per experiment and threshold");
        text.AppendLine();
        text.AppendLine("| exp | threshold | paper decisions | paper ms | paper acc % | policy | our decisions | our ms | our acc % |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | --- | --- | ---: | ---: |");
        foreach (var row in PaperResults.Table9)
        {
            var key = $"{row.Experiment}-{row.Threshold}";
            var first = true;
            foreach (var agent in Agents)
            {
                if (!measured[key].Has(agent))
                {
                    continue;
                }

                var paper = first ? $"{string.Join(" ", row.Decisions)} | {row.AvgMs:F2} | {row.AccuracyPercent:F2}" : " | | ";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {(first ? row.Experiment : "")} | {(first ? row.Threshold : "")} | {paper} | {agent} | {Decisions(decisionsByCase[key], agent)} | {measured[key].Of(agent, "avgDelayMs").Format("F2")} | {Percent(measured[key].Of(agent, "avgAccuracy"))} |");
                first = false;
            }
        }

        text.AppendLine();
        text.AppendLine("### Table 10 analogue: the offloading-only baseline [36] (most accurate variant only)");
        text.AppendLine();
        text.AppendLine("| exp | paper decisions | paper ms | our decisions | our ms | our acc % |");
        text.AppendLine("| --- | --- | ---: | --- | ---: | ---: |");
        foreach (var row in PaperResults.Table10)
        {
            var key = $"{row.Experiment}-89%";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Experiment} | {string.Join(" ", row.Decisions)} | {row.AvgMs:F2} | {Decisions(decisionsByCase[key], Paper003Policies.OffloadOnlyRlName)} | {measured[key].Of(Paper003Policies.OffloadOnlyRlName, "avgDelayMs").Format("F2")} | {Percent(measured[key].Of(Paper003Policies.OffloadOnlyRlName, "avgAccuracy"))} |");
        }

        text.AppendLine();
        text.AppendLine("### Speed-up at the 89% threshold over the offloading-only baseline");
        text.AppendLine();
        text.AppendLine("The claim: at least 30% faster (paper: up to 35%) with less than 1 point of accuracy lost, in every experiment.");
        text.AppendLine();
        text.AppendLine("| exp | policy | ms | offload-only-rl ms | speed-up | accuracy lost (points) | holds |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var experiment in MecActors.Policies.Orchestration.Experiments.Names)
        {
            var results89 = measured[$"{experiment}-89%"];
            var baseline = results89.Of(Paper003Policies.OffloadOnlyRlName, "avgDelayMs");
            var baselineAccuracy = results89.Of(Paper003Policies.OffloadOnlyRlName, "avgAccuracy").Mean;
            foreach (var agent in Agents.Where(results89.Has))
            {
                var ms = results89.Of(agent, "avgDelayMs");
                var speedup = 1.0 - (ms.Mean / baseline.Mean);
                var lost = (baselineAccuracy - results89.Of(agent, "avgAccuracy").Mean) * 100;
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {experiment} | {agent} | {ms.Format("F2")} | {baseline.Format("F2")} | {speedup:P1} | {lost:F2} | {(speedup >= 0.30 && lost < 1.0 ? "yes" : "no")} |");
            }
        }

        text.AppendLine();
        text.AppendLine("### Fixed placements (Fig. 5 at five users)");
        text.AppendLine();
        text.AppendLine("| exp | policy | paper ms (Exp-A) | our ms |");
        text.AppendLine("| --- | --- | ---: | ---: |");
        foreach (var experiment in MecActors.Policies.Orchestration.Experiments.Names)
        {
            foreach (var (policy, ms) in PaperResults.FixedAtFiveUsers)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {experiment} | {policy} | {(experiment == "A" ? ms.ToString("F0", CultureInfo.InvariantCulture) : "")} | {measured[$"{experiment}-Max"].Of(policy, "avgDelayMs").Format("F2")} |");
            }
        }

        if (convergenceCsv is not null)
        {
            ConvergenceSection(text, convergenceCsv, curveImages);
        }

        if (live is not null)
        {
            LiveSection(text, live);
        }

        if (decisionTimeImage is not null)
        {
            text.AppendLine();
            text.AppendLine("### Decision time per step");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"![decision time]({decisionTimeImage})");
        }

        if (calibration is not null)
        {
            text.AppendLine();
            text.AppendLine("### Calibration (least squares on Exp-A, Exp-B..D held out)");
            text.AppendLine();
            text.AppendLine("```");
            text.Append(File.ReadAllText(calibration).TrimEnd());
            text.AppendLine();
            text.AppendLine("```");
        }

        return text.ToString();
    }

    private static void ConvergenceSection(StringBuilder text, string path, IReadOnlyList<string> curveImages)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"--convergence: {path}: no such file");
        }

        var rows = File.ReadAllLines(path).Skip(1).Select(line => line.Split(',', 11)).ToList();
        text.AppendLine();
        text.AppendLine("### Optimality against brute force");
        text.AppendLine();
        var fresh = rows.Where(r => r[4] == "no").ToList();
        foreach (var agent in fresh.Select(r => r[3]).Distinct())
        {
            var cases = fresh.Where(r => r[3] == agent).ToList();
            var optimal = cases.Where(r => double.Parse(r[7], CultureInfo.InvariantCulture) >= 1.0).ToList();
            var converged = optimal.Count(r => r[6].Length > 0);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {agent}: optimal in every visited state in {optimal.Count} of {cases.Count} cases trained ({(double)optimal.Count / cases.Count:P0}), converged there by the rule below in {converged} ({(double)converged / cases.Count:P0}); users {string.Join(", ", cases.Select(r => r[1]).Distinct())}.");
        }

        text.AppendLine();
        text.AppendLine("### Table 11 analogue: steps to converge");
        text.AppendLine();
        text.AppendLine("Rule: the greedy joint action is checked against brute force in every visited state (the joint action that earns the most over the steps met in the state; without the dynamics these are one and the same step) every 1/1000 of the step budget (at least every 10 steps); training stops once every check of the last fifth of the steps run (at least 1,000 steps, or a fifth of the budget where that is less) was optimal, and the converged step is the first of those checks; the budget is the paper's Table 11 count for the users (none: not converged within it). Transfer: initialised from the same agent trained at Min.");
        text.AppendLine();
        text.AppendLine("| users | exp | threshold | agent | paper steps | our steps | with transfer | transfer speed-up | optimal share |");
        text.AppendLine("| ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in fresh)
        {
            var users = int.Parse(r[1], CultureInfo.InvariantCulture);
            var threshold = PaperResults.Thresholds.First(t => t.Value == r[2]).Name;
            var paper = PaperResults.Table11.Where(p => p.Users == users && p.Threshold == threshold).Select(p => r[3] switch
            {
                Paper003Policies.QLearningName => p.QLearning,
                Paper003Policies.DqnName => p.Dqn,
                _ => p.OffloadOnly,
            }).FirstOrDefault();
            var transfer = rows.FirstOrDefault(t => t[4] == "yes" && t[0] == r[0] && t[1] == r[1] && t[2] == r[2] && t[3] == r[3]);
            var speedup = transfer is not null && r[6].Length > 0 && transfer[6].Length > 0
                ? (double.Parse(r[6], CultureInfo.InvariantCulture) / Math.Max(1, double.Parse(transfer[6], CultureInfo.InvariantCulture))).ToString("F1", CultureInfo.InvariantCulture) + "x"
                : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {users} | {r[0]} | {threshold} | {r[3]} | {(paper > 0 ? paper.ToString("N0", CultureInfo.InvariantCulture) : "")} | {(r[6].Length > 0 ? r[6] : "not converged in " + r[5])} | {transfer?[6] ?? ""} | {speedup} | {double.Parse(r[7], CultureInfo.InvariantCulture):P0} |");
        }

        foreach (var image in curveImages)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"![training curve]({image})");
        }
    }

    /// <summary>The same online-learning run on wall time (<c>live/realtime</c>) and in virtual time (<c>live/virtual</c>), task by task.</summary>
    private static void LiveSection(StringBuilder text, string live)
    {
        var realtime = MeasuredResults.Read(Path.Combine(live, "realtime"));
        var simulated = MeasuredResults.Read(Path.Combine(live, "virtual"));
        var policy = simulated.Policies.Single();
        var rt = TraceDelays.Read(Path.Combine(live, "realtime", "tasks.csv"));
        var vt = TraceDelays.Read(Path.Combine(live, "virtual", "tasks.csv"));
        var same = vt.All(e => rt.TryGetValue(e.Key, out var r) && r.Decision == e.Value.Decision);
        var errors = vt.Select(e => (rt[e.Key].Ms - e.Value.Ms) / e.Value.Ms).ToArray();
        var afterFirst = vt.Where(e => e.Value.Slot > 1).Select(e => (rt[e.Key].Ms - e.Value.Ms) / e.Value.Ms).ToArray();
        var rtMs = realtime.Of(policy, "avgDelayMs").Mean;
        var vtMs = simulated.Of(policy, "avgDelayMs").Mean;
        text.AppendLine();
        text.AppendLine("### Online and live");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"`{policy}` learning online (`--learn-online`, from scratch) over {vt.Count} requests, on wall time (`--clock realtime`) and in virtual time: average response {rtMs:F1} ms against {vtMs:F1} ms ({(rtMs - vtMs) / vtMs:P1}); the same decisions for every request: {(same ? "yes" : "no")}; per request, the measured time exceeds the virtual one by {errors.Min():P1} to {errors.Max():P1} ({afterFirst.Min():P1} to {afterFirst.Max():P1} after the first step, whose timers start cold).");
    }

    private static string Decisions(Dictionary<string, string[]> decisions, string policy) =>
        decisions.TryGetValue(policy, out var list) ? string.Join(" ", list) : "";

    private static string Percent(Measured accuracy) => (accuracy with { Mean = accuracy.Mean * 100, Ci95 = accuracy.Ci95 * 100 }).Format("F2");
}

/// <summary>Each task's response time, step and decision (placement and exit) from a <c>tasks.csv</c> trace of one run.</summary>
internal static class TraceDelays
{
    public static Dictionary<string, (double Ms, int Slot, string Decision)> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"{path}: no such file (run with --trace)");
        }

        var lines = File.ReadLines(path).ToList();
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var (id, slot, delay, exit, placement) = (Col("taskId"), Col("slot"), Col("delayMs"), Col("exit"), Col("placement"));
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            c => c[id],
            c => (double.Parse(c[delay], CultureInfo.InvariantCulture), int.Parse(c[slot], CultureInfo.InvariantCulture), c[placement] + "/" + c[exit]),
            StringComparer.Ordinal);
    }
}

/// <summary>Each policy's decisions in the first step of its first run, from a <c>tasks.csv</c> trace: "variant,node" per device.</summary>
internal static class TraceDecisions
{
    /// <summary>Exit k names the k-th least accurate Table 4 variant.</summary>
    private static readonly string[] VariantOfExit = ["", "d7", "d3", "d6", "d2", "d5", "d1", "d4", "d0"];

    public static Dictionary<string, string[]> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"{path}: no such file (run compare with --trace)");
        }

        var lines = File.ReadLines(path).ToList();
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var (policy, seed, episode, slot, device, exit, placement) = (Col("policy"), Col("seed"), Col("episode"), Col("slot"), Col("device"), Col("exit"), Col("placement"));
        var result = new Dictionary<string, SortedDictionary<int, string>>(StringComparer.Ordinal);
        var firstRun = new Dictionary<string, (string Seed, string Episode, string Slot)>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var name = cells[policy];
            var run = (cells[seed], cells[episode], cells[slot]);
            if (!firstRun.TryAdd(name, run) && firstRun[name] != run)
            {
                continue;
            }

            var computed = cells[placement].Split('>')[^1];
            var node = computed.StartsWith("device", StringComparison.Ordinal) ? "L" : computed.StartsWith("edge", StringComparison.Ordinal) ? "E" : "C";
            var variant = VariantOfExit[int.Parse(cells[exit], CultureInfo.InvariantCulture)];
            if (!result.TryGetValue(name, out var devices))
            {
                devices = [];
                result[name] = devices;
            }

            devices[int.Parse(cells[device], CultureInfo.InvariantCulture)] = $"{variant},{node}";
        }

        return result.ToDictionary(e => e.Key, e => e.Value.Values.ToArray(), StringComparer.Ordinal);
    }
}
