namespace MecActors.Cli.Bench;

/// <summary>What <c>mec bench --scale</c> measured: one process, one scaled scenario, medians over the repeats.</summary>
/// <param name="Topology">The fiber topology of the scaled scenario (line, ring or full-mesh).</param>
/// <param name="MessageRateRatio">Emulator messages/s over raw Akka fan-out messages/s.</param>
/// <param name="SlotRateRatio">Emulator slots/s over reference-model slots/s.</param>
/// <param name="GoalSlotsPerSecond">The slot rate the project aims at for this scale in one process.</param>
internal sealed record ScaleResult(
    string Scenario,
    string ScenarioFile,
    string Policy,
    int Seed,
    int Repeat,
    int ProcessorCount,
    string Runtime,
    string AkkaConfig,
    int Devices,
    int Edges,
    string Topology,
    int Slots,
    int Tasks,
    long ExecutedTasks,
    EmulatorFigures Emulator,
    ReferenceFigures Reference,
    RawFigures RawAkka,
    MemoryFigures Memory,
    MessageCheckFigures? MessageCheck,
    int MessageCheckSlots,
    double MessageRateRatio,
    double SlotRateRatio,
    double GoalSlotsPerSecond,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Memory of the process. Before: after the scaled scenario is built, before the first actor system. During: the
/// largest value sampled during the timed emulator runs. After: once the timed runs and their actors are gone.
/// </summary>
internal sealed record MemoryFigures(
    long ManagedBytesBefore,
    long ManagedBytesPeakDuringRuns,
    long ManagedBytesAfter,
    long WorkingSetPeakDuringRuns,
    long PeakWorkingSetAfterEmulator,
    long PeakWorkingSetAtEnd,
    long AllocatedBytesPerSlot,
    double GcPauseShareOfRuns,
    long GcHeapSizeAfter,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    string GcMode);
