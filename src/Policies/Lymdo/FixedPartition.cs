namespace MecActors.Policies.Lymdo;

/// <summary>The same partition point for every UE in every slot: every layer on the UE or every layer on the ES.</summary>
public sealed class FixedPartition : IPartitionRule
{
    private readonly bool _onDevice;

    private FixedPartition(bool onDevice)
    {
        _onDevice = onDevice;
    }

    public static FixedPartition AllOnDevice { get; } = new(onDevice: true);

    public static FixedPartition AllOnEdge { get; } = new(onDevice: false);

    public int[] Choose(PartitionSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return Enumerable.Repeat(_onDevice ? slot.Layers : 0, slot.Frames.Count).ToArray();
    }
}
