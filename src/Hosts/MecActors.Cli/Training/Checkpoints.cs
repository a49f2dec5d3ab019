using MecActors.Cli.Commands;
using MecActors.Core.Decisions;
using MecActors.Policies;
using MecActors.Policies.Learning;

namespace MecActors.Cli.Training;

/// <summary>
/// Checkpoint files (<c>&lt;policy&gt;.mecnn</c>) as bytes: taken from an agent through
/// <see cref="ITrainablePolicy.Save"/> and put back through <see cref="ITrainablePolicy.Load"/>, by way of a
/// temporary file, so that a checkpoint written to disk and one kept in memory load identically.
/// </summary>
internal static class Checkpoints
{
    public const string Extension = ".mecnn";

    public static string FileName(string policy) => policy + Extension;

    public static byte[] Capture(ITrainablePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var temp = TempPath();
        try
        {
            policy.Save(temp);
            return File.ReadAllBytes(temp);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <exception cref="InvalidDataException">The bytes are not a checkpoint of this policy's network.</exception>
    public static void Apply(ITrainablePolicy policy, byte[] checkpoint)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var temp = TempPath();
        try
        {
            File.WriteAllBytes(temp, checkpoint);
            policy.Load(temp);
        }
        finally
        {
            File.Delete(temp);
        }
    }

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

        var trainable = Trainable(PolicyCatalog.Create(policy, system, seed));
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

    private static string TempPath() => Path.Combine(Path.GetTempPath(), $"mec-{Guid.NewGuid():N}{Extension}");
}
