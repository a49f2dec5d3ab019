using System.Globalization;
using System.Text;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;
using MecActors.Policies;

namespace MecActors.Cli.Output;

/// <summary>
/// The analytic expected delay of the policies that state one (<see cref="IExpectedDelay"/>, paper 001's expected
/// latency) beside their emulated mean: printed after the results table and written as <c>expected-delay.csv</c>.
/// Each policy is created as the run created it (same system, same seed), so a seeded solver finds the same placement.
/// </summary>
internal static class ExpectedDelays
{
    public const string FileName = "expected-delay.csv";

    /// <summary>Per policy with a model: its name, expected and emulated mean delay in ms; empty when none has one.</summary>
    public static IReadOnlyList<(string Policy, double ExpectedMs, double EmulatedMs)> Of(ScenarioSpec scenario, int seed, IReadOnlyList<PolicySummary> summaries)
    {
        var system = new SystemView(scenario);
        var rows = new List<(string, double, double)>();
        foreach (var summary in summaries)
        {
            if (PolicyCatalog.All.Learns(summary.Name))
            {
                continue;
            }

            if (PolicyCatalog.All.Create(summary.Name, system, seed).Offloading is IExpectedDelay model)
            {
                rows.Add((summary.Name, model.ExpectedDelaySeconds * 1e3, summary.AvgDelayMs));
            }
        }

        return rows;
    }

    public static byte[] Csv(IReadOnlyList<(string Policy, double ExpectedMs, double EmulatedMs)> rows)
    {
        var text = new StringBuilder("policy,expectedDelayMs,emulatedDelayMs\n");
        foreach (var (policy, expected, emulated) in rows)
        {
            text.Append(policy).Append(',').Append(expected.ToString("R", CultureInfo.InvariantCulture))
                .Append(',').Append(emulated.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    public static void Write(CliConsole console, IReadOnlyList<(string Policy, double ExpectedMs, double EmulatedMs)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        console.Out.WriteLine("expected (analytic model) and emulated mean delay:");
        var width = Math.Max(6, rows.Max(r => r.Policy.Length));
        console.Out.WriteLine($"  {"policy".PadRight(width)}  {"expected ms",12}  {"emulated ms",12}  {"emulated/expected",17}");
        foreach (var (policy, expected, emulated) in rows)
        {
            console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"  {policy.PadRight(width)}  {expected,12:F2}  {emulated,12:F2}  {emulated / expected,17:F4}"));
        }
    }
}
