using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class ParameterFileTests
{
    [Fact]
    public void A_saved_network_reloads_into_a_fresh_one_with_bit_identical_outputs()
    {
        var original = Network(seed: 1, outputs: 6);
        SequentialTests.RandomiseBiases(original.Parameters, 2);
        var input = TestMatrices.Uniform(7, 4, 3);
        var expected = TestMatrices.Values(original.Forward(input));
        using var stream = new MemoryStream();
        ParameterFile.Save(stream, original.Parameters);

        var restored = Network(seed: 99, outputs: 6);
        stream.Position = 0;
        ParameterFile.Load(stream, restored.Parameters);

        Assert.Equal(expected, TestMatrices.Values(restored.Forward(input)));
        foreach (var (a, b) in original.Parameters.Zip(restored.Parameters))
        {
            Assert.Equal(TestMatrices.Values(a.Value), TestMatrices.Values(b.Value));
        }
    }

    [Fact]
    public void A_file_on_disk_round_trips()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mecnn-{Guid.NewGuid():N}.bin");
        try
        {
            var original = Network(seed: 5, outputs: 3);
            ParameterFile.Save(path, original.Parameters);
            var restored = Network(seed: 6, outputs: 3);

            ParameterFile.Load(path, restored.Parameters);

            var input = TestMatrices.Uniform(2, 4, 7);
            Assert.Equal(TestMatrices.Values(original.Forward(input)), TestMatrices.Values(restored.Forward(input)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loading_into_a_layer_of_another_shape_names_the_parameter_and_both_shapes()
    {
        using var stream = Saved(Network(seed: 1, outputs: 5));

        var error = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(stream, Network(seed: 1, outputs: 6).Parameters));

        Assert.Equal("Parameter 'dense2.weight' has shape 8x5 in the file but 8x6 in the network.", error.Message);
    }

    [Fact]
    public void A_file_of_another_format_version_is_rejected()
    {
        using var stream = Saved(Network(seed: 1, outputs: 5));
        var bytes = stream.ToArray();
        BitConverter.GetBytes(ParameterFile.FormatVersion + 1).CopyTo(bytes, 5);

        var error = Assert.Throws<InvalidDataException>(
            () => ParameterFile.Load(new MemoryStream(bytes), Network(seed: 1, outputs: 5).Parameters));

        Assert.Contains($"format version {ParameterFile.FormatVersion + 1} is not supported", error.Message);
    }

    [Fact]
    public void A_file_without_the_magic_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => ParameterFile.Load(new MemoryStream("hello world, not weights"u8.ToArray()), Network(1, 5).Parameters));

        Assert.Contains("expected magic 'MECNN'", error.Message);
    }

    [Fact]
    public void A_file_with_another_parameter_count_is_rejected()
    {
        var random = new Random(0);
        using var stream = Saved(new Sequential(new Dense("dense1", 4, 8, WeightInit.He, random)));

        var error = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(stream, Network(1, 5).Parameters));

        Assert.Equal("The file holds 2 parameters but the network has 4.", error.Message);
    }

    [Fact]
    public void A_file_whose_parameter_names_differ_is_rejected()
    {
        var random = new Random(0);
        using var stream = Saved(new Sequential(
            new Dense("dense1", 4, 8, WeightInit.He, random), new Dense("other", 8, 5, WeightInit.He, random)));

        var error = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(stream, Network(1, 5).Parameters));

        Assert.Equal("Parameter 2 is named 'other.weight' in the file but 'dense2.weight' in the network.", error.Message);
    }

    [Fact]
    public void A_truncated_file_is_rejected_and_the_network_is_left_unchanged()
    {
        using var stream = Saved(Network(seed: 1, outputs: 5));
        var truncated = stream.ToArray()[..^8];
        var target = Network(seed: 2, outputs: 5);
        var before = target.Parameters.Select(p => TestMatrices.Values(p.Value)).ToList();

        var error = Assert.Throws<InvalidDataException>(
            () => ParameterFile.Load(new MemoryStream(truncated), target.Parameters));

        Assert.Contains("ends before all parameters were read", error.Message);
        Assert.Equal(before, target.Parameters.Select(p => TestMatrices.Values(p.Value)));
    }

    [Fact]
    public void The_file_starts_with_the_magic_and_version()
    {
        using var stream = Saved(Network(seed: 1, outputs: 2));
        var bytes = stream.ToArray();

        Assert.Equal("MECNN"u8.ToArray(), bytes[..5]);
        Assert.Equal(ParameterFile.FormatVersion, BitConverter.ToInt32(bytes, 5));
    }

    private static Sequential Network(int seed, int outputs)
    {
        var random = new RandomStream((ulong)seed);
        return new Sequential(
            new Dense("dense1", 4, 8, WeightInit.He, random),
            new Relu(),
            new Dense("dense2", 8, outputs, WeightInit.Xavier, random));
    }

    private static MemoryStream Saved(ILayer network)
    {
        var stream = new MemoryStream();
        ParameterFile.Save(stream, network.Parameters);
        stream.Position = 0;
        return stream;
    }
}
