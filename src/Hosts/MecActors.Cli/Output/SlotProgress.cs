using System.Diagnostics;
using System.Globalization;
using MecActors.Core.Metrics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MecActors.Cli.Output;

/// <summary>Runs one policy's emulation, reporting each closed slot as (slot, slots).</summary>
internal delegate Task<PolicyRun> PolicyRunner(string policy, Action<int, int> onSlotClosed);

/// <summary>
/// Runs policies one after another and shows how many slots each has closed: a live Spectre progress bar per
/// policy on a terminal, otherwise one plain line per finished policy on stderr (CI logs, pipes, tests).
/// </summary>
internal static class SlotProgress
{
    public static Task<IReadOnlyList<PolicyRun>> RunAllAsync(
        CliConsole console, IReadOnlyList<string> policies, int slots, PolicyRunner run) =>
        console.IsTerminal ? RunWithBarsAsync(console, policies, slots, run) : RunWithLinesAsync(console, policies, slots, run);

    private static async Task<IReadOnlyList<PolicyRun>> RunWithBarsAsync(
        CliConsole console, IReadOnlyList<string> policies, int slots, PolicyRunner run)
    {
        var runs = new List<PolicyRun>(policies.Count);
        await console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new SlotsColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new ProgressTask[policies.Count];
                for (var i = 0; i < policies.Count; i++)
                {
                    bars[i] = context.AddTask(policies[i], autoStart: false, maxValue: slots);
                }

                for (var i = 0; i < policies.Count; i++)
                {
                    var bar = bars[i];
                    bar.StartTask();
                    runs.Add(await run(policies[i], (slot, _) => bar.Value = slot).ConfigureAwait(false));
                    bar.Value = slots;
                    bar.StopTask();
                }
            })
            .ConfigureAwait(false);
        return runs;
    }

    private static async Task<IReadOnlyList<PolicyRun>> RunWithLinesAsync(
        CliConsole console, IReadOnlyList<string> policies, int slots, PolicyRunner run)
    {
        var runs = new List<PolicyRun>(policies.Count);
        for (var i = 0; i < policies.Count; i++)
        {
            var closed = 0;
            var watch = Stopwatch.StartNew();
            runs.Add(await run(policies[i], (slot, _) => Volatile.Write(ref closed, slot)).ConfigureAwait(false));
            console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[{i + 1}/{policies.Count}] {policies[i]}: {Volatile.Read(ref closed)}/{slots} slots in {watch.Elapsed.TotalSeconds:F2} s"));
        }

        return runs;
    }

    /// <summary>"closed/total slots".</summary>
    private sealed class SlotsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0} slots"));
    }
}
