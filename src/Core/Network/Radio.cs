using MecActors.Core.Scenarios;

namespace MecActors.Core.Network;

/// <summary>Uplink channel formulas of paper 000, Sec. II-B.</summary>
public static class Radio
{
    /// <summary>Large-scale gain of a device at distance d: PL(d) = a + b log10(d / 1 km) dB.</summary>
    public static double PathGain(RadioSpec radio, double distanceM)
    {
        var lossDb = radio.PathLossInterceptDb + radio.PathLossSlopeDb * Math.Log10(distanceM / 1000.0);
        return Math.Pow(10.0, -lossDb / 10.0);
    }

    /// <summary>Noise power sigma^2 over a bandwidth, from the noise spectral density.</summary>
    public static double NoisePowerW(RadioSpec radio, double bandwidthHz) =>
        Math.Pow(10.0, (radio.NoiseDbmPerHz - 30.0) / 10.0) * bandwidthHz;

    /// <summary>
    /// Spectral efficiency log2(1 + P g / sigma^2) in bit/s/Hz, with sigma^2 taken over the device's own
    /// share B_u of the band, so that B_u times this is R_u.
    /// </summary>
    public static double SpectralEfficiency(RadioSpec radio, double channelGain, double deviceBandwidthHz) =>
        Math.Log2(1.0 + radio.TxPowerW * channelGain / NoisePowerW(radio, deviceBandwidthHz));

    /// <summary>The channel gain at which a device reaches <paramref name="spectralEfficiency"/> over <paramref name="bandwidthHz"/>: the inverse of <see cref="SpectralEfficiency"/>.</summary>
    public static double GainFor(RadioSpec radio, double spectralEfficiency, double bandwidthHz) =>
        (Math.Pow(2.0, spectralEfficiency) - 1.0) * NoisePowerW(radio, bandwidthHz) / radio.TxPowerW;

    /// <summary>R_u = B_u log2(1 + P_u g_u(t) / sigma^2): paper 000, Sec. II-B.</summary>
    public static double UplinkRateBps(RadioSpec radio, double channelGain, double deviceBandwidthHz) =>
        deviceBandwidthHz * SpectralEfficiency(radio, channelGain, deviceBandwidthHz);
}
