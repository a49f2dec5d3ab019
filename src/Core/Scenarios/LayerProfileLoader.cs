using MecActors.Core.Configuration;
using MecActors.Core.Models;

namespace MecActors.Core.Scenarios;

/// <summary>
/// Reads a layer profile (<c>config/models/*.conf</c>): <c>name</c>, <c>input-bytes</c>, <c>model-bytes</c>, <c>layers</c>
/// (each <c>{ name, type, input-bytes, output-bytes, [after], [kernel, stride, filters, channels] }</c>, a layer taking
/// the output of the one before it in the list unless <c>after</c> names another) and <c>exits</c>
/// (<c>{ layer, accuracy }</c>, increasing accuracy). The layers must form a tree whose leaves are exactly the exits;
/// every problem is a <see cref="ConfigException"/> naming the key.
/// </summary>
public static class LayerProfileLoader
{
    /// <summary>The names of the layer types in profile files (and in files keyed by layer type).</summary>
    public static readonly IReadOnlyList<(string Name, LayerType Value)> TypeNames =
    [
        ("conv", LayerType.Convolution),
        ("relu", LayerType.Relu),
        ("pooling", LayerType.Pooling),
        ("lrn", LayerType.LocalResponseNormalization),
        ("dropout", LayerType.Dropout),
        ("fc", LayerType.FullyConnected),
    ];

    private static readonly string[] ConvolutionKeys = ["kernel", "stride", "filters", "channels"];

    private static readonly string[] LayerKeys = ["name", "type", "input-bytes", "output-bytes", "after", .. ConvolutionKeys];

    public static LayerProfile Load(string path) => Read(HoconParser.ParseFile(path));

    public static LayerProfile Read(Config profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.RejectUnknownKeys(["name", "input-bytes", "model-bytes", "layers", "exits"]);
        var name = profile.NonEmptyString("name");
        var inputBytes = profile.PositiveDouble("input-bytes");
        var modelBytes = profile.PositiveDouble("model-bytes");
        var entries = profile.GetConfigList("layers");
        if (entries.Count == 0)
        {
            throw profile.Error("layers", "must list at least one layer");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].RejectUnknownKeys(LayerKeys);
            var layerName = entries[i].NonEmptyString("name");
            if (!index.TryAdd(layerName, i))
            {
                throw entries[i].Error("name", $"duplicate layer name \"{layerName}\"");
            }
        }

        var parents = new int[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            parents[i] = !entries[i].HasPath("after")
                ? i - 1
                : index.TryGetValue(entries[i].GetString("after"), out var parent)
                ? parent
                : throw entries[i].Error("after", $"names no layer of the profile: \"{entries[i].GetString("after")}\"");
        }

        RejectCycles(entries, parents);
        var order = ParentsFirst(parents);
        var position = new int[order.Length];
        for (var p = 0; p < order.Length; p++)
        {
            position[order[p]] = p;
        }

        var layers = new ProfileLayer[order.Length];
        for (var p = 0; p < order.Length; p++)
        {
            var i = order[p];
            var parentOutput = parents[i] < 0 ? inputBytes : entries[parents[i]].PositiveDouble("output-bytes");
            layers[p] = ReadLayer(entries[i], parents[i] < 0 ? -1 : position[parents[i]], parentOutput);
        }

        var exits = ReadExits(profile, index, position, layers);
        return new LayerProfile(name, inputBytes, modelBytes, layers, exits);
    }

    private static ProfileLayer ReadLayer(Config entry, int parent, double parentOutputBytes)
    {
        var type = entry.OneOf("type", TypeNames);
        var input = entry.PositiveDouble("input-bytes");
        if (input != parentOutputBytes)
        {
            throw entry.Error("input-bytes", $"is {ScenarioValidation.Format(input)}, but the layer it follows outputs {ScenarioValidation.Format(parentOutputBytes)} bytes");
        }

        var output = entry.PositiveDouble("output-bytes");
        if (type != LayerType.Convolution)
        {
            foreach (var key in ConvolutionKeys)
            {
                if (entry.HasPath(key))
                {
                    throw entry.Error(key, "is a convolution's shape parameter; this layer is not a convolution");
                }
            }

            return new ProfileLayer(entry.GetString("name"), type, parent, input, output);
        }

        return new ProfileLayer(
            entry.GetString("name"), type, parent, input, output,
            entry.PositiveInt("kernel"), entry.PositiveInt("stride"), entry.PositiveInt("filters"), entry.PositiveInt("channels"));
    }

    /// <summary>Every layer must reach the input by following parents; a layer that comes back to itself closes a cycle.</summary>
    private static void RejectCycles(IReadOnlyList<Config> entries, int[] parents)
    {
        for (var start = 0; start < parents.Length; start++)
        {
            var at = parents[start];
            for (var steps = 0; at >= 0; steps++)
            {
                if (at == start || steps > parents.Length)
                {
                    var where = at == start ? "has a cycle through" : "leads into a cycle from";
                    throw entries[start].Error(
                        "after", $"the branch tree {where} layer \"{entries[start].GetString("name")}\": every layer must lead back to the input");
                }

                at = parents[at];
            }
        }
    }

    /// <summary>Depth-first from the roots, children in list order: the file's order whenever it lists parents first.</summary>
    private static int[] ParentsFirst(int[] parents)
    {
        var children = new List<int>[parents.Length];
        for (var i = 0; i < parents.Length; i++)
        {
            children[i] = [];
        }

        var roots = new List<int>();
        for (var i = 0; i < parents.Length; i++)
        {
            (parents[i] < 0 ? roots : children[parents[i]]).Add(i);
        }

        var order = new List<int>(parents.Length);
        var stack = new Stack<int>();
        for (var r = roots.Count - 1; r >= 0; r--)
        {
            stack.Push(roots[r]);
        }

        while (stack.Count > 0)
        {
            var layer = stack.Pop();
            order.Add(layer);
            for (var c = children[layer].Count - 1; c >= 0; c--)
            {
                stack.Push(children[layer][c]);
            }
        }

        return order.ToArray();
    }

    private static ProfileExit[] ReadExits(Config profile, Dictionary<string, int> index, int[] position, ProfileLayer[] layers)
    {
        var entries = profile.GetConfigList("exits");
        if (entries.Count == 0)
        {
            throw profile.Error("exits", "must list at least one exit");
        }

        var isExit = new bool[layers.Length];
        var exits = new ProfileExit[entries.Count];
        for (var e = 0; e < entries.Count; e++)
        {
            var entry = entries[e];
            entry.RejectUnknownKeys(["layer", "accuracy"]);
            var name = entry.NonEmptyString("layer");
            if (!index.TryGetValue(name, out var i))
            {
                throw entry.Error("layer", $"names no layer of the profile ({ConfigPath.Join(profile.Path, "layers")}): \"{name}\"");
            }

            var layer = position[i];
            if (isExit[layer])
            {
                throw entry.Error("layer", $"layer \"{name}\" is already an exit");
            }

            if (layers.Any(l => l.Parent == layer))
            {
                throw entry.Error("layer", $"layer \"{name}\" feeds other layers; an exit is the last layer of its branch");
            }

            var accuracy = entry.GetDouble("accuracy");
            if (!ScenarioValidation.IsAccuracy(accuracy))
            {
                throw entry.Error("accuracy", $"must lie in (0, 1], got {ScenarioValidation.Format(accuracy)}");
            }

            if (e > 0 && accuracy <= exits[e - 1].Accuracy)
            {
                throw entry.Error("accuracy", $"must exceed the previous exit's {ScenarioValidation.Format(exits[e - 1].Accuracy)}: exits are listed by increasing accuracy");
            }

            isExit[layer] = true;
            exits[e] = new ProfileExit(layer, accuracy);
        }

        for (var l = 0; l < layers.Length; l++)
        {
            if (!isExit[l] && layers.All(other => other.Parent != l))
            {
                throw profile.Error("exits", $"layer \"{layers[l].Name}\" ends a branch but is no exit");
            }
        }

        return exits;
    }
}
