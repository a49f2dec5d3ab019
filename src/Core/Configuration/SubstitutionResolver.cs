namespace MecActors.Core.Configuration;

/// <summary>
/// Replaces every <c>${path}</c> / <c>${?path}</c> in a tree with the value it refers to, looked up from the root.
/// Undefined optional substitutions remove their field (or array item) unless they replaced an earlier value.
/// </summary>
internal sealed class SubstitutionResolver
{
    private readonly HoconObject _root;
    private readonly List<string> _inProgress = [];

    private SubstitutionResolver(HoconObject root) => _root = root;

    public static void Resolve(HoconObject root) => new SubstitutionResolver(root).ResolveFields(root, "");

    private HoconObject ResolveFields(HoconObject target, string path)
    {
        foreach (var key in target.Keys.ToArray())
        {
            if (target.Get(key) is { } value)
            {
                Store(target, key, ResolveValue(value, ConfigPath.Append(path, key)));
            }
        }
        return target;
    }

    /// <summary>Returns the fully resolved value, or null for an undefined optional substitution.</summary>
    private HoconValue? ResolveValue(HoconValue value, string path)
    {
        if (value is HoconScalar)
        {
            return value;
        }
        var cycleStart = _inProgress.IndexOf(path);
        if (cycleStart >= 0)
        {
            var chain = string.Join(" -> ", _inProgress.Skip(cycleStart).Append(path));
            throw new ConfigException(path, $"cyclic substitution: {chain}", value.Origin);
        }
        _inProgress.Add(path);
        HoconValue? result;
        try
        {
            result = value switch
            {
                HoconObject obj => ResolveFields(obj, path),
                HoconArray array => ResolveItems(array, path),
                HoconSubstitution substitution => Lookup(substitution.Path),
                _ => value,
            };
        }
        finally
        {
            _inProgress.RemoveAt(_inProgress.Count - 1);
        }
        return result is null && value is HoconSubstitution undefined ? Undefined(undefined, path) : result;
    }

    private HoconArray ResolveItems(HoconArray array, string path)
    {
        var items = new List<HoconValue>(array.Items.Count);
        var changed = false;
        for (var i = 0; i < array.Items.Count; i++)
        {
            var resolved = ResolveValue(array.Items[i], $"{path}[{i}]");
            changed |= !ReferenceEquals(resolved, array.Items[i]);
            if (resolved is not null)
            {
                items.Add(resolved);
            }
        }
        return changed ? array with { Items = items } : array;
    }

    private HoconValue? Undefined(HoconSubstitution substitution, string path)
    {
        if (!substitution.Optional)
        {
            throw new ConfigException(path, $"unresolved substitution ${{{substitution.Path}}}", substitution.Origin);
        }
        return substitution.Previous is null ? null : ResolveValue(substitution.Previous, path);
    }

    /// <summary>Finds the resolved value at a dotted path from the root, or null if it does not exist.</summary>
    private HoconValue? Lookup(string path)
    {
        var segments = ConfigPath.TrySplit(path)!;
        var current = _root;
        var currentPath = "";
        for (var i = 0; ; i++)
        {
            var key = segments[i];
            currentPath = ConfigPath.Append(currentPath, key);
            var value = current.Get(key);
            if (value is null)
            {
                return null;
            }
            var isLast = i == segments.Count - 1;
            if (isLast || value is HoconSubstitution)
            {
                value = ResolveValue(value, currentPath);
                Store(current, key, value);
            }
            if (isLast || value is not HoconObject child)
            {
                return isLast ? value : null;
            }
            current = child;
        }
    }

    private static void Store(HoconObject target, string key, HoconValue? resolved)
    {
        if (resolved is null)
        {
            target.Remove(key);
        }
        else if (!ReferenceEquals(resolved, target.Get(key)))
        {
            target.Set(key, resolved);
        }
    }
}
