using System.Text;

namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Saves and restores network weights. Layout (little-endian): the ASCII magic "MECNN", an int32
/// format version, an int32 parameter count, then per parameter its name (length-prefixed UTF-8),
/// int32 rows, int32 columns and rows·columns doubles in column-major order. Loading matches the
/// file against an existing network parameter by parameter and refuses any mismatch, so weights
/// never land silently in the wrong layer.
/// </summary>
public static class ParameterFile
{
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "MECNN"u8.ToArray();

    public static void Save(string path, IEnumerable<Parameter> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        list.RequireUniqueNames(); // before creating the file, so a bad call leaves no empty file behind
        using var stream = File.Create(path);
        Save(stream, list);
    }

    /// <summary>Writes the parameters; the stream is left open.</summary>
    public static void Save(Stream stream, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        list.RequireUniqueNames();

        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(list.Count);
        foreach (var parameter in list)
        {
            writer.Write(parameter.Name);
            writer.Write(parameter.Rows);
            writer.Write(parameter.Columns);
            foreach (var value in DenseStorage.Of(parameter.Value))
            {
                writer.Write(value);
            }
        }
    }

    public static void Load(string path, IEnumerable<Parameter> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        Load(stream, parameters);
    }

    /// <summary>
    /// Overwrites the values of <paramref name="parameters"/> with the file's. Everything is read
    /// and checked before anything is written, so a rejected file leaves the network untouched.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a parameter file, has another format
    /// version, or its parameter count, a name or a shape differs from the network's.</exception>
    public static void Load(Stream stream, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        list.RequireUniqueNames();

        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var values = ReadAndCheck(reader, list);
            for (var i = 0; i < list.Count; i++)
            {
                values[i].CopyTo(DenseStorage.Of(list[i].Value), 0);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The parameter file ends before all parameters were read.", e);
        }
    }

    private static double[][] ReadAndCheck(BinaryReader reader, List<Parameter> network)
    {
        var magic = reader.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException(
                $"Not a parameter file: expected magic 'MECNN' but found '{Encoding.ASCII.GetString(magic)}'.");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException(
                $"Parameter file format version {version} is not supported (expected {FormatVersion}).");
        }

        var count = reader.ReadInt32();
        if (count != network.Count)
        {
            throw new InvalidDataException(
                $"The file holds {count} parameters but the network has {network.Count}.");
        }

        var values = new double[count][];
        for (var i = 0; i < count; i++)
        {
            var expected = network[i];
            var name = reader.ReadString();
            if (name != expected.Name)
            {
                throw new InvalidDataException(
                    $"Parameter {i} is named '{name}' in the file but '{expected.Name}' in the network.");
            }

            var rows = reader.ReadInt32();
            var columns = reader.ReadInt32();
            if (rows != expected.Rows || columns != expected.Columns)
            {
                throw new InvalidDataException(
                    $"Parameter '{name}' has shape {rows}x{columns} in the file but {expected.Shape} in the network.");
            }

            var data = new double[rows * columns];
            for (var j = 0; j < data.Length; j++)
            {
                data[j] = reader.ReadDouble();
            }

            values[i] = data;
        }

        return values;
    }
}
