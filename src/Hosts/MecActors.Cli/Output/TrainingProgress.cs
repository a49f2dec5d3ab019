using System.Diagnostics;
using System.Globalization;
using MecActors.Cli.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MecActors.Cli.Output;

/// <summary>Runs training job <c>index</c>, reporting each closed slot as (slot, slots) and each update into the curve.</summary>
internal delegate Task<TrainingResult> TrainingRunner(int index, TrainingCurve curve, Action<int, int> onSlotClosed);

/// <summary>
/// Runs training jobs (a policy, on a seed), <c>parallel</c> at a time in the order given, and shows their progress: a
/// live Spectre bar per job on a terminal (steps done, steps/s, moving reward), otherwise a plain line on stderr at
/// every tenth of each job's steps. The results come back in the jobs' order.
/// </summary>
internal static class TrainingProgress
{
    private const int Lines = 10;

    /// <param name="labels">One label per job, e.g. its policy.</param>
    public static Task<TrainingResult[]> RunAllAsync(
        CliConsole console, IReadOnlyList<string> labels, int steps, int parallel, TrainingRunner run, CancellationToken cancellationToken) =>
        console.IsTerminal
            ? RunWithBarsAsync(console, labels, steps, parallel, run, cancellationToken)
            : RunWithLinesAsync(console, labels, steps, parallel, run, cancellationToken);

    private static async Task<TrainingResult[]> RunWithBarsAsync(
        CliConsole console, IReadOnlyList<string> labels, int steps, int parallel, TrainingRunner run, CancellationToken cancellationToken)
    {
        TrainingResult[] results = [];
        await console.Ansi.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn { Width = 24 },
                new StepsColumn(),
                new StepsPerSecondColumn(),
                new RewardColumn(),
                new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new ProgressTask[labels.Count];
                for (var i = 0; i < labels.Count; i++)
                {
                    bars[i] = context.AddTask(labels[i], autoStart: false, maxValue: steps);
                }

                results = await Experiments.Concurrently.RunAsync(
                        labels.Count,
                        parallel,
                        async i =>
                        {
                            var bar = bars[i];
                            var curve = new TrainingCurve();
                            bar.Tag = curve;
                            bar.StartTask();
                            var result = await run(i, curve, (slot, _) => bar.Value = slot).ConfigureAwait(false);
                            bar.Value = steps;
                            bar.StopTask();
                            return result;
                        },
                        cancellationToken)
                    .ConfigureAwait(false);
            })
            .ConfigureAwait(false);
        return results;
    }

    private static Task<TrainingResult[]> RunWithLinesAsync(
        CliConsole console, IReadOnlyList<string> labels, int steps, int parallel, TrainingRunner run, CancellationToken cancellationToken) =>
        Experiments.Concurrently.RunAsync(
            labels.Count,
            parallel,
            i =>
            {
                var prefix = $"[train {i + 1}/{labels.Count}] {labels[i]}";
                var curve = new TrainingCurve();
                var watch = Stopwatch.StartNew();
                var reported = 0;
                return run(
                    i,
                    curve,
                    (slot, _) =>
                    {
                        var tenth = (int)((long)slot * Lines / steps);
                        if (tenth > reported)
                        {
                            reported = tenth;
                            console.Error.WriteLine(Line(prefix, slot, steps, watch.Elapsed, curve.MovingAverage));
                        }
                    });
            },
            cancellationToken);

    private static string Line(string prefix, int slot, int steps, TimeSpan elapsed, double? reward)
    {
        var speed = elapsed > TimeSpan.Zero ? slot / elapsed.TotalSeconds : 0.0;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{prefix}: {slot}/{steps} steps, {speed:F1} steps/s, moving reward {Reward(reward)}, {elapsed.TotalSeconds:F1} s");
    }

    private static string Reward(double? reward) =>
        reward is { } r ? r.ToString("F4", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>"done/total steps".</summary>
    private sealed class StepsColumn : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0} steps"));
    }

    /// <summary>"x.x steps/s" over the whole run so far.</summary>
    private sealed class StepsPerSecondColumn : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var elapsed = task.ElapsedTime ?? TimeSpan.Zero;
            var speed = elapsed > TimeSpan.Zero ? task.Value / elapsed.TotalSeconds : 0.0;
            return new Text(string.Create(CultureInfo.InvariantCulture, $"{speed:F1} steps/s"));
        }
    }

    /// <summary>"reward r": the moving average of the update rewards.</summary>
    private sealed class RewardColumn : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text("reward " + Reward((task.Tag as TrainingCurve)?.MovingAverage));
    }
}
