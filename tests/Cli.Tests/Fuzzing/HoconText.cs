using System.Text;
using System.Text.Json;
using MecActors.Core.Configuration;

namespace MecActors.Cli.Tests.Fuzzing;

/// <summary>A resolved document written back as HOCON text: keys quoted, scalars as they were read, so a file of it loads as the tree did.</summary>
internal static class HoconText
{
    public static string Render(HoconObject root)
    {
        var text = new StringBuilder();
        WriteFields(root, text);
        return text.ToString();
    }

    private static void WriteFields(HoconObject obj, StringBuilder text)
    {
        foreach (var key in obj.Keys)
        {
            text.Append(JsonSerializer.Serialize(key)).Append(" = ");
            Write(obj.Get(key)!, text);
            text.Append('\n');
        }
    }

    private static void Write(HoconValue value, StringBuilder text)
    {
        switch (value)
        {
            case HoconObject obj:
                text.Append("{\n");
                WriteFields(obj, text);
                text.Append('}');
                break;
            case HoconArray array:
                text.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    Write(array.Items[i], text);
                }

                text.Append(']');
                break;
            case HoconScalar { Text: null }:
                text.Append("null");
                break;
            case HoconScalar scalar:
                text.Append(scalar.Quoted || scalar.Text.Length == 0 ? JsonSerializer.Serialize(scalar.Text) : scalar.Text);
                break;
            default:
                throw new InvalidOperationException($"cannot write {value.GetType().Name}");
        }
    }
}
