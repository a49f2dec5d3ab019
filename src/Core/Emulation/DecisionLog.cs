using MecActors.Core.Decisions;

namespace MecActors.Core.Emulation;

/// <summary>What a run decided, slot by slot: each slot's actions and the caches placed for it (Z(1), Z(2), ...).</summary>
public sealed class DecisionLog
{
    private readonly List<OffloadDecision[]> _actions = new();
    private readonly List<bool[][]> _caches = new();

    /// <summary>The actions of <paramref name="slot"/>; a slot decided again (its cells were lost before it ran) replaces its entry.</summary>
    public void Decided(int slot, OffloadDecision[] actions) => Set(_actions, slot, actions);

    public void Placed(int slot, bool[][] caches) => Set(_caches, slot, caches);

    public OffloadDecision[][] ActionsThrough(int slot) => Through(_actions, slot);

    public bool[][][] CachesThrough(int slot) => Through(_caches, slot);

    private static void Set<T>(List<T> log, int slot, T entry)
    {
        if (slot == log.Count + 1)
        {
            log.Add(entry);
        }
        else if (slot >= 1 && slot <= log.Count)
        {
            log[slot - 1] = entry;
        }
        else
        {
            throw new InvalidOperationException($"slot {slot} logged after slot {log.Count}");
        }
    }

    private static T[] Through<T>(List<T> log, int slot)
    {
        if (slot > log.Count)
        {
            throw new InvalidOperationException($"slot {slot} asked of a log through slot {log.Count}");
        }

        return log.GetRange(0, slot).ToArray();
    }
}
