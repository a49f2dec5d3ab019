using System.Globalization;
using System.Text;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary><c>mec report joint-caching</c> on hand-made results: verdicts with their margins, the document's own text kept.</summary>
public sealed class ReportCommandTests
{
    private const string Begin = "<!-- generated: everything from here to the end marker is written by mec report -->";
    private const string End = "<!-- end of the generated part -->";

    /// <summary>(policy, delay ms, accuracy, objective) at the scenario's beta; joint best in objective, local edge faster.</summary>
    private static readonly (string Policy, double Delay, double Accuracy, double Objective)[] Table =
    [
        ("joint-a2c", 770, 0.82, -1.70),
        ("random-decisions", 1600, 0.72, -0.50),
        ("random-caching", 1000, 0.81, -1.40),
        ("local-edge", 760, 0.80, -1.65),
        ("no-early-exit", 860, 0.84, -1.68),
    ];

    [Fact]
    public async Task The_report_states_each_ordering_with_its_margin_and_keeps_the_rest_of_the_document()
    {
        using var temp = new TempDirectory();
        var (table, front, doc) = Inputs(temp, jointFrontDelayAt80: 700);

        var result = await InProcessMec.RunAsync("report", "joint-caching", "--table", table, "--front", front, "--doc", doc);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var text = File.ReadAllText(doc);
        Assert.StartsWith("# Title\n\nkept above\n\n" + Begin, text, StringComparison.Ordinal);
        Assert.EndsWith(End + "\n\nkept below\n", text, StringComparison.Ordinal);
        Assert.Contains("**Best mean objective of all rows**: holds: -1.7000 ± 0.0100 against -1.6800 ± 0.0100 for `no-early-exit`, the next (by 0.0200", text, StringComparison.Ordinal);
        Assert.Contains("**Accuracy within 0.03 of no-early-exit's**: holds: 0.0200 below it", text, StringComparison.Ordinal);
        Assert.Contains("**Random decisions and random caching the two slowest of the paper's five rows**: holds", text, StringComparison.Ordinal);
        Assert.Contains("**joint has the lowest delay** of the paper's rows: fails: 770.0 ms against `local-edge`'s 760.0 ms (-10.0 ms)", text, StringComparison.Ordinal);
        Assert.Contains("**Front ordering**", text, StringComparison.Ordinal);
        Assert.Contains("**holds**, holding at 4 of 4 points", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(doc)!, "doc-front.png")));
    }

    [Fact]
    public async Task A_joint_front_slower_beyond_the_intervals_fails_at_that_point()
    {
        using var temp = new TempDirectory();
        var (table, front, doc) = Inputs(temp, jointFrontDelayAt80: 800);

        var result = await InProcessMec.RunAsync("report", "joint-caching", "--table", table, "--front", front, "--doc", doc);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var text = File.ReadAllText(doc);
        Assert.Contains("**fails**, holding at 2 of 4 points", text, StringComparison.Ordinal);
        Assert.Contains("| `local-edge`, objective.beta = 2 | 750.0 ± 10.0 / 0.8000 ± 0.0100 | 800.0 ± 10.0 | fails (-50.0 ms) |", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_without_the_markers_is_bad_input()
    {
        using var temp = new TempDirectory();
        var (table, front, doc) = Inputs(temp, jointFrontDelayAt80: 700);
        File.WriteAllText(doc, "# no markers\n");

        var result = await InProcessMec.RunAsync("report", "joint-caching", "--table", table, "--front", front, "--doc", doc);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("has no generated part", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("# no markers\n", File.ReadAllText(doc));
    }

    private static (string Table, string Front, string Doc) Inputs(TempDirectory temp, double jointFrontDelayAt80)
    {
        var table = temp.Child("table");
        Directory.CreateDirectory(table);
        var json = new StringBuilder("{ \"scenario\": \"joint-caching\", \"seeds\": [1, 2, 3], \"episodes\": [0, 1000001], \"slots\": 500, \"clock\": \"virtual\", \"policies\": [");
        json.AppendJoin(", ", Table.Select(r => string.Create(
            CultureInfo.InvariantCulture,
            $"{{ \"name\": \"{r.Policy}\", \"n\": 6, \"avgDelayMs\": {r.Delay}, \"avgDelayMsCi95\": 10, \"avgAccuracy\": {r.Accuracy}, \"avgAccuracyCi95\": 0.01, \"objective\": {r.Objective}, \"objectiveCi95\": 0.01 }}")));
        json.Append("] }");
        File.WriteAllText(Path.Combine(table, "summary.json"), json.ToString());

        // Two beta values; joint's front runs from (0.70, 600 ms) to (0.90, 2 x jointFrontDelayAt80 - 600), so at
        // accuracy 0.80 it needs jointFrontDelayAt80; local edge sits at 0.80 with 750 ms at beta 2.
        var front = temp.Child("front");
        Directory.CreateDirectory(front);
        var csv = new StringBuilder("objective.beta,policy,metric,mean,std,ci95,n\n");
        void Row(string beta, string policy, double delay, double accuracy)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{beta},{policy},avgDelayMs,{delay},1,10,10\n");
            csv.Append(CultureInfo.InvariantCulture, $"{beta},{policy},avgAccuracy,{accuracy},0.01,0.01,10\n");
        }

        Row("1", "joint-a2c", 600, 0.70);
        Row("2", "joint-a2c", (2 * jointFrontDelayAt80) - 600, 0.90);
        Row("1", "local-edge", 650, 0.70);
        Row("2", "local-edge", 750, 0.80);
        Row("1", "no-early-exit", 900, 0.88);
        Row("2", "no-early-exit", 2000, 0.90);
        File.WriteAllText(Path.Combine(front, "sweep.csv"), csv.ToString());
        File.WriteAllBytes(Path.Combine(front, "front-avgDelayMs-avgAccuracy.png"), [0x89, (byte)'P', (byte)'N', (byte)'G']);

        var doc = temp.Child("doc.md");
        File.WriteAllText(doc, $"# Title\n\nkept above\n\n{Begin}\n\nold results\n\n{End}\n\nkept below\n");
        return (table, front, doc);
    }
}
