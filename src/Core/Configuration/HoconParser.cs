namespace MecActors.Core.Configuration;

/// <summary>Entry point: parses HOCON text or files into a resolved <see cref="Config"/>.</summary>
public static class HoconParser
{
    /// <summary>Parses a file; <c>include "x.conf"</c> is resolved relative to the including file.</summary>
    public static Config ParseFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigException("", $"config file not found: {fullPath}");
        }
        return Resolve(HoconReader.ReadFile(fullPath, new HashSet<string>(StringComparer.Ordinal)));
    }

    /// <summary>Parses text; <paramref name="sourceName"/> appears in origins. Includes resolve against the current directory.</summary>
    public static Config ParseText(string text, string sourceName = "<text>") =>
        Resolve(HoconReader.ReadText(text, sourceName));

    private static Config Resolve(HoconObject root)
    {
        SubstitutionResolver.Resolve(root);
        return new Config(root, "");
    }
}
