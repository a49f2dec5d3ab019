using MecActors.Core.Randomness;

namespace MecActors.Policies.PreDnnOff;

/// <summary>The GA's parameters (paper 001, Sec. 4.4: 50 iterations; the rest are not stated and are assumptions).</summary>
/// <param name="Elite">The best chromosomes copied unchanged into the next generation (0: none; the paper does not say).</param>
public sealed record GeneticSettings(int Population, int Iterations, double CrossoverProbability, double MutationProbability, double ScalingMultiple, int Elite = 0)
{
    /// <summary>The paper's 50 iterations; the other values are assumptions (docs/assumptions.md, paper 001).</summary>
    public static GeneticSettings Paper { get; } = new(40, 50, 0.8, 0.2, 2.0);
}

/// <summary>One generation of a run: the best and the mean expected latency (seconds) of its population (Fig. 5.2).</summary>
public readonly record struct Generation(int Index, double BestSeconds, double MeanSeconds);

/// <summary>The best placement a GA run found, its expected latency, and the run's curve.</summary>
public sealed record GeneticResult(int[] Placement, double ExpectedSeconds, IReadOnlyList<Generation> Curve);

/// <summary>
/// Paper 001's genetic algorithm (Sec. 4.4). A chromosome concatenates one group of offloading variables per layer
/// (Fig. 4.2); a group is one-hot (exactly one Sel_Style = 1), so it is held as the index of its 1, which keeps every
/// chromosome viable. Fitness is the expected latency (4.9), turned into a quantity to maximise as the population's
/// worst latency less the chromosome's and linearly scaled (Goldberg: the mean is kept, the best gets
/// <see cref="GeneticSettings.ScalingMultiple"/> times the mean, clipped so no fitness is negative); roulette wheel
/// selection by eq. (4.10); single-point crossover at group boundaries; mutation sets one random group's 1 on another
/// variable. The result is the best chromosome seen in any generation; optionally the best few pass unchanged to the
/// next generation (elitism, <see cref="GeneticSettings.Elite"/>).
/// </summary>
public static class GeneticPlacement
{
    public static GeneticResult Solve(LayerLatencyModel model, GeneticSettings settings, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        var genes = model.Profile.Layers.Count;
        var nodes = model.Nodes.Count;
        var size = settings.Population;
        var population = new int[size][];
        for (var i = 0; i < size; i++)
        {
            population[i] = new int[genes];
            for (var g = 0; g < genes; g++)
            {
                population[i][g] = random.Next(nodes);
            }
        }

        var latency = new double[size];
        var fitness = new double[size];
        var curve = new List<Generation>(settings.Iterations + 1);
        int[] best = [];
        var bestSeconds = double.PositiveInfinity;
        for (var generation = 0; ; generation++)
        {
            var sum = 0.0;
            for (var i = 0; i < size; i++)
            {
                latency[i] = model.ExpectedSeconds(population[i]);
                sum += latency[i];
                if (latency[i] < bestSeconds)
                {
                    bestSeconds = latency[i];
                    best = (int[])population[i].Clone();
                }
            }

            curve.Add(new Generation(generation, latency.Min(), sum / size));
            if (generation == settings.Iterations)
            {
                return new GeneticResult(best, bestSeconds, curve);
            }

            ScaledFitness(latency, fitness, settings.ScalingMultiple);
            var next = new int[size][];
            var elite = Math.Min(settings.Elite, size);
            var ranked = Enumerable.Range(0, size).OrderBy(i => latency[i]).ThenBy(i => i).ToArray();
            for (var e = 0; e < elite; e++)
            {
                next[e] = (int[])population[ranked[e]].Clone();
            }

            for (var i = elite; i < size; i += 2)
            {
                var mother = population[Roulette(fitness, random)];
                var father = population[Roulette(fitness, random)];
                var (first, second) = random.NextDouble() < settings.CrossoverProbability
                    ? Crossover(mother, father, random)
                    : ((int[])mother.Clone(), (int[])father.Clone());
                next[i] = Mutate(first, nodes, settings.MutationProbability, random);
                if (i + 1 < size)
                {
                    next[i + 1] = Mutate(second, nodes, settings.MutationProbability, random);
                }
            }

            population = next;
        }
    }

    /// <summary>Linear fitness scaling f' = a f + b of f = worst - latency (Goldberg, 1989).</summary>
    private static void ScaledFitness(double[] latency, double[] fitness, double multiple)
    {
        var worst = latency.Max();
        for (var i = 0; i < latency.Length; i++)
        {
            fitness[i] = worst - latency[i];
        }

        var mean = fitness.Average();
        var max = fitness.Max();
        var min = fitness.Min();
        if (max - mean <= 1e-15 * Math.Max(1.0, worst))
        {
            Array.Fill(fitness, 1.0);
            return;
        }

        double a, b;
        if (min > (multiple * mean - max) / (multiple - 1.0))
        {
            a = (multiple - 1.0) * mean / (max - mean);
            b = mean * (max - multiple * mean) / (max - mean);
        }
        else
        {
            a = mean / (mean - min);
            b = -min * mean / (mean - min);
        }

        for (var i = 0; i < fitness.Length; i++)
        {
            fitness[i] = Math.Max(0.0, a * fitness[i] + b);
        }
    }

    /// <summary>eq. (4.10): individual i with probability f_i / sum f.</summary>
    private static int Roulette(double[] fitness, RandomStream random)
    {
        var total = fitness.Sum();
        var spin = random.NextDouble() * total;
        for (var i = 0; i < fitness.Length; i++)
        {
            spin -= fitness[i];
            if (spin < 0)
            {
                return i;
            }
        }

        return fitness.Length - 1;
    }

    private static (int[] First, int[] Second) Crossover(int[] mother, int[] father, RandomStream random)
    {
        var point = 1 + random.Next(mother.Length - 1);
        var first = new int[mother.Length];
        var second = new int[mother.Length];
        for (var g = 0; g < mother.Length; g++)
        {
            first[g] = g < point ? mother[g] : father[g];
            second[g] = g < point ? father[g] : mother[g];
        }

        return (first, second);
    }

    private static int[] Mutate(int[] chromosome, int nodes, double probability, RandomStream random)
    {
        if (random.NextDouble() < probability)
        {
            var group = random.Next(chromosome.Length);
            chromosome[group] = (chromosome[group] + 1 + random.Next(nodes - 1)) % nodes;
        }

        return chromosome;
    }
}
