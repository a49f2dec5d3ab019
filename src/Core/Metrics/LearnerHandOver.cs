using System.Globalization;

namespace MecActors.Core.Metrics;

/// <summary>
/// A cluster run's learning coordinator was lost with its node and the next one took the run over. Slots 1 to
/// <paramref name="LostAfterSlot"/> had closed. The new coordinator emulated slots 1 to <paramref name="CheckpointSlot"/>
/// again with the decisions of the run's checkpoint, without its policies, put the policies' checkpointed state back,
/// and decided the slots after it live, <see cref="ReplayedSlots"/> again among them; without a checkpoint
/// (<paramref name="CheckpointSlot"/> 0, <paramref name="NoCheckpoint"/> saying why) it decided every slot from the
/// first again. <paramref name="HandOverTime"/> is the wall time from the last slot the lost coordinator closed to the
/// new one, on <paramref name="NewNode"/>, accepting the run.
/// </summary>
public sealed record LearnerHandOver(int LostAfterSlot, int CheckpointSlot, TimeSpan HandOverTime, string NewNode, string? NoCheckpoint = null)
{
    /// <summary>"1-K", the slots emulated again with the checkpoint's decisions, or null without a checkpoint.</summary>
    public string? ReemulatedSlots => CheckpointSlot > 0 ? Range(1, CheckpointSlot) : null;

    /// <summary>"K+1-L", the slots reported before the loss that were decided live again, or null when there were none.</summary>
    public string? ReplayedSlots => LostAfterSlot > CheckpointSlot ? Range(CheckpointSlot + 1, LostAfterSlot) : null;

    private static string Range(int first, int last) => string.Create(CultureInfo.InvariantCulture, $"{first}-{last}");
}
