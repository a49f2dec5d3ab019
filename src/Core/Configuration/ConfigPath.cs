using System.Text;

namespace MecActors.Core.Configuration;

/// <summary>Splitting and rendering of dotted paths; segments containing dots may be quoted (<c>a."b.c"</c>).</summary>
internal static class ConfigPath
{
    /// <summary>Splits a dotted path into keys, or returns null if it is malformed.</summary>
    public static IReadOnlyList<string>? TrySplit(string path)
    {
        var segments = new List<string>();
        var i = 0;
        while (true)
        {
            var segment = new StringBuilder();
            if (i < path.Length && path[i] == '"')
            {
                i++;
                while (i < path.Length && path[i] != '"')
                {
                    if (path[i] == '\\' && i + 1 < path.Length)
                    {
                        i++;
                    }
                    segment.Append(path[i++]);
                }
                if (i++ >= path.Length)
                {
                    return null;
                }
            }
            else
            {
                while (i < path.Length && path[i] != '.')
                {
                    if (char.IsWhiteSpace(path[i]) || path[i] == '"')
                    {
                        return null;
                    }
                    segment.Append(path[i++]);
                }
                if (segment.Length == 0)
                {
                    return null;
                }
            }
            segments.Add(segment.ToString());
            if (i == path.Length)
            {
                return segments;
            }
            if (path[i++] != '.')
            {
                return null;
            }
        }
    }

    /// <summary>Appends one key to a rendered path, quoting the key if needed.</summary>
    public static string Append(string prefix, string key) =>
        prefix.Length == 0 ? Render(key) : $"{prefix}.{Render(key)}";

    /// <summary>Joins a rendered prefix and a rendered relative path.</summary>
    public static string Join(string prefix, string relative) =>
        relative.Length == 0 ? prefix : prefix.Length == 0 ? relative : $"{prefix}.{relative}";

    private static string Render(string key) =>
        key.Length > 0 && !key.Any(c => c is '.' or '"' or '\\' || char.IsWhiteSpace(c))
            ? key
            : $"\"{key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
