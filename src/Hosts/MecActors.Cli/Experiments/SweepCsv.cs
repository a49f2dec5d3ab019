using System.Globalization;
using System.Text;
using MecActors.Core.Metrics;

namespace MecActors.Cli.Experiments;

/// <summary>
/// <c>sweep.csv</c>: one row per grid point, policy and metric: the swept keys' values, then <c>policy,metric,mean,
/// std,ci95,n</c> (std and ci95 empty with one replication). Byte-stable like <see cref="ResultsWriter"/>; each point's
/// rows are also kept on their own (<c>points/point-NNNN.csv</c>) until the sweep is done, so it can resume.
/// </summary>
internal static class SweepCsv
{
    public const string FileName = "sweep.csv";

    public const string PointsDirectory = "points";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string PointFileName(int index) => string.Create(CultureInfo.InvariantCulture, $"point-{index:D4}.csv");

    public static string Header(IReadOnlyList<SweepAxis> axes) =>
        string.Join(',', axes.Select(a => ResultsWriter.CsvField(a.Key))) + ",policy,metric,mean,std,ci95,n";

    /// <summary>A point's rows, without the header.</summary>
    public static byte[] PointRows(SweepPoint point, IReadOnlyList<PolicyStatistics> policies)
    {
        var text = new StringBuilder();
        var settings = string.Join(',', point.Settings.Select(s => ResultsWriter.CsvField(s.Value)));
        var reported = SummaryMetrics.Reported(policies);
        foreach (var policy in policies)
        {
            foreach (var m in reported)
            {
                var stats = policy.Metrics[m];
                text.Append(settings).Append(',')
                    .Append(ResultsWriter.CsvField(policy.Name)).Append(',')
                    .Append(SummaryMetrics.All[m].Name).Append(',')
                    .Append(ResultsWriter.RoundTrip(stats.Mean)).Append(',')
                    .Append(Optional(stats.StandardDeviation)).Append(',')
                    .Append(Optional(stats.HalfWidth95)).Append(',')
                    .Append(stats.N.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return Utf8NoBom.GetBytes(text.ToString());
    }

    /// <summary>The header, then every point's rows in grid order.</summary>
    public static byte[] Assemble(IReadOnlyList<SweepAxis> axes, IEnumerable<byte[]> pointRows)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Utf8NoBom.GetBytes(Header(axes) + "\n"));
        foreach (var rows in pointRows)
        {
            buffer.Write(rows);
        }

        return buffer.ToArray();
    }

    /// <summary>The statistics of one point read back from its rows (for the plots of a resumed sweep).</summary>
    public static IReadOnlyList<PolicyStatistics> ReadPoint(byte[] rows, int axisCount)
    {
        var byPolicy = new List<(string Name, SampleStatistics[] Metrics)>();
        foreach (var line in Utf8NoBom.GetString(rows).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = SplitCsv(line);
            var name = fields[axisCount];
            if (byPolicy.Count == 0 || byPolicy[^1].Name != name)
            {
                byPolicy.Add((name, new SampleStatistics[SummaryMetrics.All.Count]));
            }

            var n = int.Parse(fields[axisCount + 5], CultureInfo.InvariantCulture);
            byPolicy[^1].Metrics[SummaryMetrics.IndexOf(fields[axisCount + 1])] = new SampleStatistics(
                Parse(fields[axisCount + 2]), Parse(fields[axisCount + 3]), Parse(fields[axisCount + 4]), n);
        }

        var absent = new SampleStatistics(double.NaN, double.NaN, double.NaN, 0);
        return byPolicy.Select(p => new PolicyStatistics(p.Name, p.Metrics[0].N, [.. p.Metrics.Select(m => m ?? absent)])).ToList();
    }

    private static string Optional(double value) => double.IsFinite(value) ? ResultsWriter.RoundTrip(value) : "";

    private static double Parse(string field) =>
        field.Length == 0 ? double.NaN : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Splits one CSV line written by <see cref="ResultsWriter.CsvField"/> (quotes doubled inside quoted fields).</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
