using System.Globalization;

namespace MecActors.Core.Configuration;

/// <summary>Converts resolved HOCON values to CLR values, throwing <see cref="ConfigException"/> naming the path on failure.</summary>
internal static class ValueConverter
{
    /// <summary>
    /// The largest magnitude a number may have: far beyond any physical setting, and far enough below double's range
    /// that converting units (GB to bits, GHz to Hz) and the formulas' products stay finite.
    /// </summary>
    public const double MaxMagnitude = 1e30;

    public static double ToDouble(HoconValue value, string path)
    {
        var text = ScalarText(value, path, "a number");
        if (!IsNumber(text))
        {
            throw WrongType(value, path, "a number");
        }
        var result = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return Math.Abs(result) <= MaxMagnitude
            ? result
            : throw new ConfigException(path, $"number out of range: {text} (at most {MaxMagnitude:0e0} in magnitude)", value.Origin);
    }

    public static long ToLong(HoconValue value, string path) => ToInteger(value, path, long.MinValue, long.MaxValue, "64-bit");

    public static int ToInt(HoconValue value, string path) => (int)ToInteger(value, path, int.MinValue, int.MaxValue, "32-bit");

    public static bool ToBool(HoconValue value, string path) =>
        ScalarText(value, path, "a boolean") switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => throw WrongType(value, path, "a boolean (true/false/on/off/yes/no)"),
        };

    public static string ToText(HoconValue value, string path) => ScalarText(value, path, "a string");

    public static IReadOnlyList<T> ToList<T>(HoconValue value, string path, Func<HoconValue, string, T> convertItem)
    {
        if (value is not HoconArray array)
        {
            throw WrongType(value, path, "a list");
        }
        var result = new T[array.Items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = convertItem(array.Items[i], $"{path}[{i}]");
        }
        return result;
    }

    public static ConfigException WrongType(HoconValue value, string path, string expected) =>
        new(path, $"expected {expected}, got {Describe(value)}", value.Origin);

    public static string Describe(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "a list",
        HoconScalar { Text: null } => "null",
        HoconScalar scalar => $"\"{scalar.Text}\"",
        _ => "an unresolved substitution",
    };

    private static long ToInteger(HoconValue value, string path, long min, long max, string width)
    {
        var text = ScalarText(value, path, "an integer");
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            throw WrongType(value, path, "an integer");
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            || result < min || result > max)
        {
            throw new ConfigException(path, $"integer out of {width} range: {text}", value.Origin);
        }
        return result;
    }

    private static string ScalarText(HoconValue value, string path, string expected) =>
        value is HoconScalar { Text: { } text } ? text : throw WrongType(value, path, expected);

    /// <summary>JSON number grammar: -?digits(.digits)?([eE][+-]?digits)? — rejects NaN, Infinity, hex, etc.</summary>
    private static bool IsNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }
        if (!SkipDigits(text, ref i))
        {
            return false;
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!SkipDigits(text, ref i))
            {
                return false;
            }
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }
            if (!SkipDigits(text, ref i))
            {
                return false;
            }
        }
        return i == text.Length;
    }

    private static bool SkipDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        return i > start;
    }
}
