using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Workload;

/// <summary>
/// The model-type demand of one edge's cell: Zipf over a cell-specific ranking of the M types,
/// evolving each slot towards the request frequency observed in the slot, plus multiplicative noise
/// (paper 000, Sec. II-A).
/// </summary>
public sealed class PopularityProcess
{
    private readonly RandomStream _random;
    private readonly WorkloadSpec _workload;
    private double[] _probabilities;

    public PopularityProcess(int edge, int models, WorkloadSpec workload, int seed, int episode = 0)
    {
        _workload = workload;
        var layout = RandomStream.For(seed, StreamKind.Popularity, edge);
        var ranking = Permutation.Of(models, layout);
        _random = episode == 0 ? layout : RandomStream.For(seed, StreamKind.Popularity, edge, episode);

        _probabilities = new double[models];
        for (var rank = 0; rank < models; rank++)
        {
            _probabilities[ranking[rank]] = 1.0 / Math.Pow(rank + 1, workload.ZipfExponent);
        }

        Normalise(_probabilities);
    }

    /// <summary>The current probabilities, one per model type; a fresh array each slot, never mutated after.</summary>
    public double[] Current => _probabilities;

    /// <summary>Moves the popularity towards the frequencies requested in the slot that just ended.</summary>
    public void Observe(ReadOnlySpan<int> requestCounts)
    {
        var total = 0;
        foreach (var c in requestCounts)
        {
            total += c;
        }

        var next = new double[_probabilities.Length];
        var eta = _workload.PopularityLearningRate;
        for (var m = 0; m < next.Length; m++)
        {
            var frequency = total > 0 ? (double)requestCounts[m] / total : _probabilities[m];
            var noise = Math.Exp(_workload.PopularityNoise * (2.0 * _random.NextDouble() - 1.0));
            next[m] = Math.Max(1e-9, ((1.0 - eta) * _probabilities[m] + eta * frequency) * noise);
        }

        Normalise(next);
        _probabilities = next;
    }

    /// <summary>Draws a model type by inverse transform with a uniform draw u in [0, 1).</summary>
    public static int Sample(double[] probabilities, double u)
    {
        var cumulative = 0.0;
        for (var m = 0; m < probabilities.Length; m++)
        {
            cumulative += probabilities[m];
            if (u < cumulative)
            {
                return m;
            }
        }

        return probabilities.Length - 1;
    }

    private static void Normalise(double[] p)
    {
        var sum = 0.0;
        foreach (var x in p)
        {
            sum += x;
        }

        for (var i = 0; i < p.Length; i++)
        {
            p[i] /= sum;
        }
    }
}
