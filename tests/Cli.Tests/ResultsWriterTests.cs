using System.Text;
using MecActors.Cli.Tests.Support;
using MecActors.Core.Metrics;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class ResultsWriterTests
{
    private static readonly PolicySummary Sample =
        new("greedy", 0.1, 1.0 / 3, -2.5, 10, 8, 1, 1, 0.8, 4, 0.75, 1e-7, 0, 123456789.125, 2) { SuccessAccuracy = 0.25, ReportsSuccessAccuracy = true };

    [Fact]
    public void Summary_json_is_camel_case_in_contract_order_with_round_trip_doubles_and_lf_line_endings()
    {
        var json = Encoding.UTF8.GetString(ResultsWriter.SummaryJson("tiny", 1, 2, "virtual", [Sample]));

        const string Expected = """
            {
              "scenario": "tiny",
              "seed": 1,
              "slots": 2,
              "clock": "virtual",
              "policies": [
                {
                  "name": "greedy",
                  "avgDelayMs": 0.1,
                  "avgAccuracy": 0.3333333333333333,
                  "objective": -2.5,
                  "tasks": 10,
                  "completed": 8,
                  "missedDeadline": 1,
                  "dropped": 1,
                  "ssp": 0.8,
                  "throughputPerSlot": 4,
                  "cacheHitRate": 0.75,
                  "avgTransmissionMs": 1E-07,
                  "avgQueueingMs": 0,
                  "avgDownloadMs": 123456789.125,
                  "avgComputeMs": 2,
                  "successAccuracy": 0.25
                }
              ]
            }

            """;
        Assert.Equal(Expected.ReplaceLineEndings("\n"), json);
    }

    [Fact]
    public void Summary_json_leaves_success_accuracy_out_unless_the_scenario_reports_it()
    {
        var json = Encoding.UTF8.GetString(ResultsWriter.SummaryJson("tiny", 1, 2, "virtual", [Sample with { ReportsSuccessAccuracy = false }]));

        Assert.DoesNotContain("successAccuracy", json);
        Assert.Contains("\"avgComputeMs\": 2\n", json);
    }

    [Fact]
    public void Slots_csv_has_the_contract_header_and_round_trip_doubles()
    {
        var rows = new[] { new SlotRow("greedy", 1, Sample), new SlotRow("a,\"b\"", 2, Sample) };

        var csv = Encoding.UTF8.GetString(ResultsWriter.SlotsCsv(rows));

        Assert.Equal(
            "policy,slot,tasks,completed,missedDeadline,dropped,avgDelayMs,avgAccuracy,objective,cacheHitRate\n"
            + "greedy,1,10,8,1,1,0.1,0.3333333333333333,-2.5,0.75\n"
            + "\"a,\"\"b\"\"\",2,10,8,1,1,0.1,0.3333333333333333,-2.5,0.75\n",
            csv);
    }

    [Fact]
    public void Write_all_writes_every_file_and_no_temporary_ones()
    {
        using var temp = new TempDirectory();
        var dir = Path.Combine(temp.Path, "nested", "out");

        ResultsWriter.WriteAll(dir, "tiny", 1, 1, "virtual", [Sample], [new SlotRow("greedy", 1, Sample)], [new("plot.png", [1, 2, 3])]);

        Assert.Equal(
            ["plot.png", "slots.csv", "summary.json"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(dir, "plot.png")));
    }

    [Fact]
    public void Write_all_that_fails_leaves_no_file_behind()
    {
        using var temp = new TempDirectory();
        var dir = temp.Child("out");
        Directory.CreateDirectory(Path.Combine(dir, "slots.csv"));

        Assert.ThrowsAny<IOException>(() =>
            ResultsWriter.WriteAll(dir, "tiny", 1, 1, "virtual", [Sample], [new SlotRow("greedy", 1, Sample)]));

        Assert.Equal(["slots.csv"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_all_that_fails_removes_the_directories_it_created()
    {
        using var temp = new TempDirectory();
        var dir = Path.Combine(temp.Path, "a", "b");

        // The second file's temporary name is longer than a file name may be, so writing it fails.
        Assert.ThrowsAny<IOException>(() =>
            ResultsWriter.WriteFilesAtomically(dir, [new("ok.txt", [1]), new(new string('x', 240), [2])]));

        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Write_all_rejects_names_with_a_directory_part_before_touching_the_disk()
    {
        using var temp = new TempDirectory();
        var dir = temp.Child("out");

        Assert.Throws<ArgumentException>(() => ResultsWriter.WriteFilesAtomically(dir, [new("../escape.txt", [1])]));

        Assert.False(Directory.Exists(dir));
    }
}
