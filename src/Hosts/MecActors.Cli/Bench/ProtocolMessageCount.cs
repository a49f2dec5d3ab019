using MecActors.Actors.Protocol;
using MecActors.Core.Metrics;

namespace MecActors.Cli.Bench;

/// <summary>
/// How many messages one emulation run sends, derived from the protocol as written in src/Actors; the one
/// place this count is defined. N edges, U devices, S slots, E executed tasks (decided and not dropped at
/// decision time).
/// <list type="bullet">
/// <item>Per executed task: Execute (coordinator to device), Enter (device to the first resource of its route),
/// TaskFinished (last resource to device), TaskReported (device to coordinator): 4E.</item>
/// <item>Per slot t = 1..S: BeginSlot and TaskGenerated for every device (2U); ReportStatus and
/// EdgeStatusReported for every edge (2N); PlaceModels of slot t+1 to every edge (N); SlotClosed to the client
/// (1); RecordSlot to the metrics actor when the slot's feedback is released (1, possibly a few slots later);
/// and one horizon wave.</item>
/// <item>Per horizon wave (slots 1..S and the final drain), as the run's <see cref="WaveTraffic"/> counts them: an
/// OpenWave to every resource taking part (those on links of routes in flight), per pass a TransitBatch on every
/// active link and a HorizonReached from every resource taking part; a cyclic wave adds a NextPass to every resource
/// for each pass after the first and a CommitWave to every resource.</item>
/// <item>Per run: StartRun (1), PlaceModels of slot 1 (N), Complete to the metrics actor (1), RunCompleted to the
/// client (1).</item>
/// </list>
/// Actor creation and stopping use system messages and are not counted. <see cref="MessageCountCheck"/> counts
/// the messages of a real run at the mailboxes and compares them with <see cref="Breakdown"/>, type by type.
/// </summary>
public static class ProtocolMessageCount
{
    /// <summary>Every message of a run of <paramref name="slots"/> slots whose waves sent <paramref name="waves"/>.</summary>
    public static long ForRun(int edges, int devices, int slots, long executedTasks, WaveTraffic waves)
    {
        long total = 0;
        foreach (var count in Breakdown(edges, devices, slots, executedTasks, waves).Values)
        {
            total += count;
        }

        return total;
    }

    /// <summary>Every message of a run, by message type name.</summary>
    public static IReadOnlyDictionary<string, long> Breakdown(int edges, int devices, int slots, long executedTasks, WaveTraffic? waves)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(edges);
        ArgumentOutOfRangeException.ThrowIfNegative(devices);
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        ArgumentOutOfRangeException.ThrowIfNegative(executedTasks);
        ArgumentNullException.ThrowIfNull(waves);
        long n = edges;
        long u = devices;
        long s = slots;
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            [nameof(RunCommands.StartRun)] = 1,
            [nameof(SlotCommands.PlaceModels)] = n * (s + 1),
            [nameof(SlotCommands.BeginSlot)] = u * s,
            [nameof(SlotEvents.TaskGenerated)] = u * s,
            [nameof(SlotCommands.ReportStatus)] = n * s,
            [nameof(SlotEvents.EdgeStatusReported)] = n * s,
            [nameof(TaskCommands.Execute)] = executedTasks,
            [nameof(TaskCommands.Enter)] = executedTasks,
            [nameof(TaskEvents.TaskFinished)] = executedTasks,
            [nameof(TaskEvents.TaskReported)] = executedTasks,
            [nameof(SlotCommands.OpenWave)] = waves.OpenWaves,
            [nameof(TaskCommands.TransitBatch)] = waves.Batches,
            [nameof(SlotEvents.HorizonReached)] = waves.Horizons,
            [nameof(SlotEvents.SlotClosed)] = s,
            [nameof(MetricsCommands.RecordSlot)] = s,
            [nameof(MetricsCommands.Complete)] = 1,
            [nameof(RunEvents.RunCompleted)] = 1,
        };
        if (waves.NextPasses > 0)
        {
            counts[nameof(SlotCommands.NextPass)] = waves.NextPasses;
        }

        if (waves.Commits > 0)
        {
            counts[nameof(SlotCommands.CommitWave)] = waves.Commits;
        }

        return counts;
    }
}
