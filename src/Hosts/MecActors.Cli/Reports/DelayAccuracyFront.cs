namespace MecActors.Cli.Reports;

/// <summary>A point of a policy's front: its mean delay and accuracy (with intervals) at one setting of the swept key.</summary>
internal readonly record struct FrontPoint(string Setting, Measured Delay, Measured Accuracy);

/// <summary>
/// A policy's delay-accuracy front: its points ordered by accuracy, joined piecewise-linearly. The delay it needs to
/// reach an accuracy is read off between the two points around it (interval half-widths interpolated alike); below its
/// least accurate point it is that point's delay (a more accurate point at that delay), above its most accurate point
/// it reaches no accuracy.
/// </summary>
internal sealed class DelayAccuracyFront
{
    private readonly FrontPoint[] _points;

    public DelayAccuracyFront(IEnumerable<FrontPoint> points)
    {
        _points = points.OrderBy(p => p.Accuracy.Mean).ToArray();
        if (_points.Length == 0)
        {
            throw new ArgumentException("a front needs a point", nameof(points));
        }
    }

    public double MaxAccuracy => _points[^1].Accuracy.Mean;

    /// <summary>The front's delay at <paramref name="accuracy"/>, or null beyond its most accurate point.</summary>
    public Measured? DelayAt(double accuracy)
    {
        if (accuracy <= _points[0].Accuracy.Mean)
        {
            return _points[0].Delay;
        }

        for (var i = 1; i < _points.Length; i++)
        {
            var (a, b) = (_points[i - 1], _points[i]);
            if (accuracy <= b.Accuracy.Mean)
            {
                var t = (accuracy - a.Accuracy.Mean) / (b.Accuracy.Mean - a.Accuracy.Mean);
                return new Measured(
                    a.Delay.Mean + (t * (b.Delay.Mean - a.Delay.Mean)),
                    a.Delay.Ci95 + (t * (b.Delay.Ci95 - a.Delay.Ci95)),
                    Math.Min(a.Delay.N, b.Delay.N));
            }
        }

        return null;
    }

    /// <summary>
    /// Whether this front is no slower than <paramref name="other"/> at its accuracy, within the intervals: its delay
    /// there minus its half-width is at most the point's delay plus its. A point more accurate than the whole front
    /// (beyond its interval) is not reached.
    /// </summary>
    public FrontComparison Against(FrontPoint other)
    {
        var accuracy = other.Accuracy.Mean;
        if (DelayAt(accuracy) is { } delay)
        {
            return new FrontComparison(other, delay, delay.Low <= other.Delay.High);
        }

        if (other.Accuracy.Low <= MaxAccuracy)
        {
            var best = _points[^1].Delay;
            return new FrontComparison(other, best, best.Low <= other.Delay.High);
        }

        return new FrontComparison(other, null, false);
    }
}

/// <summary>A point of another policy against a front: the front's delay at its accuracy (null: not reached) and whether the front is no slower.</summary>
internal readonly record struct FrontComparison(FrontPoint Point, Measured? FrontDelay, bool Holds);
