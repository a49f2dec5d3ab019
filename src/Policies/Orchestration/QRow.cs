namespace MecActors.Policies.Orchestration;

/// <summary>
/// One state's row of the Q-table with its greedy joint action kept current by a tournament tree: every inner node holds
/// the winner of its two children (the larger value; ties: the lower index), so changing a value replays log2(n) matches
/// instead of rescanning the 10^N joint actions, and the winner is the lowest index of the largest value, as a scan would
/// find it.
/// </summary>
internal sealed class QRow
{
    private const int NoLeaf = -1;

    private readonly double[] _values;

    // Heap order: node 1 is the root, node n's children are 2n and 2n + 1, the leaves are [_leaves, 2 _leaves).
    private readonly int[] _winners;
    private readonly int _leaves;

    public QRow(long length)
        : this(new double[length])
    {
    }

    private QRow(double[] values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Length);
        _values = values;
        _leaves = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)values.Length);
        _winners = new int[2 * _leaves];
        for (var leaf = 0; leaf < _leaves; leaf++)
        {
            _winners[_leaves + leaf] = leaf < values.Length ? leaf : NoLeaf;
        }

        for (var node = _leaves - 1; node >= 1; node--)
        {
            _winners[node] = Match(_winners[2 * node], _winners[(2 * node) + 1]);
        }
    }

    public int Length => _values.Length;

    public double this[long joint] => _values[joint];

    /// <summary>The joint action of largest Q (ties: the lowest index).</summary>
    public long Greedy => _winners[1];

    public double Max => _values[_winners[1]];

    public void Set(long joint, double value)
    {
        _values[joint] = value;
        for (var node = (int)((_leaves + joint) >> 1); node >= 1; node >>= 1)
        {
            _winners[node] = Match(_winners[2 * node], _winners[(2 * node) + 1]);
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_values.Length);
        foreach (var value in _values)
        {
            writer.Write(value);
        }
    }

    public static QRow Read(BinaryReader reader)
    {
        var values = new double[reader.ReadInt32()];
        for (var joint = 0; joint < values.Length; joint++)
        {
            values[joint] = reader.ReadDouble();
        }

        return new QRow(values);
    }

    // The left child always holds the lower indices, so it keeps a tie.
    private int Match(int left, int right) =>
        right == NoLeaf ? left : left == NoLeaf ? right : _values[right] > _values[left] ? right : left;
}
