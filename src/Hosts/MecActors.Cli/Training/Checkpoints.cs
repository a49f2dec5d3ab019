using MecActors.Cli.Commands;
using MecActors.Core.Decisions;
using MecActors.Policies;
using MecActors.Policies.Learning;

namespace MecActors.Cli.Training;

/// <summary>
/// Checkpoint files (<c>&lt;policy&gt;.mecnn</c>): their names, reading and checking them against a policy, and
/// their bytes (<see cref="CheckpointBytes"/>).
/// </summary>
internal static class Checkpoints
{
    public const string Extension = CheckpointBytes.Extension;

    public static string FileName(string policy) => policy + Extension;

    public static byte[] Capture(ITrainablePolicy policy) => CheckpointBytes.Capture(policy);

    /// <exception cref="InvalidDataException">The bytes are not a checkpoint of this policy's network.</exception>
    public static void Apply(ITrainablePolicy policy, byte[] checkpoint) => CheckpointBytes.Apply(policy, checkpoint);

    /// <summary>
    /// Reads the checkpoint at <paramref name="path"/> and checks that it loads into <paramref name="policy"/>
    /// as created for <paramref name="system"/>.
    /// </summary>
    /// <exception cref="BadInputException">The file cannot be read or is not a checkpoint of that network.</exception>
    public static byte[] Read(string path, string policy, SystemView system, int seed)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"--checkpoints: cannot read {path}: {e.Message}");
        }

        var trainable = Trainable(PolicyCatalog.All.Create(policy, system, seed));
        try
        {
            Apply(trainable, bytes);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new BadInputException($"--checkpoints: {path} is not a usable {policy} checkpoint for this scenario: {e.Message}");
        }

        return bytes;
    }

    public static ITrainablePolicy Trainable(PolicySet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Offloading as ITrainablePolicy
            ?? throw new InvalidOperationException($"the offloading policy of {set.Name} does not learn");
    }
}
