using System.Globalization;
using MecActors.Cli.Commands;
using MecActors.Cli.Experiments;

namespace MecActors.Cli.Reports;

/// <summary>A one-key sweep's <c>sweep.csv</c>: per value of the key, per policy and metric, what was measured.</summary>
internal sealed class SweepResults
{
    private readonly Dictionary<(string Value, string Policy, string Metric), Measured> _rows;

    private SweepResults(string key, IReadOnlyList<string> values, Dictionary<(string, string, string), Measured> rows)
    {
        Key = key;
        Values = values;
        _rows = rows;
    }

    public string Key { get; }

    /// <summary>The key's values, in the sweep's order.</summary>
    public IReadOnlyList<string> Values { get; }

    public bool Has(string value, string policy, string metric) => _rows.ContainsKey((value, policy, metric));

    public Measured Of(string value, string policy, string metric) =>
        _rows.TryGetValue((value, policy, metric), out var m) ? m : throw new BadInputException($"the sweep has no {metric} of '{policy}' at {Key} = {value}");

    public static SweepResults Read(string directory)
    {
        var path = Path.Combine(directory, SweepCsv.FileName);
        if (!File.Exists(path))
        {
            throw new BadInputException($"{path}: no such file (run the sweep first)");
        }

        var lines = File.ReadAllLines(path);
        var header = lines.Length > 0 ? lines[0].Split(',') : [];
        if (header.Length != 7 || header[1] != "policy" || header[2] != "metric")
        {
            throw new BadInputException($"{path}: expected a sweep over one key (header KEY,policy,metric,mean,std,ci95,n)");
        }

        var values = new List<string>();
        var rows = new Dictionary<(string, string, string), Measured>();
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length != 7)
            {
                throw new BadInputException($"{path}:{i + 1}: expected 7 fields, got {f.Length}");
            }

            if (!values.Contains(f[0]))
            {
                values.Add(f[0]);
            }

            var ci = f[5].Length > 0 ? double.Parse(f[5], CultureInfo.InvariantCulture) : 0.0;
            rows[(f[0], f[1], f[2])] = new Measured(double.Parse(f[3], CultureInfo.InvariantCulture), ci, int.Parse(f[6], CultureInfo.InvariantCulture));
        }

        return new SweepResults(header[0], values, rows);
    }
}
