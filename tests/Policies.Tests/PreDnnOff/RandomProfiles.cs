using MecActors.Core.Models;
using MecActors.Core.Randomness;
using MecActors.Policies.PreDnnOff;

namespace MecActors.Policies.Tests.PreDnnOff;

/// <summary>Small random branch trees, regressions and requirement distributions, for checking solvers by brute force.</summary>
internal static class RandomProfiles
{
    /// <summary>With <paramref name="withCloud"/>, a cloud of a random speed-up over a random wired rate as a third node.</summary>
    public static LayerLatencyModel Model(int seed, int layers, bool withCloud = false)
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
        var regressions = Regressions(random);
        var wirelessBps = 1e5 * Math.Pow(1e4, random.NextDouble());
        var cloud = withCloud ? new CloudTier(0.5 + 10 * random.NextDouble(), 1e5 * Math.Pow(1e4, random.NextDouble())) : null;
        return new LayerLatencyModel(profile, regressions, wirelessBps, distribution, cloud);
    }

    /// <summary>Every placement of the model's layers on <paramref name="nodes"/> nodes.</summary>
    public static IEnumerable<int[]> AllPlacements(int layers, int nodes = 2)
    {
        var count = (int)Math.Pow(nodes, layers);
        for (var code = 0; code < count; code++)
        {
            var placement = new int[layers];
            var rest = code;
            for (var l = 0; l < layers; l++)
            {
                placement[l] = rest % nodes;
                rest /= nodes;
            }

            yield return placement;
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
