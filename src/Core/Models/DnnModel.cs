namespace MecActors.Core.Models;

/// <summary>
/// A block with an early-exit branch after it: its computation c_m^b (cycles), the accuracy acc_m^b of exiting
/// there, and the size of its output (bits), which crosses the network when the next block runs elsewhere.
/// </summary>
public sealed record ExitBranch(double Cycles, double Accuracy, double OutputBits = 0.0);

/// <summary>
/// A DNN model type m = {B_m, h_m}: its blocks with exits, its size in bits, and the size of the result that
/// returns to the device (0: the result costs nothing to return).
/// </summary>
public sealed record DnnModel(int Id, string Name, double SizeBits, IReadOnlyList<ExitBranch> Blocks, double ResultBits = 0.0)
{
    // Policies ask for c_u and the accuracy once per candidate (edge, exit) of every task: sum the blocks once, and
    // again for a copy with other blocks.
    private readonly IReadOnlyList<ExitBranch> _blocks = Blocks;
    private readonly double[] _cyclesTo = CumulativeCycles(Blocks);
    private readonly double[] _accuracy = Accuracies(Blocks);

    public IReadOnlyList<ExitBranch> Blocks
    {
        get => _blocks;
        init
        {
            _blocks = value;
            _cyclesTo = CumulativeCycles(value);
            _accuracy = Accuracies(value);
        }
    }

    public int ExitCount => Blocks.Count;

    /// <summary>c_u = sum of c_m^b for b = 1..exit (paper 000, Sec. II-C); exits are 1-based, exit 0 costs nothing.</summary>
    public double CyclesTo(int exit) => _cyclesTo[exit];

    private static double[] CumulativeCycles(IReadOnlyList<ExitBranch> blocks)
    {
        var cumulative = new double[blocks.Count + 1];
        for (var b = 0; b < blocks.Count; b++)
        {
            cumulative[b + 1] = cumulative[b] + blocks[b].Cycles;
        }

        return cumulative;
    }

    private static double[] Accuracies(IReadOnlyList<ExitBranch> blocks) => [.. blocks.Select(block => block.Accuracy)];

    public double AccuracyAt(int exit) => _accuracy[exit - 1];

    /// <summary>The cycles of blocks <paramref name="first"/>..<paramref name="last"/> (1-based, inclusive).</summary>
    public double CyclesBetween(int first, int last) => _cyclesTo[last] - _cyclesTo[first - 1];
}

public sealed record ModelCatalog(IReadOnlyList<DnnModel> Types)
{
    public int Count => Types.Count;

    public DnnModel this[int id] => Types[id];

    public double SmallestSizeBits
    {
        get
        {
            var min = double.MaxValue;
            foreach (var m in Types)
            {
                min = Math.Min(min, m.SizeBits);
            }

            return min;
        }
    }
}
