namespace MecActors.Policies.Lymdo;

/// <summary>How a policy of the LyMDO family picks each UE's partition point in a slot.</summary>
public interface IPartitionRule
{
    /// <summary>A partition point per UE of the scenario (a UE without frames may get any).</summary>
    int[] Choose(PartitionSlot slot);
}
