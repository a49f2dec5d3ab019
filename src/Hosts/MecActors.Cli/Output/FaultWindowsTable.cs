using System.Globalization;
using MecActors.Core.Metrics;

namespace MecActors.Cli.Output;

/// <summary>
/// The per-fault table of <c>mec run</c> and <c>mec compare</c> under a fault plan: for each policy and fault, the
/// success probability and mean delay before, during and after the fault, the drops during it by reason, and the
/// recovery time in slots.
/// </summary>
internal static class FaultWindowsTable
{
    private static readonly string[] Headers =
    [
        "policy", "fault", "slots", "ssp before / during / after", "delay ms before / during / after", "dropped during", "recovery slots",
    ];

    public static void Write(CliConsole console, string title, IReadOnlyList<PolicySummary> policies)
    {
        var rows = new List<string[]>();
        foreach (var p in policies)
        {
            foreach (var w in p.FaultWindows ?? [])
            {
                rows.Add(
                [
                    p.Name,
                    w.Fault,
                    FormattableString.Invariant($"{w.FirstSlot}-{w.LastSlot}"),
                    $"{Fixed(w.Before.Ssp, 3)} / {Fixed(w.During.Ssp, 3)} / {Fixed(w.After.Ssp, 3)}",
                    $"{Fixed(w.Before.AvgDelayMs, 1)} / {Fixed(w.During.AvgDelayMs, 1)} / {Fixed(w.After.AvgDelayMs, 1)}",
                    w.During.DroppedByReason.Count == 0 ? "0" : string.Join(", ", w.During.DroppedByReason.Select(d => FormattableString.Invariant($"{d.Key} {d.Value}"))),
                    w.RecoverySlots?.ToString(CultureInfo.InvariantCulture) ?? "-",
                ]);
            }
        }

        if (rows.Count > 0)
        {
            ResultsTable.Write(console, ResultsTable.Build(title, Headers, rows, console.Ansi.Profile.Width));
        }
    }

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
