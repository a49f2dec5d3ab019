using System.Globalization;
using System.Text;
using MecActors.Cli.Training;

namespace MecActors.Cli.Output;

/// <summary>
/// <c>training.csv</c>: one row per parameter update. UTF-8 without BOM, "\n" line endings, invariant culture and
/// doubles as their round-trip text, so the same training gives the same bytes.
/// </summary>
internal static class TrainingCsv
{
    public const string FileName = "training.csv";

    public const string Header = "step,reward,movingAverage,policyLoss,valueLoss,entropy";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Write(IEnumerable<TrainingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row.Step.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(RoundTrip(row.Reward)).Append(',')
                .Append(RoundTrip(row.MovingAverage)).Append(',')
                .Append(RoundTrip(row.PolicyLoss)).Append(',')
                .Append(RoundTrip(row.ValueLoss)).Append(',')
                .Append(RoundTrip(row.Entropy)).Append('\n');
        }

        return Utf8NoBom.GetBytes(text.ToString());
    }

    private static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
