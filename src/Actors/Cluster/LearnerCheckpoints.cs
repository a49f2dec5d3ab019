using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Cluster;

/// <summary>
/// Where a cluster run's <see cref="RunCheckpoint"/> lives between learning coordinators: one file per run in a
/// directory every node of the machine can read, written with the wire serializer (every node runs the same build)
/// to a temporary file and renamed over the last one, so a reader finds the previous checkpoint or the next, never
/// half of one.
/// </summary>
public static class LearnerCheckpoints
{
    /// <summary>
    /// Every 25 slots: a paper 000 checkpoint (the A2C agent's weights and Adam moments, about 0.5 MB, and the decisions
    /// so far) takes milliseconds to write, 20 in a 500-slot run, while a lost learner then decides at most 24 slots
    /// again live; the slots before the checkpoint are emulated again without the policies, which costs little.
    /// </summary>
    public const int DefaultEvery = 25;

    public const string FileName = "learner.checkpoint";

    /// <summary>The default root of the runs' directories, under the system's temporary directory.</summary>
    public static string DefaultRoot => Path.Combine(Path.GetTempPath(), "mec-learner-checkpoints");

    /// <summary>The directory of run <paramref name="runId"/> under <paramref name="root"/>, removed when the run ends.</summary>
    public static string RunDirectory(string root, string runId) => Path.Combine(root, runId);

    public static void Write(ActorSystem system, string file, RunCheckpoint checkpoint)
    {
        var bytes = Serializer(system).ToBinary(checkpoint);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var temp = $"{file}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, file, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The run's last checkpoint, or null when none was written.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint.</exception>
    public static RunCheckpoint? Read(ActorSystem system, string file)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            return Serializer(system).FromBinary(File.ReadAllBytes(file), typeof(RunCheckpoint)) as RunCheckpoint
                ?? throw new InvalidDataException($"{file} holds no run checkpoint");
        }
        catch (Exception e) when (e is not InvalidDataException and not IOException)
        {
            throw new InvalidDataException($"{file} is not a run checkpoint: {e.Message}", e);
        }
    }

    /// <summary>The serializer the protocol's messages travel with (Hyperion).</summary>
    private static Akka.Serialization.Serializer Serializer(ActorSystem system) =>
        system.Serialization.FindSerializerForType(typeof(IMecMessage));
}
