using MecActors.Actors.Protocol;

namespace MecActors.Cli.Bench;

/// <summary>
/// How many messages one emulation run sends, derived from the protocol as written in src/Actors; the one
/// place this count is defined. N edges, U devices, S slots, E executed tasks (decided and not dropped at
/// decision time; they all travel device -> radio [-> fiber] -> edge -> device -> coordinator).
/// <list type="bullet">
/// <item>Per executed task: Execute (coordinator to device), Upload (device to its radio), TaskFinished (edge to
/// device), TaskReported (device to coordinator): 4E.</item>
/// <item>Per slot t = 1..S: BeginSlot and TaskGenerated for every device (2U); ReportStatus and
/// EdgeStatusReported for every edge (2N); PlaceModels of slot t+1 to every edge (N); SlotClosed to the client
/// (1); RecordSlot to the metrics actor when the slot's feedback is released (1, possibly a few slots later);
/// and one horizon wave.</item>
/// <item>Per horizon wave (slots 1..S and the final drain), with F fiber paths taking part (a path takes part
/// while a task routed through it is in flight; all N(N-1) when the driver does not track it): OpenWave to every
/// radio and edge (2N); FetchModels to the cloud (1); DownloadBatch to every backhaul (N); ModelBatch to every edge
/// (N); TransitBatch from each radio to its edge and to its paths taking part (N + F) and from each such path to its
/// edge (F); HorizonReached from N radios, F paths, N backhauls, N edges (3N + F). In all 8N + 1 + 3F.</item>
/// <item>Per run: StartRun (1), PlaceModels of slot 1 (N), Complete to the metrics actor (1), RunCompleted to the
/// client (1).</item>
/// </list>
/// Actor creation and stopping use system messages and are not counted. <see cref="MessageCountCheck"/> counts
/// the messages of a real run at the mailboxes and compares them with <see cref="Breakdown"/>, type by type.
/// </summary>
public static class ProtocolMessageCount
{
    /// <summary>
    /// Every message of a run of <paramref name="slots"/> slots; <paramref name="fiberPathWaves"/> is the run's
    /// <see cref="MecActors.Core.Metrics.PolicyRun.FiberPathWaves"/> (null: every path in every wave).
    /// </summary>
    public static long ForRun(int edges, int devices, int slots, long executedTasks, long? fiberPathWaves = null)
    {
        long total = 0;
        foreach (var count in Breakdown(edges, devices, slots, executedTasks, fiberPathWaves).Values)
        {
            total += count;
        }

        return total;
    }

    /// <summary>Every message of a run, by message type name.</summary>
    public static IReadOnlyDictionary<string, long> Breakdown(int edges, int devices, int slots, long executedTasks, long? fiberPathWaves = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(edges);
        ArgumentOutOfRangeException.ThrowIfNegative(devices);
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        ArgumentOutOfRangeException.ThrowIfNegative(executedTasks);
        long n = edges;
        long u = devices;
        long s = slots;
        var waves = s + 1;
        var paths = fiberPathWaves ?? n * (n - 1) * waves;
        ArgumentOutOfRangeException.ThrowIfNegative(paths);
        return new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            [nameof(RunCommands.StartRun)] = 1,
            [nameof(SlotCommands.PlaceModels)] = n * (s + 1),
            [nameof(SlotCommands.BeginSlot)] = u * s,
            [nameof(SlotEvents.TaskGenerated)] = u * s,
            [nameof(SlotCommands.ReportStatus)] = n * s,
            [nameof(SlotEvents.EdgeStatusReported)] = n * s,
            [nameof(TaskCommands.Execute)] = executedTasks,
            [nameof(TaskCommands.Upload)] = executedTasks,
            [nameof(TaskEvents.TaskFinished)] = executedTasks,
            [nameof(TaskEvents.TaskReported)] = executedTasks,
            [nameof(SlotCommands.OpenWave)] = 2 * n * waves,
            [nameof(SlotCommands.FetchModels)] = waves,
            [nameof(ModelCommands.DownloadBatch)] = n * waves,
            [nameof(ModelEvents.ModelBatch)] = n * waves,
            [nameof(TaskCommands.TransitBatch)] = n * waves + 2 * paths,
            [nameof(SlotEvents.HorizonReached)] = 3 * n * waves + paths,
            [nameof(SlotEvents.SlotClosed)] = s,
            [nameof(MetricsCommands.RecordSlot)] = s,
            [nameof(MetricsCommands.Complete)] = 1,
            [nameof(RunEvents.RunCompleted)] = 1,
        };
    }
}
