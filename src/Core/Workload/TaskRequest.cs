namespace MecActors.Core.Workload;

/// <summary>
/// A task tau_u(t) = {k_u(t), s_u(t)} as its device reports it: model type, input size, and the
/// channel of this slot (gain g_u(t), spectral efficiency and rate R_u over the device's share B_u). It is
/// released at <paramref name="ReleaseTime"/> = the slot's start + <paramref name="ArrivalOffset"/>, must end
/// within <paramref name="DeadlineSeconds"/> of it, and asks for an accuracy of at least
/// <paramref name="MinAccuracy"/> (0: no requirement), which policies may use.
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
    double DeadlineSeconds,
    double MinAccuracy = 0.0,
    double ArrivalOffset = 0.0)
{
    /// <summary>
    /// Task ids are unique and ordered by (slot, device, k): ((slot - 1) * devices + device) * maxPerSlot + k, with
    /// k = 0..maxPerSlot - 1 the task's place among its device's tasks of the slot and maxPerSlot the scenario's bound
    /// (<see cref="TaskArrivals.MaxTasksPerSlot"/>; 1 for Bernoulli arrivals, which keeps paper 000's ids).
    /// </summary>
    public static long IdOf(int slot, int device, int devices, int maxPerSlot, int k) =>
        (((long)(slot - 1) * devices) + device) * maxPerSlot + k;

    /// <summary>The id of a device's only task of a slot under Bernoulli arrivals: (slot - 1) * devices + device.</summary>
    public static long IdOf(int slot, int device, int devices) => IdOf(slot, device, devices, 1, 0);
}
