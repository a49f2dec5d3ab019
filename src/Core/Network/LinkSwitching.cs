using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Network;

/// <summary>The regular or weak condition of a switching link (<see cref="LinkSwitchingSpec"/>) and its rate, slot by slot.</summary>
public sealed class LinkSwitching
{
    private readonly TwoStateChain _weak;
    private readonly double _regularBps;
    private readonly double _weakBps;

    /// <param name="initialBps">The link's scenario rate: the regular or the weak one, its condition in slot 1.</param>
    public LinkSwitching(LinkSwitchingSpec spec, StreamKind kind, int id, int seed, int episode, double initialBps, double regularBps, double weakBps)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var initial = ConditionOf(initialBps, regularBps, weakBps)
            ?? throw new ArgumentException($"rate {initialBps} bit/s is neither the regular {regularBps} nor the weak {weakBps}", nameof(initialBps));
        _weak = new TwoStateChain(seed, kind, id, episode, initial, spec.ToWeakProbability, spec.ToRegularProbability);
        _regularBps = regularBps;
        _weakBps = weakBps;
    }

    /// <summary>A device's radio link.</summary>
    public static LinkSwitching OfDevice(LinkSwitchingSpec spec, int device, int seed, int episode, double initialBps) =>
        new(spec, StreamKind.DeviceLink, device, seed, episode, initialBps, spec.DeviceRegularBps, spec.DeviceWeakBps);

    /// <summary>An edge's link up to the cloud.</summary>
    public static LinkSwitching OfUplink(LinkSwitchingSpec spec, int edge, int seed, int episode, double initialBps) =>
        new(spec, StreamKind.CloudUplink, edge, seed, episode, initialBps, spec.UplinkRegularBps, spec.UplinkWeakBps);

    /// <summary>Whether a link of rate <paramref name="rateBps"/> is weak (true), regular (false) or neither (null).</summary>
    public static bool? ConditionOf(double rateBps, double regularBps, double weakBps) =>
        Math.Abs(rateBps - regularBps) <= 1e-9 * regularBps ? false
        : Math.Abs(rateBps - weakBps) <= 1e-9 * weakBps ? true
        : null;

    public bool IsWeak(int slot) => _weak.At(slot);

    public double RateBps(int slot) => IsWeak(slot) ? _weakBps : _regularBps;
}
