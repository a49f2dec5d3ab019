using MathNet.Numerics.Distributions;
using MecActors.Core.Models;

namespace MecActors.Policies.PreDnnOff;

/// <summary>
/// Which exit a task takes: the first whose accuracy reaches its requirement ac (eq. (4.8): Acc(k - 1) &lt; ac &lt;= Acc(k));
/// a requirement above the best exit gets the best exit, since no exit meets it and the task is still served. Under
/// ac ~ N(mean, sd) exit k is taken with probability Phi(Acc(k)) - Phi(Acc(k - 1)), the last one with the whole upper tail.
/// </summary>
public sealed class ExitDistribution
{
    private readonly double[] _accuracies;

    public ExitDistribution(LayerProfile profile, double mean, double sd)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sd);
        _accuracies = profile.Exits.Select(e => e.Accuracy).ToArray();
        Mean = mean;
        Sd = sd;
        var probabilities = new double[_accuracies.Length];
        var below = 0.0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            var upTo = k == probabilities.Length - 1 ? 1.0 : Normal.CDF(mean, sd, _accuracies[k]);
            probabilities[k] = upTo - below;
            below = upTo;
        }

        Probabilities = probabilities;
    }

    public double Mean { get; }

    public double Sd { get; }

    /// <summary>P(exit k), k = 0..P - 1, summing to 1.</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>The exit (0-based) a requirement of <paramref name="minAccuracy"/> takes.</summary>
    public int ExitFor(double minAccuracy)
    {
        for (var k = 0; k < _accuracies.Length; k++)
        {
            if (_accuracies[k] >= minAccuracy)
            {
                return k;
            }
        }

        return _accuracies.Length - 1;
    }
}
