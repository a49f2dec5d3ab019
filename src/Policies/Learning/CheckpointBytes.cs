namespace MecActors.Policies.Learning;

/// <summary>
/// A learning policy's parameters as bytes, taken through <see cref="ITrainablePolicy.Save"/> and put back through
/// <see cref="ITrainablePolicy.Load"/> by way of a temporary file, so that a checkpoint on disk, one kept in
/// memory and one sent to another node all load identically.
/// </summary>
public static class CheckpointBytes
{
    public const string Extension = ".mecnn";

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

    private static string TempPath() => Path.Combine(Path.GetTempPath(), $"mec-{Guid.NewGuid():N}{Extension}");
}
