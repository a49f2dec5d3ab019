namespace MecActors.Core.Configuration;

/// <summary>
/// Recursive-descent reader turning HOCON text into an unresolved <see cref="HoconObject"/> tree
/// (substitutions are left in place; see <see cref="SubstitutionResolver"/>).
/// </summary>
internal sealed class HoconReader
{
    private const string IncludeKeyword = "include";

    private readonly SourceCursor _cursor;
    private readonly string? _filePath;
    private readonly HashSet<string> _openFiles;

    private HoconReader(string text, string sourceName, string? filePath, HashSet<string> openFiles)
    {
        _cursor = new SourceCursor(text, sourceName);
        _filePath = filePath;
        _openFiles = openFiles;
    }

    /// <summary>Reads a file; <paramref name="openFiles"/> holds the files currently being read, to detect include cycles.</summary>
    public static HoconObject ReadFile(string fullPath, HashSet<string> openFiles)
    {
        openFiles.Add(fullPath);
        try
        {
            var text = File.ReadAllText(fullPath);
            return new HoconReader(text, Path.GetFileName(fullPath), fullPath, openFiles).ReadDocument();
        }
        finally
        {
            openFiles.Remove(fullPath);
        }
    }

    public static HoconObject ReadText(string text, string sourceName) =>
        new HoconReader(text, sourceName, null, new HashSet<string>(StringComparer.Ordinal)).ReadDocument();

    /// <summary>Reads a single value such as <c>42</c>, <c>[1, 2]</c> or <c>{ a = 1 }</c>; <paramref name="key"/> is used in errors.</summary>
    public static HoconValue ReadSingleValue(string text, string sourceName, string key)
    {
        var reader = new HoconReader(text, sourceName, null, new HashSet<string>(StringComparer.Ordinal));
        reader._cursor.SkipBlank();
        var value = reader.ReadValue(key);
        reader._cursor.SkipBlank();
        if (!reader._cursor.AtEnd)
        {
            throw reader._cursor.Error(key, $"unexpected {reader._cursor.DescribeNext()} after value");
        }
        return value;
    }

    private HoconObject ReadDocument()
    {
        _cursor.SkipBlank();
        HoconObject root;
        if (_cursor.Peek() == '{')
        {
            root = ReadBracedObject("");
        }
        else
        {
            root = new HoconObject(_cursor.OriginAt(1));
            ReadFields(root, "", closing: null);
        }
        _cursor.SkipBlank();
        if (!_cursor.AtEnd)
        {
            throw _cursor.Error("", $"unexpected {_cursor.DescribeNext()} after the root object");
        }
        return root;
    }

    /// <summary>Reads fields into <paramref name="target"/> until <paramref name="closing"/> or end of input (not consumed).</summary>
    private void ReadFields(HoconObject target, string prefix, char? closing)
    {
        while (true)
        {
            _cursor.SkipBlank();
            if (_cursor.AtEnd || _cursor.Peek() == closing)
            {
                return;
            }
            if (AtInclude())
            {
                ReadInclude(target, prefix);
                ExpectValueEnd(prefix, closing);
                continue;
            }
            var segments = ReadKey(prefix);
            var key = segments.Aggregate(prefix, ConfigPath.Append);
            _cursor.SkipSpaces();
            if (_cursor.StartsWith("+="))
            {
                throw _cursor.Error(key, "'+=' is not supported");
            }
            if (_cursor.Peek() is '=' or ':')
            {
                _cursor.Next();
                _cursor.SkipBlank();
            }
            else if (_cursor.Peek() != '{')
            {
                throw _cursor.Error(key, $"expected '=', ':' or '{{' after key, got {_cursor.DescribeNext()}");
            }
            target.MergePath(segments, ReadValue(key));
            ExpectValueEnd(key, closing);
        }
    }

    private List<string> ReadKey(string prefix)
    {
        var segments = new List<string>();
        while (true)
        {
            if (_cursor.Peek() == '"')
            {
                segments.Add(_cursor.ReadQuoted(prefix));
            }
            else
            {
                var start = _cursor.Position;
                while (!_cursor.AtEnd && IsKeyChar(_cursor.Peek()) && !_cursor.AtCommentStart)
                {
                    _cursor.Next();
                }
                if (_cursor.Position == start)
                {
                    throw _cursor.Error(prefix, $"expected a key, got {_cursor.DescribeNext()}");
                }
                segments.Add(_cursor.Slice(start));
            }
            if (_cursor.Peek() != '.')
            {
                return segments;
            }
            _cursor.Next();
        }
    }

    private static bool IsKeyChar(char c) => !char.IsWhiteSpace(c) && c is not ('.' or '=' or ':' or '{' or '}' or '[' or ']'
        or ',' or '#' or '"' or '+' or '$');

    /// <summary>After a value: only spaces, a comment, then a newline, a comma, the closing bracket or end of input.</summary>
    private void ExpectValueEnd(string key, char? closing)
    {
        _cursor.SkipSpaces();
        if (_cursor.Peek() == ',')
        {
            _cursor.Next();
        }
        else if (!_cursor.AtEnd && _cursor.Peek() != '\n' && _cursor.Peek() != closing)
        {
            throw _cursor.Error(key, $"unexpected {_cursor.DescribeNext()} after value (separate entries with a newline or ',')");
        }
    }

    private HoconValue ReadValue(string key)
    {
        var origin = _cursor.Origin;
        switch (_cursor.Peek())
        {
            case '{':
                return ReadBracedObject(key);
            case '[':
                return ReadArray(key);
            case '"':
                return new HoconScalar(origin, _cursor.ReadQuoted(key), Quoted: true);
            case '$' when _cursor.Peek(1) == '{':
                return ReadSubstitution(key);
            default:
                return ReadUnquoted(key);
        }
    }

    private HoconObject ReadBracedObject(string key)
    {
        var openLine = _cursor.Line;
        var result = new HoconObject(_cursor.Origin);
        _cursor.Next();
        ReadFields(result, key, closing: '}');
        if (_cursor.AtEnd)
        {
            throw _cursor.Error(key, $"unclosed '{{' opened at line {openLine}");
        }
        _cursor.Next();
        return result;
    }

    private HoconArray ReadArray(string key)
    {
        var openLine = _cursor.Line;
        var origin = _cursor.Origin;
        var items = new List<HoconValue>();
        _cursor.Next();
        while (true)
        {
            _cursor.SkipBlank();
            if (_cursor.AtEnd || _cursor.Peek() == '}')
            {
                throw _cursor.Error(key, $"unclosed '[' opened at line {openLine}");
            }
            if (_cursor.Peek() == ']')
            {
                _cursor.Next();
                return new HoconArray(origin, items);
            }
            var itemKey = $"{key}[{items.Count}]";
            items.Add(ReadValue(itemKey));
            ExpectValueEnd(itemKey, ']');
        }
    }

    private HoconSubstitution ReadSubstitution(string key)
    {
        var origin = _cursor.Origin;
        _cursor.Skip(2);
        var optional = _cursor.Peek() == '?';
        if (optional)
        {
            _cursor.Next();
        }
        var start = _cursor.Position;
        while (_cursor.Peek() != '}')
        {
            if (_cursor.AtEnd || _cursor.Peek() == '\n')
            {
                throw _cursor.Error(key, "unclosed substitution '${'");
            }
            _cursor.Next();
        }
        var path = _cursor.Slice(start).Trim();
        _cursor.Next();
        if (ConfigPath.TrySplit(path) is null)
        {
            throw new ConfigException(key, $"invalid substitution path '{path}'", origin);
        }
        return new HoconSubstitution(origin, path, optional);
    }

    private HoconScalar ReadUnquoted(string key)
    {
        var origin = _cursor.Origin;
        var start = _cursor.Position;
        while (!_cursor.AtEnd && !_cursor.AtCommentStart
            && _cursor.Peek() is not ('\n' or ',' or '}' or ']' or '{' or '[' or '"' or '$' or '='))
        {
            _cursor.Next();
        }
        var text = _cursor.Slice(start).Trim();
        if (text.Length == 0)
        {
            throw _cursor.Error(key, $"expected a value, got {_cursor.DescribeNext()}");
        }
        return new HoconScalar(origin, text == "null" ? null : text, Quoted: false);
    }

    private bool AtInclude()
    {
        if (!_cursor.StartsWith(IncludeKeyword))
        {
            return false;
        }
        var i = IncludeKeyword.Length;
        if (_cursor.Peek(i) is not (' ' or '\t'))
        {
            return false;
        }
        while (_cursor.Peek(i) is ' ' or '\t')
        {
            i++;
        }
        return _cursor.Peek(i) == '"';
    }

    private void ReadInclude(HoconObject target, string prefix)
    {
        _cursor.Skip(IncludeKeyword.Length);
        _cursor.SkipSpaces();
        var origin = _cursor.Origin;
        var name = _cursor.ReadQuoted(prefix);
        var baseDirectory = _filePath is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(_filePath)!;
        var fullPath = Path.GetFullPath(Path.Combine(baseDirectory, name));
        if (!File.Exists(fullPath))
        {
            throw new ConfigException(prefix, $"include \"{name}\": file not found ({fullPath})", origin);
        }
        if (_openFiles.Contains(fullPath))
        {
            throw new ConfigException(prefix, $"include \"{name}\": include cycle", origin);
        }
        var included = ReadFile(fullPath, _openFiles);
        foreach (var key in included.Keys)
        {
            target.Merge(key, included.Get(key)!);
        }
    }
}
