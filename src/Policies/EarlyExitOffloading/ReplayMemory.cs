using MecActors.Core.Randomness;

namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>DROO's experience memory: the last <c>capacity</c> samples, the oldest overwritten first, sampled uniformly.</summary>
public sealed class ReplayMemory<T>
{
    private readonly T[] _items;
    private int _next;

    public ReplayMemory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Count { get; private set; }

    public void Add(T item)
    {
        _items[_next] = item;
        _next = (_next + 1) % _items.Length;
        Count = Math.Min(Count + 1, _items.Length);
    }

    /// <summary><paramref name="size"/> samples drawn uniformly with replacement (DROO draws its batch this way).</summary>
    public T[] Sample(int size, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (Count == 0)
        {
            throw new InvalidOperationException("the memory is empty");
        }

        var batch = new T[size];
        for (var i = 0; i < size; i++)
        {
            batch[i] = _items[random.Next(Count)];
        }

        return batch;
    }
}
