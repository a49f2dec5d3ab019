using System.Globalization;
using System.Text;
using MecActors.Cli.Tests.Support;
using MecActors.Core.Configuration;
using MecActors.Core.Models;
using MecActors.Core.Randomness;
using MecActors.Policies.PreDnnOff;
using Xunit;

namespace MecActors.Cli.Tests;

public class ProfileFitCommandTests
{
    private static readonly LatencyRegressions Known = LatencyRegressions.Read(
        HoconParser.ParseFile(Path.Combine(RepoPaths.Root, "config", "models", "table-4-2.conf")));

    [Fact]
    public async Task Fit_recovers_known_coefficients_from_noisy_rows()
    {
        using var dir = new TempDirectory();
        var csv = dir.WriteFile("rows.csv", SyntheticRows(Known, rowsPerKind: 200, noiseMs: 0.05, seed: 3));
        var outFile = dir.Child("fitted.conf");

        var result = await InProcessMec.RunAsync("profile", "fit", csv, "--out", outFile);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var fitted = LatencyRegressions.Read(HoconParser.ParseFile(outFile));
        foreach (var (node, known, got) in new[] { ("device", Known.Device, fitted.Device), ("edge", Known.Edge, fitted.Edge) })
        {
            foreach (var type in Enum.GetValues<LayerType>())
            {
                AssertClose(known.Layers[type], got.Layers[type], $"{node} {type}");
            }

            AssertClose(known.ModelLoading, got.ModelLoading, $"{node} loading");
        }

        AssertClose(Known.Device.ModelParsing!.Value, fitted.Device.ModelParsing!.Value, "device parsing");
    }

    [Fact]
    public async Task An_unknown_layer_type_exits_2_naming_the_line_value()
    {
        using var dir = new TempDirectory();
        var csv = dir.WriteFile("rows.csv", SyntheticRows(Known, 10, 0.05, 1) + "edge,softmax,10,0,1\n");
        var outFile = dir.Child("fitted.conf");

        var result = await InProcessMec.RunAsync("profile", "fit", csv, "--out", outFile);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("softmax", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public async Task Too_few_rows_for_a_kind_exit_2_naming_it()
    {
        using var dir = new TempDirectory();
        var rows = SyntheticRows(Known, 10, 0.05, 1).Split('\n').Where(l => !l.StartsWith("edge,lrn,", StringComparison.Ordinal));
        var csv = dir.WriteFile("rows.csv", string.Join('\n', rows));
        var outFile = dir.Child("fitted.conf");

        var result = await InProcessMec.RunAsync("profile", "fit", csv, "--out", outFile);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("edge lrn: 0 rows", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outFile));
    }

    /// <summary>Within 2% of the coefficient or, for coefficients near 0, of the time they add over the rows' range.</summary>
    private static void AssertClose(LinearLatency known, LinearLatency got, string what)
    {
        Assert.True(Math.Abs(known.X1 - got.X1) <= 0.02 * Math.Abs(known.X1) + 1e-8, $"{what} x1: {known.X1} vs {got.X1}");
        Assert.True(Math.Abs(known.X2 - got.X2) <= 0.02 * Math.Abs(known.X2) + 1e-7, $"{what} x2: {known.X2} vs {got.X2}");
        Assert.True(Math.Abs(known.Intercept - got.Intercept) <= 0.02 * Math.Abs(known.Intercept) + 0.02, $"{what} intercept: {known.Intercept} vs {got.Intercept}");
    }

    /// <summary>Rows of every kind on both nodes with variables over layer-like ranges, times from the known models plus Gaussian noise.</summary>
    private static string SyntheticRows(LatencyRegressions known, int rowsPerKind, double noiseMs, int seed)
    {
        var random = new RandomStream((ulong)seed);
        var text = new StringBuilder("node,type,x1,x2,ms\n");
        void Rows(string node, string kind, LinearLatency model, bool two)
        {
            for (var i = 0; i < rowsPerKind; i++)
            {
                // Layers move kilobytes; loading and parsing take models of megabytes.
                var x1 = kind.StartsWith("model-", StringComparison.Ordinal) ? random.Uniform(1e5, 5e7) : random.Uniform(1e3, 2e5);
                var x2 = two ? random.Uniform(1e2, 1e5) : 0.0;
                var ms = model.X1 * x1 + model.X2 * x2 + model.Intercept + noiseMs * random.StandardNormal();
                text.Append(CultureInfo.InvariantCulture, $"{node},{kind},{x1:R},{(two ? x2.ToString("R", CultureInfo.InvariantCulture) : "")},{ms:R}\n");
            }
        }

        foreach (var (node, regressions) in new[] { ("device", known.Device), ("edge", known.Edge) })
        {
            foreach (var (name, type) in Core.Scenarios.LayerProfileLoader.TypeNames)
            {
                Rows(node, name, regressions.Layers[type], LatencyRegressions.HasTwoVariables(type));
            }

            Rows(node, LatencyRegressions.ModelLoadingKey, regressions.ModelLoading, false);
            if (regressions.ModelParsing is { } parsing)
            {
                Rows(node, LatencyRegressions.ModelParsingKey, parsing, false);
            }
        }

        return text.ToString();
    }
}
