using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using MecActors.Actors;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;
using MecActors.Policies;
using MecActors.Policies.Learning.JointA2C;

namespace MecActors.Cli.Training;

/// <summary>What one training run produced.</summary>
/// <param name="Run">The task records of the training run (actions sampled while learning).</param>
/// <param name="Updates">One row per parameter update, in order.</param>
/// <param name="Checkpoint">The trained weights, as a <c>.mecnn</c> file's bytes.</param>
/// <param name="Wall">Wall time of the emulation.</param>
/// <param name="Network">Wall time spent inside the offloading policy (forward passes and updates).</param>
internal sealed record TrainingResult(
    string Policy,
    int Steps,
    PolicyRun Run,
    IReadOnlyList<TrainingRow> Updates,
    byte[] Checkpoint,
    TimeSpan Wall,
    TimeSpan Network)
{
    /// <summary>The rest of the wall time: the actors moving tasks, downloads and results, and the caching policy.</summary>
    public TimeSpan Actors => Wall > Network ? Wall - Network : TimeSpan.Zero;

    public double StepsPerSecond => Wall > TimeSpan.Zero ? Steps / Wall.TotalSeconds : 0.0;

    /// <summary>"policy: N steps, wall time x.x s, y.y steps/s, K updates, moving reward r".</summary>
    public string Describe()
    {
        var reward = Updates.Count == 0 ? "n/a" : Updates[^1].MovingAverage.ToString("F4", CultureInfo.InvariantCulture);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Policy}: {Steps} steps, wall time {Wall.TotalSeconds:F1} s, {StepsPerSecond:F1} steps/s, " +
            $"{Updates.Count} updates, moving reward {reward}");
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
/// from the coordinator's feedback, and its weights are taken as a checkpoint at the end.
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
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var set = PolicyCatalog.Create(policy, system, seed);
        var trainable = Checkpoints.Trainable(set);
        trainable.Training = true;
        var timed = new TimedOffloadingPolicy(trainable);
        Action<TrainingPoint> onUpdate = curve.Add;
        trainable.Updated += onUpdate;
        PolicyRun run;
        var watch = Stopwatch.StartNew();
        try
        {
            run = await EmulationRunner
                .RunAsync(actorSystem, system, set with { Offloading = timed }, steps, seed, onSlotClosed)
                .WaitAsync(cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            trainable.Updated -= onUpdate;
        }

        watch.Stop();
        return new TrainingResult(
            policy, steps, run, curve.Snapshot(), Checkpoints.Capture(trainable), watch.Elapsed, timed.Elapsed);
    }
}
