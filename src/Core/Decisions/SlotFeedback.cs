using MecActors.Core.Emulation;

namespace MecActors.Core.Decisions;

/// <summary>
/// A slot's outcome, credited to the slot whose decision caused it: the observation and the actions taken,
/// each task's record (in the observation's task order, dropped ones included), and the reward
/// R(t) = -(1/U) sum [alpha D_u - beta Acc_u] over the tasks that ran (paper 000, Sec. III-B).
/// </summary>
public sealed record SlotFeedback(int Slot, SlotObservation Observation, OffloadDecision[] Actions, IReadOnlyList<TaskRecord> Records, double Reward);

/// <summary>
/// What a caching policy sees at the end of slot t: the model types requested by each edge's own devices
/// in the slot (the per-edge demand the popularity window counts), the storage and the model sizes.
/// </summary>
public sealed record CacheObservation(int NextSlot, IReadOnlyList<int[]> RequestsPerEdge, SystemView System);
