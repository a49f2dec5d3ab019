using MecActors.Cli.Output;
using MecActors.Core.Decisions;

namespace MecActors.Cli.Training;

/// <summary>
/// The trained checkpoints shipped with a scenario: <c>config/checkpoints/&lt;scenario file name&gt;/&lt;policy&gt;.mecnn</c>
/// for <c>config/scenarios/&lt;scenario file name&gt;.conf</c>, each with its <see cref="CheckpointStamp"/>
/// (<c>scripts/train-checkpoints.sh</c> makes them). One is used only when its stamp matches the scenario file's
/// content, the seed and, when <c>--train-steps</c> is given, the step count.
/// </summary>
internal sealed record ShippedCheckpoints(string Directory, string ScenarioSha256)
{
    /// <summary>Where the checkpoints of the scenario file at <paramref name="scenarioPath"/> would be shipped.</summary>
    public static ShippedCheckpoints For(string scenarioPath)
    {
        var scenarioDir = Path.GetDirectoryName(Path.GetFullPath(scenarioPath))!;
        var directory = Path.Combine(Path.GetDirectoryName(scenarioDir) ?? scenarioDir, "checkpoints", Path.GetFileNameWithoutExtension(scenarioPath));
        return new ShippedCheckpoints(directory, CheckpointStamp.ScenarioHash(scenarioPath));
    }

    /// <summary>
    /// The shipped checkpoint of <paramref name="policy"/> if its stamp matches (said on stderr); null if there is none,
    /// or if it does not match (with a warning naming why).
    /// </summary>
    public byte[]? Find(CliConsole console, string policy, SystemView system, int seed, int? steps)
    {
        var path = Path.Combine(Directory, Checkpoints.FileName(policy));
        if (!File.Exists(path))
        {
            return null;
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        var stampPath = Path.Combine(Directory, CheckpointStamp.FileName(policy));
        string? problem = $"it has no stamp {CheckpointStamp.FileName(policy)}";
        var stamp = File.Exists(stampPath) ? CheckpointStamp.TryRead(stampPath, out problem) : null;
        var bytes = stamp is null ? null : File.ReadAllBytes(path);
        problem = stamp is null ? problem : stamp.Mismatch(policy, ScenarioSha256, seed, steps, bytes!);
        if (problem is not null)
        {
            console.Error.WriteLine($"warning: ignoring the shipped checkpoint {relative}: {problem}");
            return null;
        }

        var checkedBytes = Checkpoints.Read(path, policy, system, seed);
        console.Error.WriteLine($"{policy}: using the shipped checkpoint {relative} (seed {stamp!.Seed}, {stamp.Steps} steps)");
        return checkedBytes;
    }
}
