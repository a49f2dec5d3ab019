using System.Text;

namespace MecActors.Policies;

/// <summary>
/// How a policy's captured state (<see cref="Core.Decisions.IResumablePolicy"/>) is laid out: the policy's kind as a
/// tag, then its own fields (little-endian). Reading checks the tag and that the fields used every byte, so a capture
/// of another kind of policy, or of a differently built one, is refused rather than half read.
/// </summary>
internal static class StateBytes
{
    public static byte[] Write(string kind, Action<BinaryWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(kind);
            fields(writer);
        }

        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a capture of <paramref name="kind"/> as <paramref name="fields"/> reads it.</exception>
    public static void Read(byte[] state, string kind, Action<BinaryReader> fields)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var reader = new BinaryReader(new MemoryStream(state, writable: false), Encoding.UTF8);
        try
        {
            var tag = reader.ReadString();
            if (tag != kind)
            {
                throw new InvalidDataException($"the state is {tag}'s, not {kind}'s");
            }

            fields(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{kind}'s state ends before all its fields were read", e);
        }

        if (reader.BaseStream.Position != state.Length)
        {
            throw new InvalidDataException($"{kind}'s state has {state.Length - reader.BaseStream.Position} bytes more than its fields");
        }
    }

    public static void WriteArray(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    /// <summary>Reads an array written by <see cref="WriteArray(BinaryWriter, ReadOnlySpan{double})"/> into <paramref name="values"/>, of the same length.</summary>
    public static void ReadArray(BinaryReader reader, Span<double> values)
    {
        RequireLength(reader, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadDouble();
        }
    }

    public static void WriteArray(BinaryWriter writer, ReadOnlySpan<int> values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static void ReadArray(BinaryReader reader, Span<int> values)
    {
        RequireLength(reader, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt32();
        }
    }

    /// <summary>An array written by <see cref="WriteArray(BinaryWriter, ReadOnlySpan{int})"/>, at its own length.</summary>
    public static int[] ReadInts(BinaryReader reader)
    {
        var values = new int[ReadCount(reader)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }

    public static void WriteArray(BinaryWriter writer, ReadOnlySpan<bool> values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static void ReadArray(BinaryReader reader, Span<bool> values)
    {
        RequireLength(reader, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadBoolean();
        }
    }

    /// <summary>A count that cannot be negative or longer than what is left of the state.</summary>
    public static int ReadCount(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"a count of {count} in a state of {reader.BaseStream.Length} bytes");
        }

        return count;
    }

    private static void RequireLength(BinaryReader reader, int expected)
    {
        var length = reader.ReadInt32();
        if (length != expected)
        {
            throw new InvalidDataException($"an array of {length} values where the policy holds {expected}");
        }
    }
}
