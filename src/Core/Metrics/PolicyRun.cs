using MecActors.Core.Emulation;

namespace MecActors.Core.Metrics;

/// <summary>Every task of one policy's run, ordered by task id.</summary>
public sealed record PolicyRun(string Name, int Slots, IReadOnlyList<TaskRecord> Records);
