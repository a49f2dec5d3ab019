namespace MecActors.Core.Configuration;

/// <summary>
/// Typed, path-based view of a resolved HOCON object. Paths are dotted and relative to this config;
/// errors always report the full path from the document root. A <c>null</c> value counts as missing
/// for <see cref="HasPath"/> and the fallback overloads, and as a wrong type for the required getters.
/// </summary>
public sealed class Config
{
    private readonly HoconObject _node;

    internal Config(HoconObject node, string path)
    {
        _node = node;
        Path = path;
    }

    /// <summary>Full path of this config from the document root ("" at the root).</summary>
    public string Path { get; }

    /// <summary>Direct child keys in file order.</summary>
    public IReadOnlyList<string> Keys => _node.Keys;

    public bool HasPath(string path) => Find(path) is { } value && value is not HoconScalar { IsNull: true };

    /// <summary>Whether the value at <paramref name="path"/> is a list (keys that take a number or a range).</summary>
    public bool IsList(string path) => Find(path) is HoconArray;

    /// <summary>True when the value at <paramref name="path"/> is an object.</summary>
    public bool IsObject(string path) => Find(path) is HoconObject;

    public Config GetConfig(string path) =>
        Require(path) is HoconObject obj ? new Config(obj, FullPath(path)) : throw WrongType(path, "an object");

    public double GetDouble(string path) => Get(path, ValueConverter.ToDouble);

    public double GetDouble(string path, double fallback) => GetOrDefault(path, fallback, ValueConverter.ToDouble);

    public int GetInt(string path) => Get(path, ValueConverter.ToInt);

    public int GetInt(string path, int fallback) => GetOrDefault(path, fallback, ValueConverter.ToInt);

    public long GetLong(string path) => Get(path, ValueConverter.ToLong);

    public bool GetBool(string path) => Get(path, ValueConverter.ToBool);

    public bool GetBool(string path, bool fallback) => GetOrDefault(path, fallback, ValueConverter.ToBool);

    public string GetString(string path) => Get(path, ValueConverter.ToText);

    public string GetString(string path, string fallback) => GetOrDefault(path, fallback, ValueConverter.ToText);

    public IReadOnlyList<double> GetDoubleList(string path) => GetList(path, ValueConverter.ToDouble);

    public IReadOnlyList<int> GetIntList(string path) => GetList(path, ValueConverter.ToInt);

    public IReadOnlyList<string> GetStringList(string path) => GetList(path, ValueConverter.ToText);

    /// <summary>A list of objects; element errors report paths such as <c>path[3].key</c>.</summary>
    public IReadOnlyList<Config> GetConfigList(string path) =>
        GetList(path, (item, itemPath) => item is HoconObject obj
            ? new Config(obj, itemPath)
            : throw ValueConverter.WrongType(item, itemPath, "an object"));

    /// <summary>A list of integer lists (adjacency lists, matrices); rows may differ in length.</summary>
    public IReadOnlyList<IReadOnlyList<int>> GetIntMatrix(string path) =>
        GetList(path, (row, rowPath) => ValueConverter.ToList(row, rowPath, ValueConverter.ToInt));

    /// <summary>"file.conf:LINE" of the value at <paramref name="path"/>, or "" if it does not exist.</summary>
    public string OriginOf(string path) => path.Length == 0 ? _node.Origin : Find(path)?.Origin ?? "";

    /// <summary>Builds an exception for a validation failure, with the full path and the best known origin.</summary>
    public ConfigException Error(string relativePath, string problem)
    {
        var origin = OriginOf(relativePath);
        return new ConfigException(FullPath(relativePath), problem, origin.Length > 0 ? origin : NearestOrigin(relativePath));
    }

    /// <summary>Deep merge where this config's values win.</summary>
    public Config WithFallback(Config fallback) => new(_node.WithFallback(fallback._node), Path);

    /// <summary>
    /// Returns a copy with the value at <paramref name="path"/> replaced by <paramref name="hoconValueText"/>
    /// (any HOCON value, e.g. <c>42</c>, <c>[1, 2]</c>, <c>{ a = 1 }</c>); substitutions resolve against this config.
    /// </summary>
    public Config WithOverride(string path, string hoconValueText)
    {
        var segments = Split(path);
        var value = HoconReader.ReadSingleValue(hoconValueText, "<override>", FullPath(path));
        var root = _node.WithValueAt(segments, value);
        SubstitutionResolver.Resolve(root);
        return new Config(root, Path);
    }

    private T Get<T>(string path, Func<HoconValue, string, T> convert) => convert(Require(path), FullPath(path));

    private T GetOrDefault<T>(string path, T fallback, Func<HoconValue, string, T> convert) =>
        Find(path) is { } value && value is not HoconScalar { IsNull: true } ? convert(value, FullPath(path)) : fallback;

    private IReadOnlyList<T> GetList<T>(string path, Func<HoconValue, string, T> convertItem) =>
        ValueConverter.ToList(Require(path), FullPath(path), convertItem);

    private HoconValue Require(string path) =>
        Find(path) ?? throw new ConfigException(FullPath(path), "missing required key", NearestOrigin(path));

    private ConfigException WrongType(string path, string expected) =>
        ValueConverter.WrongType(Require(path), FullPath(path), expected);

    private HoconValue? Find(string path)
    {
        HoconValue? current = _node;
        foreach (var key in Split(path))
        {
            current = (current as HoconObject)?.Get(key);
        }
        return current;
    }

    /// <summary>Origin of the deepest existing object on the path, used when the value itself is missing.</summary>
    private string NearestOrigin(string path)
    {
        var current = _node;
        foreach (var key in path.Length == 0 ? [] : Split(path))
        {
            if (current.Get(key) is not HoconObject child)
            {
                break;
            }
            current = child;
        }
        return current.Origin;
    }

    private IReadOnlyList<string> Split(string path) =>
        ConfigPath.TrySplit(path) ?? throw new ConfigException(FullPath(path), "invalid path expression");

    private string FullPath(string relativePath) => ConfigPath.Join(Path, relativePath);
}
