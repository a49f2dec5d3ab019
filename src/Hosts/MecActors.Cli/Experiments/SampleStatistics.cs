using MathNet.Numerics.Distributions;

namespace MecActors.Cli.Experiments;

/// <summary>
/// A metric over n replications (held-out episodes and seeds): the mean, the sample standard deviation (n − 1 in
/// the denominator) and the half-width of the two-sided 95% Student t interval of the mean,
/// t(0.975, n − 1) · s / √n. With one value the deviation and the interval are undefined (NaN).
/// </summary>
internal sealed record SampleStatistics(double Mean, double StandardDeviation, double HalfWidth95, int N)
{
    private const double Level = 0.975;

    public static SampleStatistics Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("at least one value is needed", nameof(values));
        }

        var n = values.Count;
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / n;
        if (n == 1)
        {
            return new SampleStatistics(mean, double.NaN, double.NaN, 1);
        }

        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        var deviation = Math.Sqrt(squares / (n - 1));
        return new SampleStatistics(mean, deviation, StudentQuantile(Level, n - 1) * deviation / Math.Sqrt(n), n);
    }

    /// <summary>
    /// The p-quantile (p above ½) of Student's t with <paramref name="degreesOfFreedom"/> degrees of freedom, to within a
    /// few units in the last place: MathNet's root-finding inverse (good to about 1e-11; its incomplete beta is off by
    /// up to ~1e-14 at 29 degrees of freedom) as the start, then Newton steps on the exact CDF of an integer number of
    /// degrees of freedom (<see cref="CentralProbability"/>).
    /// </summary>
    public static double StudentQuantile(double p, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (!(p > 0.5 && p < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "must lie strictly between 1/2 and 1");
        }

        var central = 2 * p - 1;
        var t = StudentT.InvCDF(0.0, 1.0, degreesOfFreedom, p);
        for (var i = 0; i < 8; i++)
        {
            var step = (CentralProbability(t, degreesOfFreedom) - central) / (2 * StudentT.PDF(0.0, 1.0, degreesOfFreedom, t));
            t -= step;
            if (Math.Abs(step) <= 1e-16 * t)
            {
                break;
            }
        }

        return t;
    }

    /// <summary>
    /// P(|T| ≤ t) for t ≥ 0 and an integer ν, by the finite series of Abramowitz and Stegun 26.7.3-4, with
    /// θ = atan(t / √ν): for odd ν, (2/π)(θ + sin θ (cos θ + (2/3) cos³ θ + … + (2·4···(ν−3))/(3·5···(ν−2)) cos^(ν−2) θ));
    /// for even ν, sin θ (1 + (1/2) cos² θ + … + (1·3···(ν−3))/(2·4···(ν−2)) cos^(ν−2) θ). Every term is positive,
    /// so the sum keeps double precision.
    /// </summary>
    internal static double CentralProbability(double t, int nu)
    {
        var theta = Math.Atan(t / Math.Sqrt(nu));
        var cos = Math.Cos(theta);
        var sin = Math.Sin(theta);
        if (nu % 2 == 1)
        {
            if (nu == 1)
            {
                return 2 / Math.PI * theta;
            }

            var term = cos;
            var sum = term;
            for (var k = 3; k <= nu - 2; k += 2)
            {
                term *= (k - 1.0) / k * cos * cos;
                sum += term;
            }

            return 2 / Math.PI * (theta + sin * sum);
        }

        var evenTerm = 1.0;
        var evenSum = evenTerm;
        for (var k = 2; k <= nu - 2; k += 2)
        {
            evenTerm *= (k - 1.0) / k * cos * cos;
            evenSum += evenTerm;
        }

        return sin * evenSum;
    }
}
