namespace MecActors.Policies.Lymdo;

/// <summary>Every combination of partition points over the UEs with frames; the one of least objective (the per-slot reference).</summary>
public sealed class ExhaustivePartition : IPartitionRule
{
    public static ExhaustivePartition Instance { get; } = new();

    private ExhaustivePartition()
    {
    }

    public int[] Choose(PartitionSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return slot.Exhaustive();
    }
}
