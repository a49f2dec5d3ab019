using System.Globalization;
using System.Text.Json;
using MecActors.Cli.Tests.Support;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary><c>--trace</c>: tasks.csv with every task's stages, the same whatever <c>--parallel</c>, and results unchanged by it.</summary>
public sealed class TraceTests
{
    [Fact]
    public async Task Trace_writes_one_row_per_task_whose_stages_chain_from_release_to_end()
    {
        using var temp = new TempDirectory();
        var traced = temp.Child("traced");
        var plain = temp.Child("plain");

        var result = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--slots", "4", "--trace", "--out", traced);
        var untraced = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--slots", "4", "--out", plain);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.True(untraced.ExitCode == ExitCodes.Success, untraced.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(plain, "summary.json")), File.ReadAllBytes(Path.Combine(traced, "summary.json")));
        Assert.False(File.Exists(Path.Combine(plain, "tasks.csv")));

        var lines = File.ReadAllLines(Path.Combine(traced, "tasks.csv"));
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(traced, "summary.json")));
        var tasks = summary.RootElement.GetProperty("policies").EnumerateArray().Sum(p => p.GetProperty("tasks").GetInt32());
        Assert.Equal(tasks, lines.Length - 1);

        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f[Column("outcome")] == "dropped" && f[Column("stages")].Length == 0)
            {
                continue;
            }

            // Stages follow one another: each starts where the last left (or later, waiting for a model), the first at
            // the release, the last ending at the task's end.
            var stages = f[Column("stages")].Split(' ').Select(s => s[(s.IndexOf('@') + 1)..]).Select(Span).ToArray();
            Assert.NotEmpty(stages);
            Assert.Equal(double.Parse(f[Column("release")], CultureInfo.InvariantCulture), stages[0].Start, 9);
            for (var i = 1; i < stages.Length; i++)
            {
                Assert.Equal(stages[i - 1].End, stages[i].Start, 9);
            }

            Assert.Equal(double.Parse(f[Column("end")], CultureInfo.InvariantCulture), stages[^1].End, 9);
            Assert.StartsWith("edge-", f[Column("placement")], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_trace_is_the_same_whatever_the_parallelism()
    {
        using var temp = new TempDirectory();
        var one = temp.Child("one");
        var two = temp.Child("two");

        var first = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--slots", "3", "--episodes", "3", "--trace", "--parallel", "1", "--out", one);
        var second = await InProcessMec.RunAsync("compare", RepoPaths.TinyScenario, "--slots", "3", "--episodes", "3", "--trace", "--parallel", "2", "--out", two);

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(one, "tasks.csv")), File.ReadAllBytes(Path.Combine(two, "tasks.csv")));
    }

    private static (double Start, double End) Span(string span)
    {
        // start-end, both non-negative round-trip doubles (an exponent's sign would follow an 'E').
        var cut = span.IndexOf('-', 1);
        while (cut > 0 && (span[cut - 1] == 'E' || span[cut - 1] == 'e'))
        {
            cut = span.IndexOf('-', cut + 1);
        }

        return (double.Parse(span[..cut], CultureInfo.InvariantCulture), double.Parse(span[(cut + 1)..], CultureInfo.InvariantCulture));
    }
}
