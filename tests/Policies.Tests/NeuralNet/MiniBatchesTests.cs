using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class MiniBatchesTests
{
    [Fact]
    public void An_epoch_visits_every_index_once_in_batches_of_the_requested_size()
    {
        var batches = MiniBatches.Shuffled(10, 4, new RandomStream(1)).Select(b => b.ToArray()).ToList();

        Assert.Equal([4, 4, 2], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void Same_seed_gives_the_same_order_and_another_seed_a_different_one()
    {
        int[] Order(ulong seed) => [.. MiniBatches.Shuffled(50, 7, new RandomStream(seed)).SelectMany(b => b)];

        Assert.Equal(Order(3), Order(3));
        Assert.NotEqual(Order(3), Order(4));
        Assert.NotEqual(Enumerable.Range(0, 50), Order(3));
    }

    [Fact]
    public void Gather_rows_copies_the_selected_rows_in_order()
    {
        var source = Matrix<double>.Build.Dense(5, 3, (r, c) => 10 * r + c);
        var destination = Matrix<double>.Build.Dense(3, 3);

        MiniBatches.GatherRows(source, [4, 0, 2], destination);

        Assert.Equal(source.Row(4), destination.Row(0));
        Assert.Equal(source.Row(0), destination.Row(1));
        Assert.Equal(source.Row(2), destination.Row(2));
    }
}
