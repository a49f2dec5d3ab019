using System.Globalization;
using System.Text;

namespace MecActors.Core.Configuration;

/// <summary>Character-level position in a HOCON source: line tracking, whitespace/comment skipping, quoted strings.</summary>
internal sealed class SourceCursor(string text, string source)
{
    private int _pos;

    public int Line { get; private set; } = 1;

    public bool AtEnd => _pos >= text.Length;

    public string Origin => OriginAt(Line);

    public string OriginAt(int line) => $"{source}:{line}";

    public char Peek(int offset = 0) => _pos + offset < text.Length ? text[_pos + offset] : '\0';

    public bool StartsWith(string value) => string.CompareOrdinal(text, _pos, value, 0, value.Length) == 0;

    public bool AtCommentStart => Peek() == '#' || (Peek() == '/' && Peek(1) == '/');

    public char Next()
    {
        var c = text[_pos++];
        if (c == '\n')
        {
            Line++;
        }
        return c;
    }

    public void Skip(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Next();
        }
    }

    public string Slice(int start) => text[start.._pos];

    public int Position => _pos;

    /// <summary>Skips spaces and a trailing comment, stopping before the end of the line.</summary>
    public void SkipSpaces()
    {
        while (!AtEnd)
        {
            if (AtCommentStart)
            {
                while (!AtEnd && Peek() != '\n')
                {
                    _pos++;
                }
            }
            else if (Peek() != '\n' && (char.IsWhiteSpace(Peek()) || Peek() == '\uFEFF'))
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Skips spaces, comments and newlines.</summary>
    public void SkipBlank()
    {
        SkipSpaces();
        while (Peek() == '\n')
        {
            Next();
            SkipSpaces();
        }
    }

    /// <summary>Describes the next character for error messages.</summary>
    public string DescribeNext() => AtEnd ? "end of input" : Peek() == '\n' ? "end of line" : $"'{Peek()}'";

    public ConfigException Error(string key, string problem) => new(key, problem, Origin);

    /// <summary>Reads a JSON-style quoted string (the cursor is on the opening quote) or a """triple-quoted""" one.</summary>
    public string ReadQuoted(string key)
    {
        return StartsWith("\"\"\"") ? ReadTripleQuoted(key) : ReadSingleQuoted(key);
    }

    private string ReadSingleQuoted(string key)
    {
        Next();
        var result = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek() == '\n')
            {
                throw Error(key, "unterminated quoted string");
            }
            var c = Next();
            if (c == '"')
            {
                return result.ToString();
            }
            result.Append(c == '\\' ? ReadEscape(key) : c);
        }
    }

    private char ReadEscape(string key)
    {
        var c = AtEnd ? '\0' : Next();
        switch (c)
        {
            case '"' or '\\' or '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u' when _pos + 4 <= text.Length
                && ushort.TryParse(text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                _pos += 4;
                return (char)code;
            default:
                throw Error(key, $"invalid escape sequence '\\{c}' in quoted string");
        }
    }

    private string ReadTripleQuoted(string key)
    {
        var openLine = Line;
        Skip(3);
        var start = _pos;
        while (!StartsWith("\"\"\""))
        {
            if (AtEnd)
            {
                throw Error(key, $"unterminated \"\"\" string opened at line {openLine}");
            }
            Next();
        }
        var value = Slice(start);
        Skip(3);
        return value;
    }
}
