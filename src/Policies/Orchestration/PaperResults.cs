namespace MecActors.Policies.Orchestration;

/// <summary>
/// Paper 003's reported results, for calibration and for the reproduction beside ours: decisions as "variant,node" per
/// device (L device, E edge, C cloud), average response times in ms, average top-5 accuracies.
/// </summary>
public static class PaperResults
{
    /// <summary>The accuracy thresholds of Sec. 6.1.1, by name, and their scenario values.</summary>
    public static IReadOnlyList<(string Name, string Value)> Thresholds { get; } =
        [("Min", "min"), ("80%", "0.80"), ("85%", "0.85"), ("89%", "0.89"), ("Max", "max")];

    /// <summary>Fig. 5 / Sec. 6.1.1: the fixed strategies at five users in Exp-A (ms).</summary>
    public static IReadOnlyList<(string Policy, double Ms)> FixedAtFiveUsers { get; } =
        [("device-only", 459), ("edge-only", 1140), ("cloud-only", 665)];

    /// <summary>Table 8: the agent's decisions at the Max threshold for 1-5 users in each experiment (ms).</summary>
    public static IReadOnlyList<Row> Table8 { get; } =
    [
        new("A", 1, "Max", ["d0,C"], 363.47),
        new("A", 2, "Max", ["d0,C", "d0,E"], 363.17),
        new("A", 3, "Max", ["d0,C", "d0,L", "d0,E"], 397.53),
        new("A", 4, "Max", ["d0,L", "d0,L", "d0,E", "d0,C"], 410.35),
        new("A", 5, "Max", ["d0,E", "d0,L", "d0,L", "d0,C", "d0,L"], 418.91),
        new("B", 1, "Max", ["d0,E"], 403.30),
        new("B", 2, "Max", ["d0,E", "d0,C"], 416.78),
        new("B", 3, "Max", ["d0,E", "d0,C", "d0,L"], 431.90),
        new("B", 4, "Max", ["d0,L", "d0,C", "d0,E", "d0,L"], 457.96),
        new("B", 5, "Max", ["d0,C", "d0,E", "d0,L", "d0,L", "d0,L"], 472.88),
        new("C", 1, "Max", ["d0,C"], 471.65),
        new("C", 2, "Max", ["d0,C", "d0,E"], 467.80),
        new("C", 3, "Max", ["d0,C", "d0,E", "d0,L"], 488.21),
        new("C", 4, "Max", ["d0,C", "d0,E", "d0,L", "d0,L"], 480.70),
        new("C", 5, "Max", ["d0,L", "d0,L", "d0,L", "d0,C", "d0,E"], 464.59),
        new("D", 1, "Max", ["d0,L"], 585.68),
        new("D", 2, "Max", ["d0,E", "d0,C"], 527.39),
        new("D", 3, "Max", ["d0,L", "d0,C", "d0,E"], 491.77),
        new("D", 4, "Max", ["d0,L", "d0,C", "d0,E", "d0,L"], 501.07),
        new("D", 5, "Max", ["d0,L", "d0,C", "d0,E", "d0,L", "d0,L"], 506.62),
    ];

    /// <summary>
    /// Table 9: five users, every experiment and threshold (ms, %). The table prints four devices' decisions; where the
    /// text or the average accuracy fixes the fifth (Exp-A, and Exp-D at 89%), <see cref="Row.Decisions"/> has five,
    /// otherwise the four printed.
    /// </summary>
    public static IReadOnlyList<Row> Table9 { get; } =
    [
        new("A", 5, "Min", ["d7,L", "d7,L", "d7,L", "d7,L", "d7,L"], 72.08, 72.80),
        new("A", 5, "80%", ["d7,L", "d6,L", "d6,L", "d6,L", "d6,L"], 103.88, 81.11),
        new("A", 5, "85%", ["d2,L", "d6,L", "d5,L", "d6,L", "d5,L"], 143.81, 85.06),
        new("A", 5, "89%", ["d4,L", "d4,L", "d4,L", "d0,E", "d4,L"], 269.80, 89.10),
        new("A", 5, "Max", ["d0,E", "d0,L", "d0,L", "d0,C", "d0,L"], 418.91, 89.90),
        new("B", 5, "Min", ["d7,L", "d7,L", "d7,L", "d7,L"], 106.76, 72.80),
        new("B", 5, "80%", ["d6,L", "d3,L", "d6,L", "d6,L"], 139.92, 83.23),
        new("B", 5, "85%", ["d5,L", "d5,L", "d6,L", "d6,L"], 176.21, 85.05),
        new("B", 5, "89%", ["d4,L", "d4,L", "d0,E", "d4,L"], 303.50, 89.10),
        new("B", 5, "Max", ["d0,C", "d0,E", "d0,L", "d0,L", "d0,L"], 472.88, 89.90),
        new("C", 5, "Min", ["d7,L", "d7,L", "d7,L", "d7,L"], 119.28, 72.80),
        new("C", 5, "80%", ["d6,L", "d6,L", "d7,L", "d6,L"], 149.52, 81.11),
        new("C", 5, "85%", ["d5,L", "d6,L", "d5,L", "d6,L"], 190.76, 85.47),
        new("C", 5, "89%", ["d4,L", "d4,L", "d4,L", "d0,C"], 318.45, 89.10),
        new("C", 5, "Max", ["d0,L", "d0,L", "d0,L", "d0,C", "d0,E"], 464.59, 89.90),
        new("D", 5, "Min", ["d7,L", "d6,L", "d7,L", "d7,L"], 158.53, 72.80),
        new("D", 5, "80%", ["d6,L", "d6,L", "d6,L", "d7,L"], 182.53, 81.12),
        new("D", 5, "85%", ["d2,L", "d6,L", "d6,L", "d5,L"], 225.32, 85.06),
        new("D", 5, "89%", ["d4,L", "d4,L", "d4,L", "d4,L", "d0,C"], 356.75, 89.10),
        new("D", 5, "Max", ["d0,L", "d0,C", "d0,E", "d0,L", "d0,L"], 506.62, 89.90),
    ];

    /// <summary>Table 10: the offloading-only baseline [36] at five users (ms); accuracy 89.9% throughout.</summary>
    public static IReadOnlyList<Row> Table10 { get; } =
    [
        new("A", 5, "Max", ["d0,E", "d0,L", "d0,L", "d0,C", "d0,L"], 418.91, 89.9),
        new("B", 5, "Max", ["d0,C", "d0,E", "d0,L", "d0,L", "d0,L"], 472.88, 89.9),
        new("C", 5, "Max", ["d0,L", "d0,L", "d0,L", "d0,C", "d0,E"], 464.59, 89.9),
        new("D", 5, "Max", ["d0,L", "d0,C", "d0,E", "d0,L", "d0,L"], 506.62, 89.9),
    ];

    /// <summary>Table 11: steps to converge (Q-learning, deep Q-learning, the offloading-only baseline; 0 where not reported).</summary>
    public static IReadOnlyList<(int Users, string Threshold, double QLearning, double Dqn, double OffloadOnly)> Table11 { get; } =
    [
        (3, "Min", 6.6e3, 1.0e4, 0), (3, "80%", 1.8e3, 1.0e4, 0), (3, "85%", 0.8e3, 1.0e4, 0), (3, "Max", 6.7e3, 1.0e4, 2.0e3),
        (4, "Min", 9.0e4, 3.0e4, 0), (4, "80%", 8.0e4, 4.0e4, 0), (4, "85%", 4.0e4, 4.0e4, 0), (4, "Max", 9.0e4, 4.0e4, 5.0e3),
        (5, "Min", 10.5e5, 6.0e4, 0), (5, "80%", 10.5e5, 6.0e4, 0), (5, "85%", 5.6e5, 7.0e4, 0), (5, "Max", 10.5e5, 7.0e4, 2.5e4),
    ];

    /// <summary>One reported configuration: experiment, users, threshold, decisions per device, average response (ms) and accuracy (%, 0 when not given).</summary>
    public sealed record Row(string Experiment, int Users, string Threshold, IReadOnlyList<string> Decisions, double AvgMs, double AccuracyPercent = 0)
    {
        /// <summary>Whether every active device's decision is given.</summary>
        public bool Complete => Decisions.Count == Users;
    }
}
