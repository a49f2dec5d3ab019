using MecActors.Core.Emulation;

namespace MecActors.Core.Decisions;

/// <summary>
/// A slot's outcome, credited to the slot whose decision caused it: the observation and the actions taken, and each
/// task's record (in the observation's task order, dropped ones included). A learner prices it with the scenario's
/// objective (<see cref="Scenarios.ISlotObjective.Reward"/>).
/// </summary>
public sealed record SlotFeedback(int Slot, SlotObservation Observation, OffloadDecision[] Actions, IReadOnlyList<TaskRecord> Records);

/// <summary>
/// What a caching policy sees at the end of slot t: per edge, how many times each model type was requested
/// by the edge's own devices in the slot (RequestsPerEdge[n][m]; the demand the popularity window counts).
/// </summary>
public sealed record CacheObservation(int NextSlot, IReadOnlyList<int[]> RequestsPerEdge, SystemView System);
