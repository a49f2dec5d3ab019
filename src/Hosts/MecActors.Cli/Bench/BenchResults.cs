namespace MecActors.Cli.Bench;

/// <summary>What <c>mec bench</c> measured: one case per device count, medians over the repeats, in-run ratios.</summary>
internal sealed record BenchResult(
    string Scenario,
    string ScenarioFile,
    string Policy,
    int Seed,
    int Repeat,
    int ProcessorCount,
    string Runtime,
    string AkkaConfig,
    IReadOnlyList<BenchCase> Cases);

/// <param name="MessageRateRatio">Emulator messages/s over raw Akka fan-out messages/s.</param>
/// <param name="SlotRateRatio">Emulator slots/s over reference-model slots/s.</param>
internal sealed record BenchCase(
    int Devices,
    int Edges,
    int Slots,
    int Tasks,
    long ExecutedTasks,
    EmulatorFigures Emulator,
    ReferenceFigures Reference,
    RawFigures RawAkka,
    MessageCheckFigures MessageCheck,
    double MessageRateRatio,
    double SlotRateRatio,
    IReadOnlyList<string> Warnings);

/// <summary>
/// The emulator's figures. A run is timed from StartRun to RunCompleted; a setup run (0 slots: actor creation,
/// one empty drain wave, completion) is timed alongside, and the rates use the difference of the two medians,
/// so that creating thousands of actors is not charged as message passing. The process's processor time over each run
/// (every thread) says how many cores it kept busy.
/// </summary>
internal sealed record EmulatorFigures(
    long MessagesPerRun,
    long MessagesPerSetupRun,
    IReadOnlyList<double> RunSeconds,
    IReadOnlyList<double> RunProcessorSeconds,
    IReadOnlyList<double> SetupSeconds,
    double RunSecondsMedian,
    double RunProcessorSecondsMedian,
    double SetupSecondsMedian,
    double SlotsSeconds,
    double SlotsPerSecond,
    double TasksPerSecond,
    double MessagesPerSecond);

internal sealed record ReferenceFigures(
    IReadOnlyList<double> Seconds,
    IReadOnlyList<double> ProcessorSeconds,
    double SecondsMedian,
    double ProcessorSecondsMedian,
    double SlotsPerSecond,
    double TasksPerSecond);

internal sealed record RawFigures(
    int Workers,
    int Rounds,
    long Messages,
    IReadOnlyList<double> Seconds,
    double SecondsMedian,
    double MessagesPerSecond);

/// <summary>The once-per-case comparison of mailbox-counted messages with <see cref="ProtocolMessageCount"/>.</summary>
internal sealed record MessageCheckFigures(long Counted, long Formula, bool Matches, IReadOnlyList<string> Differences);
