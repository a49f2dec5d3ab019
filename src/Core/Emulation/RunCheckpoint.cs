using MecActors.Core.Decisions;

namespace MecActors.Core.Emulation;

/// <summary>
/// What a run needs to resume after slot <paramref name="Slot"/>: the decisions of slots 1..Slot (each slot's actions,
/// and the caches placed for slots 1..Slot + 1), with which those slots are emulated again without asking the
/// policies, and the state of the policies captured just before slot Slot + 1's decision, after the feedback released
/// by then (<see cref="IResumablePolicy"/>). The cells, the devices' streams, the ledger, the demand and the queues are
/// not captured: emulating the logged slots again rebuilds them exactly.
/// </summary>
public sealed record RunCheckpoint(
    string Policy,
    int Seed,
    int Slot,
    OffloadDecision[][] Actions,
    bool[][][] Caches,
    byte[] OffloadingState,
    byte[] CachingState);
