using System.Globalization;
using MecActors.Cli.Experiments;
using MecActors.Core.Metrics;
using Spectre.Console;

namespace MecActors.Cli.Output;

/// <summary>
/// The per-policy console table of <c>mec run</c> and <c>mec compare</c>: one run's values, or over replications each
/// metric's mean ± its 95% half-width, with n.
/// </summary>
internal static class ResultsTable
{
    private static readonly string[] Headers =
    [
        "policy", "avg delay ms", "avg accuracy", "objective", "tasks", "completed", "missed", "dropped", "cache hit rate",
    ];

    /// <summary>Over replications the task count is left out: with intervals the table would not fit 160 columns.</summary>
    private static readonly string[] ReplicatedHeaders =
    [
        "policy", "avg delay ms", "avg accuracy", "objective", "completed", "missed", "dropped", "cache hit rate", "n",
    ];

    private static readonly (string Metric, int Decimals)[] ReplicatedColumns =
    [
        ("avgDelayMs", 1), ("avgAccuracy", 4), ("objective", 4), ("completed", 1), ("missedDeadline", 1), ("dropped", 1),
        ("cacheHitRate", 3),
    ];

    /// <summary>Over replications of a scenario with an energy budget (paper 004).</summary>
    private static readonly (string Metric, int Decimals)[] BudgetColumns =
    [
        ("avgDelayMs", 1), ("completed", 1), ("avgEnergyJ", 4), ("maxDeviceEnergyPerSlotJ", 4), ("energyBudgetViolations", 2),
        ("avgVirtualQueueJ", 3), ("maxVirtualQueueJ", 3),
    ];

    /// <summary>Cell padding and separators of <see cref="TableBorder.Minimal"/>: " │ " between columns, one space at each edge.</summary>
    private const int SeparatorWidth = 3;
    private const int EdgeWidth = 2;

    /// <param name="maxWidth">
    /// The console width. When the table would be wider, the value columns are pinned to their values' width so
    /// that only the headers and policy names wrap, never a number.
    /// </param>
    /// <remarks>With device energy in the scenario, an energy column follows.</remarks>
    public static Table Build(string title, IReadOnlyList<PolicySummary> policies, int maxWidth)
    {
        if (!policies.Any(p => p.AvgEnergyJ is not null))
        {
            return Build(title, Headers, policies.Select(Cells).ToList(), maxWidth);
        }

        if (!policies.Any(p => p.EnergyBudget is not null))
        {
            string[] headers = [.. Headers, "avg energy J"];
            return Build(title, headers, policies.Select(p => (string[])[.. Cells(p), Fixed(p.AvgEnergyJ ?? 0.0, 4)]).ToList(), maxWidth);
        }

        string[] budgetHeaders = [.. Headers, "avg energy J", "worst UE J/slot", "over budget", "mean Q J", "max Q J"];
        return Build(title, budgetHeaders, policies.Select(p => (string[])[.. Cells(p), Fixed(p.AvgEnergyJ ?? 0.0, 4), .. BudgetCells(p.EnergyBudget)]).ToList(), maxWidth);
    }

    private static string[] BudgetCells(EnergyBudgetReport? budget) =>
        budget is null
            ? ["", "", "", ""]
            : [Fixed(budget.MaxDeviceEnergyPerSlotJ, 4), budget.Violations.ToString(CultureInfo.InvariantCulture), Fixed(budget.AvgQueueJ, 3), Fixed(budget.MaxQueueJ, 3)];

    /// <summary>
    /// Over replications: "mean ± half-width" per metric, and the number of replications n; with an energy budget in the
    /// scenario, the average energy, the worst UE's energy per slot, the UEs over budget and the virtual queues' mean and
    /// maximum follow (dropping the cache hit rate and the missed and dropped counts, so that the table fits).
    /// </summary>
    public static Table Build(string title, IReadOnlyList<PolicyStatistics> policies, int maxWidth)
    {
        if (!policies.Any(p => double.IsFinite(p["energyBudgetViolations"].Mean)))
        {
            return Build(title, ReplicatedHeaders, policies.Select(ReplicatedCells).ToList(), maxWidth);
        }

        string[] headers = ["policy", "avg delay ms", "completed", "avg energy J", "worst UE J/slot", "over budget", "mean Q J", "max Q J", "n"];
        return Build(title, headers, policies.Select(BudgetCells).ToList(), maxWidth);
    }

    private static string[] BudgetCells(PolicyStatistics p) =>
    [
        p.Name,
        .. BudgetColumns.Select(c => MeanAndInterval(p[c.Metric], c.Decimals)),
        Integer(p.N),
    ];

    internal static Table Build(string title, string[] headers, List<string[]> cells, int maxWidth)
    {
        var widths = new int[headers.Length];
        var valueWidths = new int[headers.Length];
        for (var c = 0; c < headers.Length; c++)
        {
            valueWidths[c] = cells.Count == 0 ? 1 : cells.Max(row => row[c].Length);
            widths[c] = Math.Max(headers[c].Length, valueWidths[c]);
        }

        var narrow = widths.Sum() + SeparatorWidth * (headers.Length - 1) + EdgeWidth > maxWidth;
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Border = TableBorder.Minimal };
        table.AddColumn(new TableColumn(headers[0]));
        for (var c = 1; c < headers.Length; c++)
        {
            var column = new TableColumn(headers[c]).RightAligned();
            table.AddColumn(narrow ? column.Width(valueWidths[c]) : column);
        }

        foreach (var row in cells)
        {
            table.AddRow(row.Select(cell => new Text(cell)).ToArray());
        }

        return table;
    }

    /// <summary>
    /// On a terminal, Spectre draws the table directly; elsewhere (pipes, files, CI logs) it is rendered as plain
    /// text without the border's trailing blanks and empty lines.
    /// </summary>
    public static void Write(CliConsole console, string title, IReadOnlyList<PolicySummary> policies) =>
        Write(console, Build(title, policies, console.Ansi.Profile.Width));

    public static void Write(CliConsole console, string title, IReadOnlyList<PolicyStatistics> policies) =>
        Write(console, Build(title, policies, console.Ansi.Profile.Width));

    /// <summary>Prints a table: with colour on a terminal, as trimmed plain lines otherwise.</summary>
    public static void Write(CliConsole console, Table table)
    {
        if (console.IsTerminal)
        {
            console.Ansi.Write(table);
            return;
        }

        using var text = new StringWriter();
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        plain.Profile.Width = console.Ansi.Profile.Width;
        plain.Write(table);
        foreach (var line in text.ToString().Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length > 0)
            {
                console.Out.Write(trimmed);
                console.Out.Write('\n');
            }
        }

        console.Out.Flush();
    }

    private static string[] Cells(PolicySummary p) =>
    [
        p.Name,
        Fixed(p.AvgDelayMs, 1),
        Fixed(p.AvgAccuracy, 4),
        Fixed(p.Objective, 4),
        Integer(p.Tasks),
        Integer(p.Completed),
        Integer(p.MissedDeadline),
        Integer(p.Dropped),
        Fixed(p.CacheHitRate, 3),
    ];

    private static string[] ReplicatedCells(PolicyStatistics p) =>
    [
        p.Name,
        .. ReplicatedColumns.Select(c => MeanAndInterval(p[c.Metric], c.Decimals)),
        Integer(p.N),
    ];

    /// <summary>"mean ± half-width", or the mean alone when there is no interval (one replication).</summary>
    private static string MeanAndInterval(SampleStatistics stats, int decimals) =>
        double.IsFinite(stats.HalfWidth95)
            ? $"{Fixed(stats.Mean, decimals)} ± {Fixed(stats.HalfWidth95, decimals)}"
            : Fixed(stats.Mean, decimals);

    private static string Fixed(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
