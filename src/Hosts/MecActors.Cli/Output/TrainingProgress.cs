using System.Diagnostics;
using System.Globalization;
using MecActors.Cli.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MecActors.Cli.Output;

/// <summary>Trains one policy, reporting each closed slot as (slot, slots) and each update into the curve.</summary>
internal delegate Task<TrainingResult> TrainingRunner(string policy, TrainingCurve curve, Action<int, int> onSlotClosed);

/// <summary>
/// Trains policies one after another and shows their progress: a live Spectre bar per policy on a terminal
/// (steps done, steps/s, moving reward), otherwise a plain line on stderr at every tenth of the steps.
/// </summary>
internal static class TrainingProgress
{
    private const int Lines = 10;

    public static Task<IReadOnlyList<TrainingResult>> RunAllAsync(
        CliConsole console, IReadOnlyList<string> policies, int steps, TrainingRunner run) =>
        console.IsTerminal ? RunWithBarsAsync(console, policies, steps, run) : RunWithLinesAsync(console, policies, steps, run);

    private static async Task<IReadOnlyList<TrainingResult>> RunWithBarsAsync(
        CliConsole console, IReadOnlyList<string> policies, int steps, TrainingRunner run)
    {
        var results = new List<TrainingResult>(policies.Count);
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
                var bars = new ProgressTask[policies.Count];
                for (var i = 0; i < policies.Count; i++)
                {
                    bars[i] = context.AddTask(policies[i], autoStart: false, maxValue: steps);
                }

                for (var i = 0; i < policies.Count; i++)
                {
                    var bar = bars[i];
                    var curve = new TrainingCurve();
                    bar.Tag = curve;
                    bar.StartTask();
                    results.Add(await run(policies[i], curve, (slot, _) => bar.Value = slot).ConfigureAwait(false));
                    bar.Value = steps;
                    bar.StopTask();
                }
            })
            .ConfigureAwait(false);
        return results;
    }

    private static async Task<IReadOnlyList<TrainingResult>> RunWithLinesAsync(
        CliConsole console, IReadOnlyList<string> policies, int steps, TrainingRunner run)
    {
        var results = new List<TrainingResult>(policies.Count);
        for (var i = 0; i < policies.Count; i++)
        {
            var prefix = $"[train {i + 1}/{policies.Count}] {policies[i]}";
            var curve = new TrainingCurve();
            var watch = Stopwatch.StartNew();
            var reported = 0;
            results.Add(await run(
                    policies[i],
                    curve,
                    (slot, _) =>
                    {
                        var tenth = (int)((long)slot * Lines / steps);
                        if (tenth > reported)
                        {
                            reported = tenth;
                            console.Error.WriteLine(Line(prefix, slot, steps, watch.Elapsed, curve.MovingAverage));
                        }
                    })
                .ConfigureAwait(false));
        }

        return results;
    }

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
