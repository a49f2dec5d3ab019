namespace MecActors.Core.Configuration;

/// <summary>
/// A syntax error or a bad/missing configuration value. <see cref="Key"/> is the full dotted path
/// ("" for syntax errors not tied to a key); the message names the key, the problem and the origin.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string key, string problem, string? origin = null)
        : base(Format(key, problem, origin))
    {
        Key = key;
        Problem = problem;
        Origin = origin ?? "";
    }

    /// <summary>Full dotted path of the offending value, or "".</summary>
    public string Key { get; }

    /// <summary>The problem description without key and origin.</summary>
    public string Problem { get; }

    /// <summary>"file.conf:LINE", or "" when unknown.</summary>
    public string Origin { get; }

    private static string Format(string key, string problem, string? origin)
    {
        var text = key.Length == 0 ? problem : $"{key}: {problem}";
        return string.IsNullOrEmpty(origin) ? text : $"{text} [{origin}]";
    }
}
