namespace MecActors.Core.Faults;

/// <summary>
/// A resource's capacity over time as a factor of its nominal one, piecewise constant: 1 before the first change,
/// 0 while the resource is down. <see cref="Warp"/> maps a time t to the nominal capacity-seconds served by then,
/// C(t) = the integral of the factor up to t. A station that serves at a rate scaled uniformly for all its jobs
/// (fifo, processor sharing, dedicated, equal share) behaves in warped time exactly as at nominal rate, so a
/// faulted station is the nominal one with its times mapped through C and back (<see cref="FaultedStation"/>).
/// </summary>
public sealed class CapacityProfile
{
    private readonly double[] _from;
    private readonly double[] _factor;
    private readonly double[] _warpedFrom;

    /// <param name="changes">Times (rising, the first may be 0) at which the factor becomes the paired value.</param>
    public CapacityProfile(IReadOnlyList<(double From, double Factor)> changes)
    {
        var fromZero = changes.Count > 0 && changes[0].From == 0.0;
        var segments = changes.Count + (fromZero ? 0 : 1);
        _from = new double[segments];
        _factor = new double[segments];
        _warpedFrom = new double[segments];
        _factor[0] = fromZero ? changes[0].Factor : 1.0;
        for (var c = 0; c < changes.Count; c++)
        {
            var (from, factor) = changes[c];
            var i = fromZero ? c : c + 1;
            if ((i > 0 && from <= _from[i - 1]) || factor < 0 || !double.IsFinite(factor))
            {
                throw new ArgumentException($"change {c}: times must rise from 0 and factors be finite and >= 0", nameof(changes));
            }

            if (i > 0)
            {
                _from[i] = from;
                _factor[i] = factor;
                _warpedFrom[i] = _warpedFrom[i - 1] + (_factor[i - 1] * (from - _from[i - 1]));
            }
        }
    }

    /// <summary>C(t); the identity before the first change, so times before a fault keep their bits.</summary>
    public double Warp(double t)
    {
        if (double.IsPositiveInfinity(t))
        {
            return t;
        }

        // Exactly t before the first change: 0 + 1 x (t - 0).
        var i = SegmentOf(t);
        return _warpedFrom[i] + (_factor[i] * (t - _from[i]));
    }

    /// <summary>The earliest t with C(t) = <paramref name="warped"/>: when work that ends there is done.</summary>
    public double EarliestAt(double warped)
    {
        for (var i = 0; i < _from.Length; i++)
        {
            if (_factor[i] > 0 && warped <= End(i))
            {
                return _from[i] + ((warped - _warpedFrom[i]) / _factor[i]);
            }
        }

        return double.PositiveInfinity;
    }

    /// <summary>
    /// The latest t with C(t) = <paramref name="warped"/> before an outage without an end: when work that starts there
    /// can start (after an outage, its end); infinity past it.
    /// </summary>
    public double LatestAt(double warped)
    {
        for (var i = _from.Length - 1; i >= 0; i--)
        {
            if (_factor[i] > 0 && _warpedFrom[i] <= warped)
            {
                return warped > End(i) ? double.PositiveInfinity : _from[i] + ((warped - _warpedFrom[i]) / _factor[i]);
            }
        }

        return double.PositiveInfinity;
    }

    private double End(int i) => i + 1 < _from.Length ? _warpedFrom[i + 1] : double.PositiveInfinity;

    private int SegmentOf(double t)
    {
        var i = _from.Length - 1;
        while (i > 0 && t < _from[i])
        {
            i--;
        }

        return i;
    }
}
