using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using MecActors.Actors;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;
using MecActors.Policies;
using MecActors.Policies.Learning;

namespace MecActors.Cli.Training;

/// <summary>What one training run produced.</summary>
/// <param name="Run">The task records of the last training episode (actions sampled while learning).</param>
/// <param name="Metrics">The columns the policy reports at each update.</param>
/// <param name="Updates">One row per parameter update, in order.</param>
/// <param name="Checkpoint">The trained weights, as a <c>.mecnn</c> file's bytes.</param>
/// <param name="Wall">Wall time of the emulation.</param>
/// <param name="Network">Wall time spent inside the offloading policy (forward passes and updates).</param>
internal sealed record TrainingResult(
    string Policy,
    int Steps,
    PolicyRun Run,
    TrainingMetrics Metrics,
    IReadOnlyList<TrainingRow> Updates,
    byte[] Checkpoint,
    TimeSpan Wall,
    TimeSpan Network)
{
    /// <summary>The rest of the wall time: the actors moving tasks, downloads and results, and the caching policy.</summary>
    public TimeSpan Actors => Wall > Network ? Wall - Network : TimeSpan.Zero;

    public double StepsPerSecond => Wall > TimeSpan.Zero ? Steps / Wall.TotalSeconds : 0.0;

    /// <summary>"policy: N steps, wall time x.x s, y.y steps/s, K updates, moving reward r" (the followed metric's moving average).</summary>
    public string Describe()
    {
        var moving = Updates.Count == 0 ? "n/a" : Updates[^1].MovingAverage.ToString("F4", CultureInfo.InvariantCulture);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Policy}: {Steps} steps, wall time {Wall.TotalSeconds:F1} s, {StepsPerSecond:F1} steps/s, " +
            $"{Updates.Count} updates, moving {Metrics.Followed} {moving}");
    }

    /// <summary>"network x.x s (p%), actors y.y s (q%)".</summary>
    public string DescribeTimeSplit()
    {
        var wall = Wall.TotalSeconds;
        var networkShare = wall > 0 ? 100.0 * Network.TotalSeconds / wall : 0.0;
        var actorsShare = wall > 0 ? 100.0 * Actors.TotalSeconds / wall : 0.0;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"network {Network.TotalSeconds:F1} s ({networkShare:F1}%), actors {Actors.TotalSeconds:F1} s ({actorsShare:F1}%)");
    }
}

/// <summary>
/// Trains a learning policy set in the actor emulation: one training step is one slot, the agent learns online
/// from the coordinator's feedback, and its weights are taken as a checkpoint at the end. Training runs in
/// episodes as long as the scenario's evaluation (its <c>slots</c>), each a fresh workload (episodes 1, 2, ...)
/// on the network the seed places; evaluation then runs episode 0, a workload the agent never saw, from the
/// same cold start every episode began with. Training may start from another run's checkpoint (transfer learning).
/// </summary>
internal static class Trainer
{
    public static async Task<TrainingResult> TrainAsync(
        ActorSystem actorSystem,
        SystemView system,
        string policy,
        int steps,
        int seed,
        TrainingCurve curve,
        Action<int, int>? onSlotClosed,
        CancellationToken cancellationToken,
        byte[]? initialCheckpoint = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var set = PolicyCatalog.All.Create(policy, system, seed);
        var trainable = Checkpoints.Trainable(set);
        if (initialCheckpoint is not null)
        {
            Checkpoints.Apply(trainable, initialCheckpoint);
        }

        trainable.Training = true;
        var timed = new TimedOffloadingPolicy(trainable);
        var episodeSlots = Math.Max(1, system.Scenario.Slots);
        var done = 0;
        Action<TrainingPoint> onUpdate = point => curve.Add(point with { Slot = point.Slot + done });
        trainable.Updated += onUpdate;
        PolicyRun? run = null;
        var watch = Stopwatch.StartNew();
        try
        {
            for (var episode = 1; done < steps; episode++)
            {
                var slots = Math.Min(episodeSlots, steps - done);
                var episodeSystem = new SystemView(system.Scenario with { Episode = episode });
                var offset = done;
                run = await EmulationRunner
                    .RunAsync(actorSystem, episodeSystem, set with { Offloading = timed }, slots, seed, (slot, _) => onSlotClosed?.Invoke(offset + slot, steps))
                    .WaitAsync(cancellationToken)
                    .ConfigureAwait(false);
                done += slots;
            }
        }
        finally
        {
            trainable.Updated -= onUpdate;
        }

        watch.Stop();
        return new TrainingResult(
            policy, steps, run!, trainable.Metrics, curve.Snapshot(), Checkpoints.Capture(trainable), watch.Elapsed, timed.Elapsed);
    }
}
