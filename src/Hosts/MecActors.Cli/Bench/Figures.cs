namespace MecActors.Cli.Bench;

/// <summary>Medians and rates from the timed runs of a measurement set, shared by the plain and the scale benchmark.</summary>
internal static class Figures
{
    public static EmulatorFigures EmulatorFiguresOf(List<EmulatorRun> runs, List<EmulatorRun> setups, List<string> warnings)
    {
        var run = runs[0];
        var runSeconds = runs.Select(x => x.Seconds).ToArray();
        var runProcessor = runs.Select(x => x.ProcessorSeconds).ToArray();
        var setupSeconds = setups.Select(x => x.Seconds).ToArray();
        var runMedian = Timing.Median(runSeconds);
        var setupMedian = Timing.Median(setupSeconds);
        var slotsSeconds = runMedian - setupMedian;
        if (slotsSeconds <= 0)
        {
            warnings.Add("the setup run took as long as the whole run; rates use the whole run");
            slotsSeconds = runMedian;
        }

        var messages = run.Messages - setups[0].Messages;
        return new EmulatorFigures(
            run.Messages,
            setups[0].Messages,
            runSeconds,
            runProcessor,
            setupSeconds,
            runMedian,
            Timing.Median(runProcessor),
            setupMedian,
            slotsSeconds,
            run.Slots / slotsSeconds,
            run.Tasks / slotsSeconds,
            messages / slotsSeconds);
    }

    public static ReferenceFigures ReferenceFiguresOf(List<ReferenceRun> runs, int slots)
    {
        var seconds = runs.Select(x => x.Seconds).ToArray();
        var processor = runs.Select(x => x.ProcessorSeconds).ToArray();
        var median = Timing.Median(seconds);
        return new ReferenceFigures(seconds, processor, median, Timing.Median(processor), slots / median, runs[0].Tasks / median);
    }

    public static RawFigures RawFiguresOf(List<RawRun> runs, int workers, int rounds)
    {
        var seconds = runs.Select(x => x.Seconds).ToArray();
        var median = Timing.Median(seconds);
        return new RawFigures(workers, rounds, runs[0].Messages, seconds, median, runs[0].Messages / median);
    }
}
