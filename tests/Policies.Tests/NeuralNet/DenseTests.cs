using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class DenseTests
{
    [Theory]
    [InlineData(1, 5, 7)]
    [InlineData(3, 13, 6)]
    [InlineData(8, 60, 11)]
    [InlineData(17, 9, 1)]
    [InlineData(32, 128, 271)]
    public void Forward_equals_input_times_weights_plus_bias(int batch, int inputs, int outputs)
    {
        var layer = new Dense("d", inputs, outputs, WeightInit.Xavier, new Random(1));
        TestMatrices.Uniform(1, outputs, 2).CopyTo(layer.Bias.Value);
        var input = TestMatrices.Uniform(batch, inputs, 3);

        var output = layer.Forward(input);

        var expected = input * layer.Weight.Value
            + Matrix<double>.Build.Dense(batch, outputs, (_, c) => layer.Bias.Value[0, c]);
        Assert.True((output - expected).InfinityNorm() < 1e-12);
    }

    [Theory]
    [InlineData(1, 37, 13)]
    [InlineData(3, 9, 2)]
    [InlineData(8, 60, 11)]
    [InlineData(32, 128, 271)]
    public void Backward_equals_the_reference_matrix_products(int batch, int inputs, int outputs)
    {
        var layer = new Dense("d", inputs, outputs, WeightInit.He, new Random(11));
        var input = TestMatrices.Uniform(batch, inputs, 12);
        var upstream = TestMatrices.Uniform(batch, outputs, 13);

        layer.Forward(input);
        var gradInput = layer.Backward(upstream);

        Assert.True((gradInput - upstream * layer.Weight.Value.Transpose()).InfinityNorm() < 1e-12);
        Assert.True((layer.Weight.Gradient - input.TransposeThisAndMultiply(upstream)).InfinityNorm() < 1e-12);
        Assert.True((layer.Bias.Gradient - upstream.ColumnSums().ToRowMatrix()).InfinityNorm() < 1e-12);
    }

    [Theory]
    [InlineData(1, 5, 7)]
    [InlineData(9, 13, 40)]
    [InlineData(64, 48, 1000)]
    public void Picked_outputs_and_their_gradients_equal_the_full_layer_with_a_gradient_at_the_picked_outputs_only(int batch, int inputs, int outputs)
    {
        var full = new Dense("d", inputs, outputs, WeightInit.He, new Random(21));
        var picking = new Dense("d", inputs, outputs, WeightInit.He, new Random(21));
        TestMatrices.Uniform(1, outputs, 22).CopyTo(full.Bias.Value);
        full.Bias.Value.CopyTo(picking.Bias.Value);
        var input = TestMatrices.Uniform(batch, inputs, 23);
        var random = new Random(24);
        // Repeated outputs too: two rows taking the same action add their gradients.
        var columns = Enumerable.Range(0, batch).Select(_ => random.Next(Math.Min(outputs, 3 + batch / 2))).ToArray();
        var gradPicked = Enumerable.Range(0, batch).Select(_ => (2.0 * random.NextDouble()) - 1.0).ToArray();

        var output = full.Forward(input);
        var upstream = Matrix<double>.Build.Dense(batch, outputs);
        for (var i = 0; i < batch; i++)
        {
            upstream[i, columns[i]] = gradPicked[i];
        }

        var gradInput = full.Backward(upstream);
        var picked = picking.ForwardPicked(input, columns);
        var pickedGradInput = picking.BackwardPicked(gradPicked);

        for (var i = 0; i < batch; i++)
        {
            Assert.Equal(output[i, columns[i]], picked[i], 1e-12);
        }

        Assert.True((pickedGradInput - gradInput).InfinityNorm() < 1e-12);
        Assert.True((picking.Weight.Gradient - full.Weight.Gradient).InfinityNorm() < 1e-12);
        Assert.True((picking.Bias.Gradient - full.Bias.Gradient).InfinityNorm() < 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(33)]
    public void Input_and_parameter_gradients_match_finite_differences(int batch)
    {
        var layer = new Dense("d", 6, 5, WeightInit.Xavier, new Random(4));
        TestMatrices.Uniform(1, 5, 5).CopyTo(layer.Bias.Value);
        var input = TestMatrices.Uniform(batch, 6, 6);
        var upstream = TestMatrices.Uniform(batch, 5, 7);
        double Loss() => GradientCheck.WeightedSum(layer.Forward(input), upstream);

        layer.Parameters.ZeroGradients();
        layer.Forward(input);
        var gradInput = layer.Backward(upstream).Clone();

        GradientCheck.AssertMatches(input, gradInput, Loss, "input");
        GradientCheck.AssertMatches(layer.Weight.Value, layer.Weight.Gradient, Loss, "weight");
        GradientCheck.AssertMatches(layer.Bias.Value, layer.Bias.Gradient, Loss, "bias");
    }

    [Fact]
    public void Backward_adds_to_parameter_gradients_until_they_are_zeroed()
    {
        var layer = new Dense("d", 3, 2, WeightInit.He, new Random(8));
        var input = TestMatrices.Uniform(4, 3, 9);
        var upstream = TestMatrices.Uniform(4, 2, 10);

        layer.Forward(input);
        layer.Backward(upstream);
        var once = layer.Weight.Gradient.Clone();
        layer.Forward(input);
        layer.Backward(upstream);

        Assert.True((layer.Weight.Gradient - 2 * once).InfinityNorm() < 1e-12);
        layer.Parameters.ZeroGradients();
        Assert.Equal(0.0, layer.Weight.Gradient.InfinityNorm());
        Assert.Equal(0.0, layer.Bias.Gradient.InfinityNorm());
    }

    [Fact]
    public void Same_seed_gives_identical_initial_weights()
    {
        var a = new Dense("d", 60, 128, WeightInit.He, new RandomStream(42));
        var b = new Dense("d", 60, 128, WeightInit.He, new RandomStream(42));
        var c = new Dense("d", 60, 128, WeightInit.He, new RandomStream(43));

        Assert.Equal(TestMatrices.Values(a.Weight.Value), TestMatrices.Values(b.Weight.Value));
        Assert.NotEqual(TestMatrices.Values(a.Weight.Value), TestMatrices.Values(c.Weight.Value));
    }

    [Fact]
    public void He_weights_have_standard_deviation_sqrt_two_over_fan_in_and_zero_bias()
    {
        var layer = new Dense("d", 200, 300, WeightInit.He, new RandomStream(1));
        var values = TestMatrices.Values(layer.Weight.Value);
        var mean = values.Average();
        var std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());

        Assert.InRange(mean, -0.003, 0.003);
        Assert.InRange(std / Math.Sqrt(2.0 / 200), 0.98, 1.02);
        Assert.Equal(0.0, layer.Bias.Value.InfinityNorm());
    }

    [Fact]
    public void Xavier_weights_are_uniform_within_the_glorot_limit()
    {
        var layer = new Dense("d", 100, 50, WeightInit.Xavier, new RandomStream(2));
        var limit = Math.Sqrt(6.0 / 150);
        var values = TestMatrices.Values(layer.Weight.Value);

        Assert.All(values, v => Assert.InRange(v, -limit, limit));
        Assert.InRange(values.Max(), 0.95 * limit, limit);
        Assert.InRange(values.Select(v => v * v).Average() / (limit * limit / 3), 0.95, 1.05);
    }

    [Fact]
    public void Parameters_are_named_after_the_layer()
    {
        var layer = new Dense("policy", 4, 3, WeightInit.Xavier, new Random(0));

        Assert.Equal(["policy.weight", "policy.bias"], layer.Parameters.Select(p => p.Name));
        Assert.Equal("4x3", layer.Weight.Shape);
        Assert.Equal("1x3", layer.Bias.Shape);
    }

    [Fact]
    public void An_input_of_the_wrong_width_is_rejected()
    {
        var layer = new Dense("hidden1", 4, 3, WeightInit.He, new Random(0));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(Matrix<double>.Build.Dense(2, 5)));
        Assert.Contains("expects 4 input columns but got 5", error.Message);
    }

    [Fact]
    public void A_gradient_for_another_batch_size_is_rejected()
    {
        var layer = new Dense("d", 4, 3, WeightInit.He, new Random(0));
        layer.Forward(Matrix<double>.Build.Dense(2, 4));

        Assert.Throws<ArgumentException>(() => layer.Backward(Matrix<double>.Build.Dense(5, 3)));
    }
}
