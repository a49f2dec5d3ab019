namespace MecActors.Core.Randomness;

public static class Permutation
{
    /// <summary>A uniformly random permutation of 0..count-1 (Fisher-Yates, drawing from the last position down).</summary>
    public static int[] Of(int count, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(random);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
