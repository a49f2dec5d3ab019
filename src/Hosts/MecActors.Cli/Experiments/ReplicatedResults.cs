using System.Globalization;
using System.Text;
using System.Text.Json;
using MecActors.Core.Metrics;

namespace MecActors.Cli.Experiments;

/// <summary>
/// The results contract of a replicated experiment (several seeds or episodes; docs/architecture.md, "Results contract"):
/// <c>summary.json</c> with each metric's mean (under its usual name), standard deviation (<c>…Std</c>), 95% Student t
/// half-width (<c>…Ci95</c>) and n; <c>runs.csv</c> with one row per (policy, seed, episode); <c>slots.csv</c> with
/// <c>seed</c> and <c>episode</c> columns after the policy. Byte-stable like <see cref="ResultsWriter"/>.
/// </summary>
internal static class ReplicatedResults
{
    public const string RunsFileName = "runs.csv";

    public const string StdSuffix = "Std";

    public const string Ci95Suffix = "Ci95";

    public const string SlotsHeader =
        "policy,seed,episode,slot,tasks,completed,missedDeadline,dropped,avgDelayMs,avgAccuracy,objective,cacheHitRate";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The header of runs.csv with the <paramref name="reported"/> metrics.</summary>
    public static string RunsHeader(IReadOnlyList<int> reported) => "policy,seed,episode," + string.Join(',', reported.Select(m => SummaryMetrics.All[m].Name));

    /// <summary>
    /// <c>{ "scenario", "seeds": [...], "episodes": [...], "slots", "clock", "policies": [ { "name", "n", "avgDelayMs",
    /// "avgDelayMsStd", "avgDelayMsCi95", ... } ] }</c>.
    /// </summary>
    public static byte[] SummaryJson(
        string scenario, IReadOnlyList<int> seeds, IReadOnlyList<int> episodes, int slots, string clock, IReadOnlyList<PolicyStatistics> policies)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("scenario", scenario);
            WriteIntegers(json, "seeds", seeds);
            WriteIntegers(json, "episodes", episodes);
            json.WriteNumber("slots", slots);
            json.WriteString("clock", clock);
            json.WriteStartArray("policies");
            var reported = SummaryMetrics.Reported(policies);
            foreach (var p in policies)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteNumber("n", p.N);
                foreach (var m in reported)
                {
                    var name = SummaryMetrics.All[m].Name;
                    var stats = p.Metrics[m];
                    WriteDouble(json, name, stats.Mean);
                    WriteDouble(json, name + StdSuffix, stats.StandardDeviation);
                    WriteDouble(json, name + Ci95Suffix, stats.HalfWidth95);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The header, then one row per policy and replication, in the result's order.</summary>
    public static byte[] RunsCsv(ExperimentResult result)
    {
        var text = new StringBuilder();
        var reported = SummaryMetrics.Reported(result.Runs.SelectMany(runs => runs).Select(run => (IReadOnlyList<double>)[.. SummaryMetrics.All.Select(m => m.Of(run.Summary))]));
        text.Append(RunsHeader(reported)).Append('\n');
        for (var p = 0; p < result.Policies.Count; p++)
        {
            for (var k = 0; k < result.Replications.Count; k++)
            {
                AppendKey(text, result.Policies[p], result.Replications[k]);
                var summary = result.Runs[p][k].Summary;
                foreach (var m in reported)
                {
                    text.Append(',').Append(ResultsWriter.RoundTrip(SummaryMetrics.All[m].Of(summary)));
                }

                text.Append('\n');
            }
        }

        return Utf8NoBom.GetBytes(text.ToString());
    }

    /// <summary>The header, then every kept slot row, by policy, replication and slot.</summary>
    public static byte[] SlotsCsv(ExperimentResult result)
    {
        var text = new StringBuilder();
        text.Append(SlotsHeader).Append('\n');
        for (var p = 0; p < result.Policies.Count; p++)
        {
            for (var k = 0; k < result.Replications.Count; k++)
            {
                foreach (var row in result.Runs[p][k].Slots ?? throw new InvalidOperationException("the slot rows were not kept"))
                {
                    var s = row.Summary;
                    AppendKey(text, row.Policy, result.Replications[k]);
                    text.Append(',').Append(Integer(row.Slot))
                        .Append(',').Append(Integer(s.Tasks))
                        .Append(',').Append(Integer(s.Completed))
                        .Append(',').Append(Integer(s.MissedDeadline))
                        .Append(',').Append(Integer(s.Dropped))
                        .Append(',').Append(ResultsWriter.RoundTrip(s.AvgDelayMs))
                        .Append(',').Append(ResultsWriter.RoundTrip(s.AvgAccuracy))
                        .Append(',').Append(ResultsWriter.RoundTrip(s.Objective))
                        .Append(',').Append(ResultsWriter.RoundTrip(s.CacheHitRate))
                        .Append('\n');
                }
            }
        }

        return Utf8NoBom.GetBytes(text.ToString());
    }

    private static void AppendKey(StringBuilder text, string policy, Replication replication) =>
        text.Append(ResultsWriter.CsvField(policy))
            .Append(',').Append(Integer(replication.Seed))
            .Append(',').Append(Integer(replication.Episode));

    private static void WriteIntegers(Utf8JsonWriter json, string name, IReadOnlyList<int> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteDouble(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
