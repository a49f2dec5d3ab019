using System.Globalization;
using System.Text;
using MecActors.Cli.Training;
using MecActors.Policies.Learning;

namespace MecActors.Cli.Output;

/// <summary>
/// <c>training.csv</c>: one row per parameter update, in the agent's columns: <c>step</c>, the followed metric, its
/// <c>movingAverage</c>, then the agent's other metrics (A2C: <c>step,reward,movingAverage,policyLoss,valueLoss,entropy</c>).
/// UTF-8 without BOM, "\n" line endings, invariant culture and doubles as their round-trip text, so the same training
/// gives the same bytes.
/// </summary>
internal static class TrainingCsv
{
    public const string FileName = "training.csv";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Header(TrainingMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var header = new StringBuilder("step,").Append(metrics.Followed).Append(",movingAverage");
        for (var i = 1; i < metrics.Count; i++)
        {
            header.Append(',').Append(metrics.Names[i]);
        }

        return header.ToString();
    }

    public static byte[] Write(TrainingMetrics metrics, IEnumerable<TrainingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(Header(metrics)).Append('\n');
        foreach (var row in rows)
        {
            var values = row.Point.Values;
            if (!row.Point.Metrics.Names.SequenceEqual(metrics.Names))
            {
                throw new ArgumentException($"update at step {row.Step} reports {string.Join(", ", row.Point.Metrics.Names)}, not {string.Join(", ", metrics.Names)}", nameof(rows));
            }

            text.Append(row.Step.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(RoundTrip(values[0])).Append(',')
                .Append(RoundTrip(row.MovingAverage));
            for (var i = 1; i < values.Count; i++)
            {
                text.Append(',').Append(RoundTrip(values[i]));
            }

            text.Append('\n');
        }

        return Utf8NoBom.GetBytes(text.ToString());
    }

    private static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
