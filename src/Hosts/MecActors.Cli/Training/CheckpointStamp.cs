using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MecActors.Cli.Commands;

namespace MecActors.Cli.Training;

/// <summary>
/// What a checkpoint was trained on, in a sidecar <c>&lt;policy&gt;.mecnn.json</c> beside it: the policy, the SHA-256 of the
/// scenario file it was trained on (with "\r\n" read as "\n", so a checkout's line endings do not matter), the seed,
/// the training steps, and the SHA-256 of the checkpoint itself (so a stamp cannot vouch for other weights). A
/// scenario that includes other files is stamped by its own file only.
/// </summary>
internal sealed record CheckpointStamp(string Policy, string ScenarioSha256, int Seed, int Steps, string CheckpointSha256)
{
    public static string FileName(string policy) => Checkpoints.FileName(policy) + ".json";

    public static CheckpointStamp For(string policy, string scenarioSha256, int seed, int steps, byte[] checkpoint) =>
        new(policy, scenarioSha256, seed, steps, Sha256(checkpoint));

    /// <summary>The content hash of the scenario file at <paramref name="path"/>.</summary>
    /// <exception cref="BadInputException">The file cannot be read.</exception>
    public static string ScenarioHash(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read the scenario file {path}: {e.Message}");
        }

        return Sha256(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    /// <summary>Indented JSON with "\n" line endings and a final newline: the same stamp gives the same bytes.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("policy", Policy);
            json.WriteString("scenarioSha256", ScenarioSha256);
            json.WriteNumber("seed", Seed);
            json.WriteNumber("steps", Steps);
            json.WriteString("checkpointSha256", CheckpointSha256);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The stamp at <paramref name="path"/>, or null with the reason it cannot be used.</summary>
    public static CheckpointStamp? TryRead(string path, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            problem = null;
            return new CheckpointStamp(
                root.GetProperty("policy").GetString() ?? "",
                root.GetProperty("scenarioSha256").GetString() ?? "",
                root.GetProperty("seed").GetInt32(),
                root.GetProperty("steps").GetInt32(),
                root.GetProperty("checkpointSha256").GetString() ?? "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException
                                       or InvalidOperationException or FormatException)
        {
            problem = $"its stamp {path} cannot be read ({e.Message})";
            return null;
        }
    }

    /// <summary>
    /// Null when this stamp vouches for <paramref name="checkpoint"/> as <paramref name="policy"/> trained on this
    /// scenario and seed (for <paramref name="steps"/> steps, when a step count is asked for); otherwise why not.
    /// </summary>
    public string? Mismatch(string policy, string scenarioSha256, int seed, int? steps, byte[] checkpoint)
    {
        if (Policy != policy)
        {
            return $"it is stamped for {Policy}";
        }

        if (ScenarioSha256 != scenarioSha256)
        {
            return "the scenario file has changed since it was trained (content hash differs)";
        }

        if (Seed != seed)
        {
            return $"it was trained on seed {Seed}, not {seed}";
        }

        if (steps is { } asked && Steps != asked)
        {
            return $"it was trained for {Steps} steps, not --train-steps {asked}";
        }

        return CheckpointSha256 != Sha256(checkpoint) ? "the checkpoint's bytes differ from those its stamp names" : null;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
