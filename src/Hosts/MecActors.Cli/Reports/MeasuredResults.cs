using System.Globalization;
using System.Text.Json;
using MecActors.Cli.Commands;

namespace MecActors.Cli.Reports;

/// <summary>One metric of one policy as an experiment measured it: mean, 95% half-width (0 with one replication) and n.</summary>
internal readonly record struct Measured(double Mean, double Ci95, int N)
{
    public double Low => Mean - Ci95;

    public double High => Mean + Ci95;

    public string Format(string format) =>
        N > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {Ci95.ToString(format, CultureInfo.InvariantCulture)}")
            : Mean.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>The policies of an experiment's <c>summary.json</c> (replicated or not), metric by metric.</summary>
internal sealed class MeasuredResults
{
    private readonly Dictionary<string, Dictionary<string, Measured>> _policies;

    private MeasuredResults(Dictionary<string, Dictionary<string, Measured>> policies, IReadOnlyList<int> seeds, IReadOnlyList<int> episodes)
    {
        _policies = policies;
        Seeds = seeds;
        Episodes = episodes;
    }

    public IReadOnlyList<int> Seeds { get; }

    public IReadOnlyList<int> Episodes { get; }

    public IEnumerable<string> Policies => _policies.Keys;

    public bool Has(string policy) => _policies.ContainsKey(policy);

    public Measured Of(string policy, string metric) =>
        _policies.TryGetValue(policy, out var metrics) && metrics.TryGetValue(metric, out var value)
            ? value
            : throw new BadInputException($"the results have no {metric} for policy '{policy}'");

    /// <summary>Reads <c>DIR/summary.json</c>; a bad or missing file is bad input.</summary>
    public static MeasuredResults Read(string directory)
    {
        var path = Path.Combine(directory, "summary.json");
        if (!File.Exists(path))
        {
            throw new BadInputException($"{path}: no such file (run the experiment first)");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var seeds = root.TryGetProperty("seeds", out var s) ? s.EnumerateArray().Select(e => e.GetInt32()).ToArray() : [root.GetProperty("seed").GetInt32()];
            var episodes = root.TryGetProperty("episodes", out var e) ? e.EnumerateArray().Select(x => x.GetInt32()).ToArray() : [0];
            var policies = new Dictionary<string, Dictionary<string, Measured>>(StringComparer.Ordinal);
            foreach (var policy in root.GetProperty("policies").EnumerateArray())
            {
                var n = policy.TryGetProperty("n", out var count) ? count.GetInt32() : 1;
                var metrics = new Dictionary<string, Measured>(StringComparer.Ordinal);
                foreach (var property in policy.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Number || property.Name == "n"
                        || property.Name.EndsWith("Std", StringComparison.Ordinal) || property.Name.EndsWith("Ci95", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var ci = policy.TryGetProperty(property.Name + "Ci95", out var half) && half.ValueKind == JsonValueKind.Number ? half.GetDouble() : 0.0;
                    metrics[property.Name] = new Measured(property.Value.GetDouble(), ci, n);
                }

                policies[policy.GetProperty("name").GetString()!] = metrics;
            }

            return new MeasuredResults(policies, seeds, episodes);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new BadInputException($"{path}: not a summary.json of mec ({ex.Message})");
        }
    }
}
