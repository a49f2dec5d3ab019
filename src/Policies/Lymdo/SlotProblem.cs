namespace MecActors.Policies.Lymdo;

/// <summary>
/// One UE's part of a slot's problem at a chosen partition point: its <paramref name="Frames"/> n_u this slot, each
/// frame's cycles on the UE and on the ES and its bits over the uplink, its signal-to-noise ratio over the whole band
/// (<paramref name="BandSnr"/>: P g_u / (N0 B), so that a share b gives the rate b B log2(1 + SNR / b)), the backlogs
/// of its processor and transmitter at the slot's start, and its virtual queue Q_u(t).
/// </summary>
public readonly record struct UeLoad(
    int Frames, double DeviceCycles, double UplinkBits, double EdgeCycles, double BandSnr, double DeviceBacklogS, double TransmitterBacklogS, double Queue)
{
    /// <summary>n(n + 1) / 2: the n frames of a FIFO stage wait for the ones before them.</summary>
    public double Serial => Frames * (Frames + 1) / 2.0;
}

/// <summary>
/// The per-slot deterministic problem of the drift-plus-penalty decoupling: minimise V x sum_u D_u + sum_u Q_u e_u over
/// each UE's frequency f_u in [f_min, f_max], band share b_u (sum at most 1) and ES share phi_u (sum at most 1), with
/// D_u = n (W_dev + W_tx) + n(n+1)/2 (C / f + S / r(b)) + n^2 G / (phi F) (the frames' delays through the serial
/// queues: each waits for the backlog and the frames before it on the UE and its transmitter, and the frames at the
/// ES share phi equally) and e_u = n (kappa f^2 C + P S / r(b)).
/// </summary>
public sealed record SlotProblem(double V, double Kappa, double TxPowerW, double MinHz, double MaxHz, double BandHz, double EdgeHz)
{
    /// <summary>r(b) = b B log2(1 + SNR / b): the rate of a share b of the band with the noise over that share.</summary>
    public double RateBps(double share, double bandSnr) => share * BandHz * Math.Log2(1.0 + (bandSnr / share));

    /// <summary>The UE's delay estimate D_u (seconds, summed over its frames) under the allocation.</summary>
    public double DelaySeconds(in UeLoad ue, double hz, double band, double edge)
    {
        if (ue.Frames == 0)
        {
            return 0.0;
        }

        var delay = 0.0;
        if (ue.DeviceCycles > 0)
        {
            delay += (ue.Frames * ue.DeviceBacklogS) + (ue.Serial * ue.DeviceCycles / hz);
        }

        if (ue.UplinkBits > 0)
        {
            delay += (ue.Frames * ue.TransmitterBacklogS) + (ue.Serial * ue.UplinkBits / RateBps(band, ue.BandSnr));
        }

        if (ue.EdgeCycles > 0)
        {
            delay += (double)ue.Frames * ue.Frames * ue.EdgeCycles / (edge * EdgeHz);
        }

        return delay;
    }

    /// <summary>The UE's energy e_u (joules) under the allocation: kappa f^2 per cycle, P over the airtime.</summary>
    public double EnergyJ(in UeLoad ue, double hz, double band)
    {
        if (ue.Frames == 0)
        {
            return 0.0;
        }

        var energy = ue.DeviceCycles > 0 ? Kappa * hz * hz * ue.DeviceCycles : 0.0;
        if (ue.UplinkBits > 0)
        {
            energy += TxPowerW * ue.UplinkBits / RateBps(band, ue.BandSnr);
        }

        return ue.Frames * energy;
    }

    /// <summary>The drift-plus-penalty objective of the allocation.</summary>
    public double Objective(IReadOnlyList<UeLoad> ues, SlotAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(ues);
        ArgumentNullException.ThrowIfNull(allocation);
        var total = 0.0;
        for (var u = 0; u < ues.Count; u++)
        {
            var ue = ues[u];
            total += (V * DelaySeconds(ue, allocation.Hz[u], allocation.Band[u], allocation.Edge[u])) + (ue.Queue * EnergyJ(ue, allocation.Hz[u], allocation.Band[u]));
        }

        return total;
    }
}

/// <summary>Per UE: its frequency (Hz), band share and ES share (0 where it does not use that resource).</summary>
public sealed record SlotAllocation(double[] Hz, double[] Band, double[] Edge);
