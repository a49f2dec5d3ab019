using System.Globalization;
using MecActors.Core.Configuration;

namespace MecActors.Core.Scenarios;

/// <summary>
/// Checked reads of scenario values: each getter reads one key and throws a <see cref="ConfigException"/>
/// naming the full key and the rule it breaks (missing, wrong type, out of range, unknown name, ...). Policies read
/// their own sections of a scenario with them (<see cref="IKnownPolicies.ReadParameters"/>).
/// </summary>
public static class ScenarioValidation
{
    /// <summary>The object at <paramref name="key"/>, rejecting keys outside <paramref name="allowed"/> (typos).</summary>
    public static Config Section(this Config parent, string key, params string[] allowed)
    {
        var section = parent.GetConfig(key);
        section.RejectUnknownKeys(allowed);
        return section;
    }

    public static void RejectUnknownKeys(this Config config, IReadOnlyCollection<string> allowed)
    {
        foreach (var key in config.Keys)
        {
            if (!allowed.Contains(key))
            {
                throw config.Error(ConfigPath.Append("", key), $"unknown key; expected one of: {string.Join(", ", allowed)}");
            }
        }
    }

    public static string NonEmptyString(this Config config, string key)
    {
        var text = config.GetString(key);
        return text.Trim().Length > 0 ? text : throw config.Error(key, "must not be empty");
    }

    public static double PositiveDouble(this Config config, string key)
    {
        var value = config.GetDouble(key);
        return value > 0 ? value : throw config.Error(key, $"must be positive, got {Format(value)}");
    }

    public static double NonNegativeDouble(this Config config, string key)
    {
        var value = config.GetDouble(key);
        return value >= 0 ? value : throw config.Error(key, $"must not be negative, got {Format(value)}");
    }

    public static int PositiveInt(this Config config, string key)
    {
        var value = config.GetInt(key);
        return value > 0 ? value : throw config.Error(key, $"must be a positive integer, got {value}");
    }

    /// <summary>A probability in (0, 1].</summary>
    public static double Probability(this Config config, string key)
    {
        var value = config.GetDouble(key);
        return value > 0 && value <= 1
            ? value
            : throw config.Error(key, $"must lie in (0, 1], got {Format(value)}");
    }

    /// <summary>A fraction in [0, 1].</summary>
    public static double Fraction(this Config config, string key)
    {
        var value = config.GetDouble(key);
        return value >= 0 && value <= 1
            ? value
            : throw config.Error(key, $"must lie in [0, 1], got {Format(value)}");
    }

    /// <summary>
    /// A range written <c>[min, max]</c>: exactly two numbers, each satisfying <paramref name="valid"/>
    /// (described by <paramref name="requirement"/>, e.g. "positive"), with min &lt;= max.
    /// </summary>
    public static (double Min, double Max) Range(this Config config, string key, Func<double, bool> valid, string requirement)
    {
        var values = config.GetDoubleList(key);
        if (values.Count != 2)
        {
            throw config.Error(key, $"expected a range [min, max] of 2 numbers, got {values.Count}");
        }

        for (var i = 0; i < 2; i++)
        {
            if (!valid(values[i]))
            {
                throw config.Error($"{key}[{i}]", $"must be {requirement}, got {Format(values[i])}");
            }
        }

        return values[0] <= values[1]
            ? (values[0], values[1])
            : throw config.Error(key, $"min {Format(values[0])} is greater than max {Format(values[1])}");
    }

    /// <summary>An integer range <c>[min, max]</c> with 1 &lt;= min &lt;= max.</summary>
    public static (int Min, int Max) PositiveIntRange(this Config config, string key)
    {
        var values = config.GetIntList(key);
        if (values.Count != 2)
        {
            throw config.Error(key, $"expected a range [min, max] of 2 integers, got {values.Count}");
        }

        for (var i = 0; i < 2; i++)
        {
            if (values[i] < 1)
            {
                throw config.Error($"{key}[{i}]", $"must be a positive integer, got {values[i]}");
            }
        }

        return values[0] <= values[1]
            ? (values[0], values[1])
            : throw config.Error(key, $"min {values[0]} is greater than max {values[1]}");
    }

    /// <summary>One of a fixed set of names; the error lists the valid ones.</summary>
    public static T OneOf<T>(this Config config, string key, IReadOnlyList<(string Name, T Value)> choices)
    {
        var text = config.GetString(key);
        foreach (var (name, value) in choices)
        {
            if (name == text)
            {
                return value;
            }
        }

        throw config.Error(key, $"unknown value \"{text}\"; expected one of: {string.Join(", ", choices.Select(c => c.Name))}");
    }

    public static bool IsPositive(double value) => value > 0;

    public static bool IsAccuracy(double value) => value > 0 && value <= 1;

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
