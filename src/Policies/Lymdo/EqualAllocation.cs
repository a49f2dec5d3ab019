namespace MecActors.Policies.Lymdo;

/// <summary>
/// The fixed allocation LyMDO's convex step is measured against: every UE at f_max, the band split equally among the
/// UEs that transmit, the ES equally among those that use it.
/// </summary>
public static class EqualAllocation
{
    public static SlotAllocation Solve(SlotProblem problem, IReadOnlyList<UeLoad> ues)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(ues);
        var transmitting = ues.Count(ue => ue.Frames > 0 && ue.UplinkBits > 0);
        var computing = ues.Count(ue => ue.Frames > 0 && ue.EdgeCycles > 0);
        var hz = new double[ues.Count];
        var band = new double[ues.Count];
        var edge = new double[ues.Count];
        for (var u = 0; u < ues.Count; u++)
        {
            var ue = ues[u];
            if (ue.Frames == 0)
            {
                continue;
            }

            hz[u] = ue.DeviceCycles > 0 ? problem.MaxHz : 0.0;
            band[u] = ue.UplinkBits > 0 ? 1.0 / transmitting : 0.0;
            edge[u] = ue.EdgeCycles > 0 ? 1.0 / computing : 0.0;
        }

        return new SlotAllocation(hz, band, edge);
    }
}
