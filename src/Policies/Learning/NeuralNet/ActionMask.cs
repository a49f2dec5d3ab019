namespace MecActors.Policies.Learning.NeuralNet;

/// <summary>
/// Which logits are allowed, per batch row and logit column (true = allowed). Masked actions get
/// probability exactly 0, are never sampled or chosen greedily, and receive zero gradient.
/// Stored row-major so one row's segment for a head is contiguous.
/// </summary>
public sealed class ActionMask
{
    private readonly bool[] _allowed;

    public ActionMask(int rows, int columns, bool allowed = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Rows = rows;
        Columns = columns;
        _allowed = new bool[rows * columns];
        Fill(allowed);
    }

    public int Rows { get; }

    public int Columns { get; }

    public bool IsAllowed(int row, int column) => _allowed[Index(row, column)];

    public void Set(int row, int column, bool allowed) => _allowed[Index(row, column)] = allowed;

    public void Fill(bool allowed) => _allowed.AsSpan().Fill(allowed);

    /// <summary>One row's flags, writable.</summary>
    public Span<bool> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return _allowed.AsSpan(row * Columns, Columns);
    }

    /// <summary>Copies a row of another mask, e.g. to assemble a training batch from stored steps.</summary>
    public void CopyRowFrom(ActionMask source, int sourceRow, int row)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Columns != Columns)
        {
            throw new ArgumentException($"Source mask has {source.Columns} columns, this one {Columns}.", nameof(source));
        }

        source.Row(sourceRow).CopyTo(Row(row));
    }

    internal void RequireShape(int rows, int columns)
    {
        if (rows != Rows || columns != Columns)
        {
            throw new ArgumentException($"The mask is {Rows}x{Columns} but the logits are {rows}x{columns}.");
        }
    }

    private int Index(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        return row * Columns + column;
    }
}
