namespace MecActors.Core.Models;

/// <summary>The layer types whose latency is profiled (paper 001, Table 4.1; Ltype 0..5 of eq. (4.1)).</summary>
public enum LayerType
{
    Convolution,
    Relu,
    Pooling,
    LocalResponseNormalization,
    Dropout,
    FullyConnected,
}

/// <summary>
/// One layer of a profiled DNN: its type, the layer whose output it takes (<paramref name="Parent"/>, -1 for the
/// model's input), its input and output sizes in bytes, and for a convolution its kernel size, stride, filters and
/// input channels (0 for other types).
/// </summary>
public sealed record ProfileLayer(
    string Name, LayerType Type, int Parent, double InputBytes, double OutputBytes, int KernelSize = 0, int Stride = 0, int Filters = 0, int Channels = 0)
{
    /// <summary>(K_size / Stride)^2 K_number Channel, the second variable of a convolution's regression (Table 4.1).</summary>
    public double ConvolutionWork => KernelSize == 0 ? 0.0 : Math.Pow((double)KernelSize / Stride, 2) * Filters * Channels;
}

/// <summary>An exit point: the last layer of its branch and the accuracy of the results it gives.</summary>
public sealed record ProfileExit(int Layer, double Accuracy);

/// <summary>
/// A DNN as a tree of layers (BranchyNet: a main branch with side branches, each ending in an exit), as paper 001's
/// graph G = (L, R): each layer takes the output of its parent. Exits are ordered by accuracy, lowest first; the
/// chain from the input to an exit is the set L_k of eq. (4.1). Layers are listed parents first.
/// </summary>
public sealed class LayerProfile
{
    private readonly int[][] _children;
    private readonly int[][] _paths;

    public LayerProfile(string name, double inputBytes, double modelBytes, IReadOnlyList<ProfileLayer> layers, IReadOnlyList<ProfileExit> exits)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(exits);
        Name = name;
        InputBytes = inputBytes;
        ModelBytes = modelBytes;
        Layers = layers;
        Exits = exits;
        var children = new List<int>[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            children[i] = [];
            var parent = layers[i].Parent;
            if (parent >= i)
            {
                throw new ArgumentException($"layer {layers[i].Name} is listed before its parent", nameof(layers));
            }

            if (parent >= 0)
            {
                children[parent].Add(i);
            }
        }

        _children = children.Select(c => c.ToArray()).ToArray();
        _paths = exits.Select(e => PathOf(layers, e.Layer)).ToArray();
    }

    public string Name { get; }

    /// <summary>The size of the model's input (on the device) in bytes.</summary>
    public double InputBytes { get; }

    /// <summary>The size of the model's parameters in bytes (the x of model loading and parsing, Table 4.1).</summary>
    public double ModelBytes { get; }

    public IReadOnlyList<ProfileLayer> Layers { get; }

    public IReadOnlyList<ProfileExit> Exits { get; }

    /// <summary>The layers that take <paramref name="layer"/>'s output.</summary>
    public IReadOnlyList<int> ChildrenOf(int layer) => _children[layer];

    /// <summary>The layers the model's input feeds (those with no parent).</summary>
    public IEnumerable<int> Roots => Enumerable.Range(0, Layers.Count).Where(i => Layers[i].Parent < 0);

    /// <summary>The chain L_k from the input to exit <paramref name="exit"/> (0-based), in execution order.</summary>
    public IReadOnlyList<int> PathTo(int exit) => _paths[exit];

    private static int[] PathOf(IReadOnlyList<ProfileLayer> layers, int last)
    {
        var path = new List<int>();
        for (var at = last; at >= 0; at = layers[at].Parent)
        {
            path.Add(at);
        }

        path.Reverse();
        return path.ToArray();
    }
}
