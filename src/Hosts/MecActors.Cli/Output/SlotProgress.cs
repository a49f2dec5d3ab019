using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MecActors.Cli.Output;

/// <summary>Runs evaluation job <c>index</c>, reporting each closed slot as (slot, slots).</summary>
internal delegate Task<T> EvaluationRunner<T>(int index, Action<int, int> onSlotClosed);

/// <summary>One evaluation job of the progress display: its label and the policy it counts towards.</summary>
internal sealed record EvaluationJob(string Label, string Policy);

/// <summary>
/// Runs evaluation jobs, <c>parallel</c> at a time in the order given, and shows how many slots they have closed: on a
/// terminal a live Spectre bar per policy (all its jobs' slots), otherwise one plain line per finished job on stderr,
/// printed in the jobs' order (CI logs, pipes, tests). The results come back in the jobs' order.
/// </summary>
internal static class SlotProgress
{
    public static Task<T[]> RunAllAsync<T>(
        CliConsole console, IReadOnlyList<EvaluationJob> jobs, int slots, int parallel, EvaluationRunner<T> run, CancellationToken cancellationToken) =>
        console.IsTerminal
            ? RunWithBarsAsync(console, jobs, slots, parallel, run, cancellationToken)
            : RunWithLinesAsync(console, jobs, slots, parallel, run, cancellationToken);

    private static async Task<T[]> RunWithBarsAsync<T>(
        CliConsole console, IReadOnlyList<EvaluationJob> jobs, int slots, int parallel, EvaluationRunner<T> run, CancellationToken cancellationToken)
    {
        T[] results = [];
        var policies = jobs.Select(j => j.Policy).Distinct(StringComparer.Ordinal).ToList();
        await console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new SlotsColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = policies.ToDictionary(
                    p => p,
                    p => context.AddTask(p, autoStart: false, maxValue: (double)slots * jobs.Count(j => j.Policy == p)),
                    StringComparer.Ordinal);
                var closed = policies.ToDictionary(p => p, _ => new StrongBox<long>(), StringComparer.Ordinal);
                results = await Experiments.Concurrently.RunAsync(
                        jobs.Count,
                        parallel,
                        async i =>
                        {
                            var bar = bars[jobs[i].Policy];
                            var total = closed[jobs[i].Policy];
                            if (!bar.IsStarted)
                            {
                                bar.StartTask();
                            }

                            var last = 0;
                            var result = await run(i, (slot, _) =>
                            {
                                bar.Value = Interlocked.Add(ref total.Value, slot - last);
                                last = slot;
                            }).ConfigureAwait(false);
                            bar.Value = Interlocked.Add(ref total.Value, slots - last);
                            if (bar.Value >= bar.MaxValue)
                            {
                                bar.StopTask();
                            }

                            return result;
                        },
                        cancellationToken)
                    .ConfigureAwait(false);
            })
            .ConfigureAwait(false);
        return results;
    }

    private static async Task<T[]> RunWithLinesAsync<T>(
        CliConsole console, IReadOnlyList<EvaluationJob> jobs, int slots, int parallel, EvaluationRunner<T> run, CancellationToken cancellationToken)
    {
        var lines = new string?[jobs.Count];
        var printed = 0;
        var gate = new Lock();
        return await Experiments.Concurrently.RunAsync(
                jobs.Count,
                parallel,
                async i =>
                {
                    var closed = 0;
                    var watch = Stopwatch.StartNew();
                    var result = await run(i, (slot, _) => Volatile.Write(ref closed, slot)).ConfigureAwait(false);
                    lock (gate)
                    {
                        lines[i] = string.Create(
                            CultureInfo.InvariantCulture,
                            $"[{i + 1}/{jobs.Count}] {jobs[i].Label}: {Volatile.Read(ref closed)}/{slots} slots in {watch.Elapsed.TotalSeconds:F2} s");

                        // In the jobs' order: a line waits for every earlier job's.
                        for (; printed < jobs.Count && lines[printed] is { } line; printed++)
                        {
                            console.Error.WriteLine(line);
                        }
                    }

                    return result;
                },
                cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>"closed/total slots".</summary>
    private sealed class SlotsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0} slots"));
    }
}
