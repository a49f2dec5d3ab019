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
/// <item>Per horizon wave (slots 1..S and the final drain): OpenWave to every radio and edge (2N); FetchModels to
/// the cloud (1); DownloadBatch to every backhaul (N); ModelBatch to every edge (N); TransitBatch from each radio to
/// its edge and to its N-1 fiber paths (N*N) and from each fiber path to its edge (N(N-1)); HorizonReached from
/// every resource: N radios, N(N-1) fibers, N backhauls, N edges (N*N + 2N). In all 3N^2 + 5N + 1.</item>
/// <item>Per run: StartRun (1), PlaceModels of slot 1 (N), Complete to the metrics actor (1), RunCompleted to the
/// client (1).</item>
/// </list>
/// Actor creation and stopping use system messages and are not counted. <see cref="MessageCountCheck"/> counts
/// the messages of a real run at the mailboxes and compares them with <see cref="Breakdown"/>, type by type.
/// </summary>
public static class ProtocolMessageCount
{
    /// <summary>Messages of one horizon wave: 3N^2 + 5N + 1.</summary>
    public static long Wave(int edges)
    {
        long n = edges;
        return 2 * n + 1 + n + n + (n * n + n * (n - 1)) + (n + n * (n - 1) + n + n);
    }

    /// <summary>
    /// Messages caused by one slot with <paramref name="executedTasks"/> executed tasks, its wave and its closing:
    /// 2U + 4E + 3N^2 + 8N + 3. A run of S slots sends the sum of these, plus <see cref="Fixed"/>.
    /// </summary>
    public static long PerSlot(int edges, int devices, long executedTasks) =>
        ForRun(edges, devices, 1, executedTasks) - ForRun(edges, devices, 0, 0);

    /// <summary>Messages of a run that does not depend on its slots: start, first placement, drain wave, completion.</summary>
    public static long Fixed(int edges) => ForRun(edges, 0, 0, 0);

    /// <summary>Every message of a run of <paramref name="slots"/> slots.</summary>
    public static long ForRun(int edges, int devices, int slots, long executedTasks)
    {
        long total = 0;
        foreach (var count in Breakdown(edges, devices, slots, executedTasks).Values)
        {
            total += count;
        }

        return total;
    }

    /// <summary>Every message of a run, by message type name.</summary>
    public static IReadOnlyDictionary<string, long> Breakdown(int edges, int devices, int slots, long executedTasks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(edges);
        ArgumentOutOfRangeException.ThrowIfNegative(devices);
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        ArgumentOutOfRangeException.ThrowIfNegative(executedTasks);
        long n = edges;
        long u = devices;
        long s = slots;
        var waves = s + 1;
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
            [nameof(TaskCommands.TransitBatch)] = (n * n + n * (n - 1)) * waves,
            [nameof(SlotEvents.HorizonReached)] = (n + n * (n - 1) + n + n) * waves,
            [nameof(SlotEvents.SlotClosed)] = s,
            [nameof(MetricsCommands.RecordSlot)] = s,
            [nameof(MetricsCommands.Complete)] = 1,
            [nameof(RunEvents.RunCompleted)] = 1,
        };
    }
}
