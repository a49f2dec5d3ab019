using Akka.Actor;
using MecActors.Core.Scenarios;

namespace MecActors.Cli.Bench;

/// <summary>
/// Runs every case in one process: for each device count, the message-count check (own actor system), then in
/// one shared actor system a warm-up of each measurement followed by <c>repeat</c> interleaved rounds of emulator
/// run, emulator setup run, reference model and raw Akka fan-out, so that the machine's drift hits all alike.
/// </summary>
internal sealed class BenchSuite(ScenarioSpec scenario, BenchSettings settings, int seed, BenchAkkaConfig akka, TextWriter progress)
{
    public BenchResult Run()
    {
        var cases = new List<BenchCase>();
        foreach (var spec in settings.Cases)
        {
            cases.Add(RunCase(spec));
        }

        return new BenchResult(
            scenario.Name,
            settings.ScenarioPath,
            settings.Policy,
            seed,
            settings.Repeat,
            Environment.ProcessorCount,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            akka.Source,
            cases);
    }

    private BenchCase RunCase(BenchCaseSpec spec)
    {
        var sized = scenario with { Devices = scenario.Devices.WithCount(spec.Devices) };
        var edges = sized.EdgeCount;
        var warnings = new List<string>();

        progress.WriteLine($"U = {spec.Devices}, {spec.Slots} slots: counting the messages of one run");
        var check = MessageCountCheck.Run(akka, sized, settings.Policy, seed, spec.Slots);
        if (!check.Matches)
        {
            warnings.Add($"message formula differs from the mailbox count: {string.Join("; ", check.Differences)}");
        }

        var actorSystem = ActorSystem.Create("mec-bench", akka.Config);
        try
        {
            var emulator = new EmulatorBenchmark(actorSystem, sized, settings.Policy, seed);
            var reference = new ReferenceBenchmark(sized, settings.Policy, seed);
            using var raw = new RawAkkaFanOut(actorSystem, spec.Devices);

            progress.WriteLine($"U = {spec.Devices}: warm-up");
            var first = emulator.Run(spec.Slots);
            emulator.Run(0);
            var referenceFirst = reference.Run(spec.Slots);
            var rounds = raw.RoundsFor(first.Messages);
            raw.Run(rounds);
            if (referenceFirst.Tasks != first.Tasks || referenceFirst.ExecutedTasks != first.ExecutedTasks)
            {
                warnings.Add(
                    $"emulator and reference model differ: {first.Tasks} vs {referenceFirst.Tasks} tasks, "
                    + $"{first.ExecutedTasks} vs {referenceFirst.ExecutedTasks} executed");
            }

            var runs = new List<EmulatorRun>();
            var setups = new List<EmulatorRun>();
            var references = new List<ReferenceRun>();
            var raws = new List<RawRun>();
            for (var r = 1; r <= settings.Repeat; r++)
            {
                progress.WriteLine($"U = {spec.Devices}: repeat {r}/{settings.Repeat}");
                runs.Add(emulator.Run(spec.Slots));
                setups.Add(emulator.Run(0));
                references.Add(reference.Run(spec.Slots));
                raws.Add(raw.Run(rounds));
            }

            if (runs.Any(run => run.Tasks != first.Tasks || run.ExecutedTasks != first.ExecutedTasks))
            {
                warnings.Add("the emulator's task counts changed between runs of the same seed");
            }

            var emulatorFigures = Figures.EmulatorFiguresOf(runs, setups, warnings);
            var referenceFigures = Figures.ReferenceFiguresOf(references, spec.Slots);
            var rawFigures = Figures.RawFiguresOf(raws, spec.Devices, rounds);
            return new BenchCase(
                spec.Devices,
                edges,
                spec.Slots,
                first.Tasks,
                first.ExecutedTasks,
                emulatorFigures,
                referenceFigures,
                rawFigures,
                new MessageCheckFigures(check.Counted, check.Expected, check.Matches, check.Differences),
                emulatorFigures.MessagesPerSecond / rawFigures.MessagesPerSecond,
                emulatorFigures.SlotsPerSecond / referenceFigures.SlotsPerSecond,
                warnings);
        }
        finally
        {
            actorSystem.Terminate().GetAwaiter().GetResult();
        }
    }
}
