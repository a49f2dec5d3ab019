using System.Diagnostics;
using System.Runtime;
using Akka.Actor;
using MecActors.Core.Network;
using MecActors.Core.Scenarios;

namespace MecActors.Cli.Bench;

/// <summary>The settings of <c>mec bench --scale</c>.</summary>
/// <param name="CheckSlots">Slots of the untimed message-count check at full scale (0: no check).</param>
internal sealed record ScaleSettings(string ScenarioPath, string Policy, int Devices, int Edges, int Slots, int Repeat, int CheckSlots)
{
    public const int DefaultDevices = 10_000;
    public const int DefaultEdges = 100;

    /// <summary>Default slots of the timed run; small enough that the whole measurement stays within a few minutes on 2 cores.</summary>
    public const int DefaultSlots = 20;

    public const int DefaultCheckSlots = 2;

    /// <summary>The slot rate the project aims at with 10,000 devices in one process.</summary>
    public const double GoalSlotsPerSecond = 20;
}

/// <summary>
/// The single-process half of the scale benchmark: the scenario scaled to U devices and N edges
/// (<see cref="ScaleScenario"/>), in one actor system a warm-up setup run, then <c>repeat</c> rounds of emulator
/// run, emulator setup run, reference model and raw Akka fan-out of the same message count; memory is sampled
/// while the emulator runs. The message formula is then checked at the mailboxes on a short run at full scale.
/// </summary>
internal sealed class ScaleSuite(ScenarioSpec scenario, ScaleSettings settings, int seed, BenchAkkaConfig akka, TextWriter progress)
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(50);

    public ScaleResult Run()
    {
        var sized = ScaleScenario.Build(scenario, settings.Devices, settings.Edges);
        var warnings = new List<string>();
        if (scenario.Topology.Kind == TopologyKind.Adjacency)
        {
            warnings.Add("the scenario's adjacency list covers its own edges only; the scaled scenario uses a ring");
        }

        Timing.Settle();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        using var sampler = new MemorySampler(SampleEvery);

        var runs = new List<EmulatorRun>();
        var setups = new List<EmulatorRun>();
        var references = new List<ReferenceRun>();
        var raws = new List<RawRun>();
        long allocatedInRuns = 0;
        var pausedInRuns = TimeSpan.Zero;
        int rounds;
        var actorSystem = ActorSystem.Create("mec-bench-scale", akka.Config);
        try
        {
            var emulator = new EmulatorBenchmark(actorSystem, sized, settings.Policy, seed);
            var reference = new ReferenceBenchmark(sized, settings.Policy, seed);

            progress.WriteLine($"U = {settings.Devices}, N = {settings.Edges}: warm-up (setup run of 0 slots)");
            emulator.Run(0);
            for (var r = 1; r <= settings.Repeat; r++)
            {
                progress.WriteLine($"U = {settings.Devices}, N = {settings.Edges}: repeat {r}/{settings.Repeat}, emulator {settings.Slots} slots");
                var allocated = GC.GetTotalAllocatedBytes(precise: false);
                var paused = GC.GetTotalPauseDuration();
                sampler.Active = true;
                runs.Add(emulator.Run(settings.Slots));
                sampler.Active = false;
                allocatedInRuns += GC.GetTotalAllocatedBytes(precise: false) - allocated;
                pausedInRuns += GC.GetTotalPauseDuration() - paused;
                sampler.Active = true;
                setups.Add(emulator.Run(0));
                sampler.Active = false;
                progress.WriteLine($"U = {settings.Devices}, N = {settings.Edges}: repeat {r}/{settings.Repeat}, reference model");
                references.Add(reference.Run(settings.Slots));
            }

            var peakAfterEmulator = PeakWorkingSet();
            using (var raw = new RawAkkaFanOut(actorSystem, settings.Devices))
            {
                rounds = raw.RoundsFor(runs[0].Messages - setups[0].Messages);
                progress.WriteLine($"U = {settings.Devices}: raw Akka fan-out, warm-up and {settings.Repeat} x {rounds} rounds");
                raw.Run(Math.Min(rounds, 5));
                for (var r = 1; r <= settings.Repeat; r++)
                {
                    raws.Add(raw.Run(rounds));
                }
            }

            var first = runs[0];
            if (runs.Any(run => run.Tasks != first.Tasks || run.ExecutedTasks != first.ExecutedTasks))
            {
                warnings.Add("the emulator's task counts changed between runs of the same seed");
            }

            if (references[0].Tasks != first.Tasks || references[0].ExecutedTasks != first.ExecutedTasks)
            {
                warnings.Add(
                    $"emulator and reference model differ: {first.Tasks} vs {references[0].Tasks} tasks, "
                    + $"{first.ExecutedTasks} vs {references[0].ExecutedTasks} executed");
            }

            actorSystem.Terminate().GetAwaiter().GetResult();
            Timing.Settle();
            var gcInfo = GC.GetGCMemoryInfo();
            var memory = new MemoryFigures(
                managedBefore,
                sampler.PeakManagedBytes,
                GC.GetTotalMemory(forceFullCollection: false),
                sampler.PeakWorkingSet,
                peakAfterEmulator,
                0,
                allocatedInRuns / Math.Max(1L, (long)settings.Slots * settings.Repeat),
                pausedInRuns.TotalSeconds / Math.Max(1e-9, runs.Sum(run => run.Seconds)),
                gcInfo.HeapSizeBytes,
                GC.CollectionCount(0) - gen0,
                GC.CollectionCount(1) - gen1,
                GC.CollectionCount(2) - gen2,
                (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : ", concurrent"));

            MessageCheckFigures? check = null;
            if (settings.CheckSlots > 0)
            {
                progress.WriteLine($"U = {settings.Devices}, N = {settings.Edges}: counting the messages of a {settings.CheckSlots}-slot run");
                var counted = MessageCountCheck.Run(akka, sized, settings.Policy, seed, settings.CheckSlots);
                check = new MessageCheckFigures(counted.Counted, counted.Expected, counted.Matches, counted.Differences);
                if (!counted.Matches)
                {
                    warnings.Add($"message formula differs from the mailbox count: {string.Join("; ", counted.Differences)}");
                }
            }

            memory = memory with { PeakWorkingSetAtEnd = PeakWorkingSet() };
            var emulatorFigures = Figures.EmulatorFiguresOf(runs, setups, warnings);
            var referenceFigures = Figures.ReferenceFiguresOf(references, settings.Slots);
            var rawFigures = Figures.RawFiguresOf(raws, settings.Devices, rounds);
            return new ScaleResult(
                scenario.Name,
                settings.ScenarioPath,
                settings.Policy,
                seed,
                settings.Repeat,
                Environment.ProcessorCount,
                System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                akka.Source,
                settings.Devices,
                settings.Edges,
                TopologySpec.NameOf(sized.Topology.Kind),
                settings.Slots,
                first.Tasks,
                first.ExecutedTasks,
                emulatorFigures,
                referenceFigures,
                rawFigures,
                memory,
                check,
                settings.CheckSlots,
                emulatorFigures.MessagesPerSecond / rawFigures.MessagesPerSecond,
                emulatorFigures.SlotsPerSecond / referenceFigures.SlotsPerSecond,
                ScaleSettings.GoalSlotsPerSecond,
                warnings);
        }
        finally
        {
            if (!actorSystem.WhenTerminated.IsCompleted)
            {
                actorSystem.Terminate().GetAwaiter().GetResult();
            }
        }
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>Samples the managed heap and the working set while <see cref="Active"/>, keeping the largest values.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer _timer;
        private readonly Process _process = Process.GetCurrentProcess();
        private long _peakManaged;
        private long _peakWorkingSet;

        public MemorySampler(TimeSpan period)
        {
            _timer = new Timer(_ => Sample(), null, period, period);
        }

        private volatile bool _active;

        public bool Active
        {
            get => _active;
            set => _active = value;
        }

        public long PeakManagedBytes => Interlocked.Read(ref _peakManaged);

        public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

        public void Dispose()
        {
            _timer.Dispose();
            _process.Dispose();
        }

        private void Sample()
        {
            if (!_active)
            {
                return;
            }

            Max(ref _peakManaged, GC.GetTotalMemory(forceFullCollection: false));
            lock (_process)
            {
                _process.Refresh();
                Max(ref _peakWorkingSet, _process.WorkingSet64);
            }
        }

        private static void Max(ref long target, long value)
        {
            var current = Interlocked.Read(ref target);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref target, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }
}
