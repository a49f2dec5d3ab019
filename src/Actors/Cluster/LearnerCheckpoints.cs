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
    /// Every 25 slots: a checkpoint of paper 000's A2C agent (its weights and Adam moments, 0.22 MB, 0.34-0.38 MB with
    /// the steps in flight when it learns online, and about 0.45 KB of decisions a slot) is 0.23-0.59 MB and took 4-30 ms
    /// to write on a shared 2-core machine, against a cluster slot of 2-8 ms. On 3 nodes, joint-caching's nine 500-slot
    /// runs (all but the first, which warms up) took 20.4 s with them against 18.4 s without: about a tenth more wall
    /// time, for which a lost learner decides at most 24 slots again live instead of every slot before the loss.
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
