namespace MecActors.Core.Workload;

/// <summary>
/// A task tau_u(t) = {k_u(t), s_u(t)} as its device reports it: model type, input size, and the
/// channel of this slot (gain g_u(t), spectral efficiency and rate R_u over the device's share B_u).
/// </summary>
public sealed record TaskRequest(
    long TaskId,
    int Slot,
    int Device,
    int LocalEdge,
    int ModelId,
    double InputBits,
    double ChannelGain,
    double SpectralEfficiency,
    double UplinkRateBps,
    double ReleaseTime,
    double DeadlineSeconds)
{
    /// <summary>Task ids are unique and ordered by (slot, device).</summary>
    public static long IdOf(int slot, int device, int devices) => (long)(slot - 1) * devices + device;
}
