using MecActors.Cli.Commands;
using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;
using MecActors.Policies;

namespace MecActors.Cli.Experiments;

/// <summary>One <c>--set KEY=V1,V2,...</c>: a scenario key (any HOCON path) and the values it takes, as HOCON text.</summary>
internal sealed record SweepAxis(string Key, IReadOnlyList<string> Values)
{
    /// <summary>
    /// Parses <c>KEY=V1,V2,...</c>. Commas inside brackets or braces do not split, so a value may be a list or an
    /// object (<c>devices.per-edge=[15,10,5],[10,10,10]</c>).
    /// </summary>
    /// <exception cref="BadInputException">There is no key, no value, or an empty value.</exception>
    public static SweepAxis Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new BadInputException($"--set: '{text}' is not KEY=V1,V2,... (e.g. objective.beta=1,2,3)");
        }

        var key = text[..equals].Trim();
        var values = new List<string>();
        var depth = 0;
        var start = equals + 1;
        for (var i = start; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ',';
            depth += c is '[' or '{' ? 1 : c is ']' or '}' ? -1 : 0;
            if (c == ',' && depth == 0)
            {
                var value = text[start..i].Trim();
                if (value.Length == 0)
                {
                    throw new BadInputException($"--set {key}: an empty value in '{text[(equals + 1)..]}'");
                }

                values.Add(value);
                start = i + 1;
            }
        }

        return new SweepAxis(key, values);
    }
}

/// <summary>One grid point: a value for every swept key, in the order the keys were given.</summary>
internal sealed record SweepPoint(int Index, IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    /// <summary>"objective.beta=2, devices.count=30".</summary>
    public string Describe() => string.Join(", ", Settings.Select(s => $"{s.Key}={s.Value}"));
}

/// <summary>The grid of a sweep: every combination of the axes' values, the first axis varying slowest.</summary>
internal static class SweepGrid
{
    /// <exception cref="BadInputException">A key is swept twice.</exception>
    public static IReadOnlyList<SweepPoint> Expand(IReadOnlyList<SweepAxis> axes)
    {
        var duplicate = axes.GroupBy(a => a.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new BadInputException($"--set {duplicate.Key}: the key is given more than once");
        }

        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> combinations = [[]];
        foreach (var axis in axes)
        {
            combinations = combinations.SelectMany(
                prefix => axis.Values.Select(v => (IReadOnlyList<KeyValuePair<string, string>>)[.. prefix, new(axis.Key, v)]));
        }

        return combinations.Select((settings, i) => new SweepPoint(i, settings)).ToList();
    }

    /// <summary>
    /// The scenario of every point: the file's configuration with the point's values in place of the file's, validated
    /// as any scenario is, all before anything runs.
    /// </summary>
    /// <exception cref="BadInputException">A key or a value of some point is not valid; the message names it.</exception>
    public static IReadOnlyList<ScenarioSpec> Load(Config file, IReadOnlyList<SweepPoint> points)
    {
        var scenarios = new List<ScenarioSpec>(points.Count);
        foreach (var point in points)
        {
            var config = file;
            foreach (var (key, value) in point.Settings)
            {
                try
                {
                    config = config.WithOverride(key, value);
                }
                catch (ConfigException e)
                {
                    throw new BadInputException($"--set {key}={value}: {e.Message}");
                }
            }

            try
            {
                scenarios.Add(ScenarioLoader.FromConfig(config, PolicyCatalog.All));
            }
            catch (ConfigException e)
            {
                throw new BadInputException($"--set {point.Describe()}: {e.Message}");
            }
        }

        return scenarios;
    }
}
