using MecActors.Core.Models;
using MecActors.Core.Randomness;
using MecActors.Policies.PreDnnOff;

namespace MecActors.Policies.Tests.PreDnnOff;

/// <summary>Small random branch trees, regressions and requirement distributions, for checking solvers by brute force.</summary>
internal static class RandomProfiles
{
    public static LayerLatencyModel Model(int seed, int layers)
    {
        var random = new RandomStream((ulong)seed);
        var types = Enum.GetValues<LayerType>();
        var list = new List<ProfileLayer>();
        var input = 1000.0 + random.Next(20000);
        for (var l = 0; l < layers; l++)
        {
            // Mostly a chain, with now and then a branch off an earlier layer.
            var parent = l == 0 ? -1 : random.NextDouble() < 0.3 ? random.Next(l) : l - 1;
            var type = types[random.Next(types.Length)];
            var inBytes = parent < 0 ? input : list[parent].OutputBytes;
            var outBytes = 10.0 + random.Next(40000);
            list.Add(type == LayerType.Convolution
                ? new ProfileLayer($"l{l}", type, parent, inBytes, outBytes, 1 + random.Next(5), 1, 1 + random.Next(64), 1 + random.Next(64))
                : new ProfileLayer($"l{l}", type, parent, inBytes, outBytes));
        }

        var leaves = Enumerable.Range(0, layers).Where(l => list.All(c => c.Parent != l)).ToArray();
        var exits = leaves.Select((leaf, k) => new ProfileExit(leaf, 0.5 + 0.4 * (k + 1) / leaves.Length)).ToArray();
        var profile = new LayerProfile("random", input, 1e6, list, exits);
        var distribution = new ExitDistribution(profile, 0.5 + 0.4 * random.NextDouble(), 0.02 + 0.1 * random.NextDouble());
        return new LayerLatencyModel(profile, Regressions(random), 1e5 * Math.Pow(1e4, random.NextDouble()), distribution);
    }

    /// <summary>Every placement of the model's layers on the two nodes.</summary>
    public static IEnumerable<int[]> AllPlacements(int layers)
    {
        for (var code = 0; code < 1 << layers; code++)
        {
            yield return Enumerable.Range(0, layers).Select(l => (code >> l) & 1).ToArray();
        }
    }

    private static LatencyRegressions Regressions(RandomStream random)
    {
        NodeRegressions Node(double scale, bool parsing) => new(
            Enum.GetValues<LayerType>().ToDictionary(t => t, _ => new LinearLatency(scale * random.NextDouble() * 1e-3, scale * random.NextDouble() * 1e-3, random.NextDouble())),
            new LinearLatency(1e-6, 0, 2),
            parsing ? new LinearLatency(1e-6, 0, 4) : null);
        return new LatencyRegressions(Node(10.0 * random.NextDouble(), parsing: true), Node(random.NextDouble(), parsing: false));
    }
}
