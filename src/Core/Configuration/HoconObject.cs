namespace MecActors.Core.Configuration;

/// <summary>
/// An object with keys in insertion order. Mutable only while a document is being parsed and resolved;
/// afterwards it is treated as immutable and every change produces a copy.
/// </summary>
public sealed record HoconObject : HoconValue
{
    private readonly Dictionary<string, HoconValue> _fields;
    private readonly List<string> _keys;

    public HoconObject(string origin)
        : base(origin)
    {
        _fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        _keys = [];
    }

    private HoconObject(HoconObject original)
        : base(original)
    {
        _fields = new Dictionary<string, HoconValue>(original._fields, StringComparer.Ordinal);
        _keys = [.. original._keys];
    }

    /// <summary>Direct child keys in definition order.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The direct child <paramref name="key"/> (not a dotted path), or null if absent.</summary>
    public HoconValue? Get(string key) => _fields.GetValueOrDefault(key);

    /// <summary>Returns a new object where this object's values win and nested objects are merged recursively.</summary>
    public HoconObject WithFallback(HoconObject fallback)
    {
        var result = new HoconObject(Origin);
        foreach (var key in _keys)
        {
            var mine = _fields[key];
            result.Set(key, mine is HoconObject a && fallback.Get(key) is HoconObject b ? a.WithFallback(b) : mine);
        }
        foreach (var key in fallback.Keys)
        {
            if (!_fields.ContainsKey(key))
            {
                result.Set(key, fallback._fields[key]);
            }
        }
        return result;
    }

    internal void Set(string key, HoconValue value)
    {
        if (_fields.TryAdd(key, value))
        {
            _keys.Add(key);
        }
        else
        {
            _fields[key] = value;
        }
    }

    internal void Remove(string key)
    {
        if (_fields.Remove(key))
        {
            _keys.Remove(key);
        }
    }

    /// <summary>Duplicate-key semantics: objects merge deeply, anything else replaces the earlier value.</summary>
    internal void Merge(string key, HoconValue value)
    {
        var existing = Get(key);
        if (existing is HoconObject target && value is HoconObject incoming)
        {
            foreach (var childKey in incoming.Keys)
            {
                target.Merge(childKey, incoming._fields[childKey]);
            }
        }
        else if (value is HoconSubstitution { Optional: true } substitution && existing is not null)
        {
            Set(key, substitution with { Previous = existing });
        }
        else
        {
            Set(key, value);
        }
    }

    /// <summary>Merges <paramref name="value"/> at a dotted key, creating intermediate objects as needed.</summary>
    internal void MergePath(IReadOnlyList<string> segments, HoconValue value)
    {
        var current = this;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (current.Get(segments[i]) is not HoconObject child)
            {
                child = new HoconObject(value.Origin);
                current.Set(segments[i], child);
            }
            current = child;
        }
        current.Merge(segments[^1], value);
    }

    /// <summary>Returns a copy with the value at <paramref name="segments"/> replaced; only objects on the path are copied.</summary>
    internal HoconObject WithValueAt(IReadOnlyList<string> segments, HoconValue value, int index = 0)
    {
        var copy = this with { };
        var key = segments[index];
        if (index == segments.Count - 1)
        {
            copy.Set(key, value);
        }
        else
        {
            var child = Get(key) as HoconObject ?? new HoconObject(value.Origin);
            copy.Set(key, child.WithValueAt(segments, value, index + 1));
        }
        return copy;
    }
}
