using System.Text.Json;
using MecActors.Cli.Commands;

namespace MecActors.Cli.Experiments;

/// <summary>
/// Everything that decides a sweep's results, kept as <c>sweep.json</c> in its output directory so that
/// <c>mec sweep --resume DIR</c> continues the same sweep (the parallelism is left out: results do not depend on it).
/// </summary>
internal sealed record SweepDefinition(
    string ScenarioPath,
    string ScenarioSha256,
    IReadOnlyList<SweepAxis> Axes,
    int Episodes,
    IReadOnlyList<int>? Seeds,
    int? Slots,
    int? TrainSteps,
    IReadOnlyList<string>? Front,
    string? FaultsPath = null,
    string? FaultsSha256 = null)
{
    public const string FileName = "sweep.json";

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("scenario", ScenarioPath);
            json.WriteString("scenarioSha256", ScenarioSha256);
            json.WriteStartArray("set");
            foreach (var axis in Axes)
            {
                json.WriteStartObject();
                json.WriteString("key", axis.Key);
                json.WriteStartArray("values");
                foreach (var value in axis.Values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("episodes", Episodes);
            WriteOptionalInts(json, "seeds", Seeds);
            WriteOptional(json, "slots", Slots);
            WriteOptional(json, "trainSteps", TrainSteps);
            if (Front is null)
            {
                json.WriteNull("front");
            }
            else
            {
                json.WriteStartArray("front");
                foreach (var metric in Front)
                {
                    json.WriteStringValue(metric);
                }

                json.WriteEndArray();
            }

            // Only a sweep under a fault plan names one, so every other sweep.json keeps its bytes.
            if (FaultsPath is not null)
            {
                json.WriteString("faults", FaultsPath);
                json.WriteString("faultsSha256", FaultsSha256);
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <exception cref="BadInputException">DIR holds no readable sweep definition.</exception>
    public static SweepDefinition Read(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (!File.Exists(path))
        {
            throw new BadInputException($"--resume: {dir} holds no {FileName}; it is not a sweep's output directory");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new SweepDefinition(
                root.GetProperty("scenario").GetString()!,
                root.GetProperty("scenarioSha256").GetString()!,
                root.GetProperty("set").EnumerateArray()
                    .Select(a => new SweepAxis(
                        a.GetProperty("key").GetString()!, a.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList()))
                    .ToList(),
                root.GetProperty("episodes").GetInt32(),
                root.GetProperty("seeds") is { ValueKind: JsonValueKind.Array } seeds ? seeds.EnumerateArray().Select(s => s.GetInt32()).ToList() : null,
                OptionalInt(root.GetProperty("slots")),
                OptionalInt(root.GetProperty("trainSteps")),
                root.GetProperty("front") is { ValueKind: JsonValueKind.Array } front ? front.EnumerateArray().Select(m => m.GetString()!).ToList() : null,
                root.TryGetProperty("faults", out var faults) ? faults.GetString() : null,
                root.TryGetProperty("faultsSha256", out var faultsSha) ? faultsSha.GetString() : null);
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new BadInputException($"--resume: {path} cannot be read: {e.Message}");
        }
    }

    private static int? OptionalInt(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetInt32();

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteOptionalInts(Utf8JsonWriter json, string name, IReadOnlyList<int>? values)
    {
        if (values is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }
}
