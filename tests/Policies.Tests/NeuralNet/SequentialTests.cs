using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class SequentialTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(12)]
    public void Gradients_through_a_stack_match_finite_differences(int batch)
    {
        var random = new Random(3);
        var network = new Sequential(
            new Dense("hidden1", 5, 8, WeightInit.He, random),
            new Tanh(),
            new Dense("hidden2", 8, 6, WeightInit.He, random),
            new Relu(),
            new Dense("out", 6, 4, WeightInit.Xavier, random));
        RandomiseBiases(network.Parameters, 4);
        var input = TestMatrices.Uniform(batch, 5, 5);
        var upstream = TestMatrices.Uniform(batch, 4, 6);
        double Loss() => GradientCheck.WeightedSum(network.Forward(input), upstream);

        network.Parameters.ZeroGradients();
        network.Forward(input);
        var gradInput = network.Backward(upstream).Clone();

        GradientCheck.AssertMatches(input, gradInput, Loss, "input");
        foreach (var parameter in network.Parameters)
        {
            GradientCheck.AssertMatches(parameter.Value, parameter.Gradient, Loss, parameter.Name);
        }
    }

    [Fact]
    public void Parameters_are_listed_layer_by_layer()
    {
        var random = new Random(0);
        var network = new Sequential(
            new Dense("a", 2, 3, WeightInit.He, random), new Relu(), new Dense("b", 3, 1, WeightInit.Xavier, random));

        Assert.Equal(["a.weight", "a.bias", "b.weight", "b.bias"], network.Parameters.Select(p => p.Name));
        Assert.Equal(2 * 3 + 3 + 3 * 1 + 1, network.Parameters.ScalarCount());
    }

    [Fact]
    public void Layers_with_clashing_parameter_names_are_rejected()
    {
        var random = new Random(0);

        var error = Assert.Throws<ArgumentException>(() => new Sequential(
            new Dense("same", 2, 2, WeightInit.He, random), new Dense("same", 2, 2, WeightInit.He, random)));
        Assert.Contains("'same.weight'", error.Message);
    }

    [Fact]
    public void A_shared_trunk_receives_the_sum_of_its_heads_gradients()
    {
        var random = new Random(7);
        var trunk = new Sequential(new Dense("trunk", 4, 6, WeightInit.He, random), new Tanh());
        var policy = new Dense("policy", 6, 5, WeightInit.Xavier, random);
        var value = new Dense("value", 6, 1, WeightInit.Xavier, random);
        var network = new MultiHeadNetwork(trunk, policy, value);
        RandomiseBiases(network.Parameters, 8);
        var input = TestMatrices.Uniform(3, 4, 9);
        var policyUpstream = TestMatrices.Uniform(3, 5, 10);
        var valueUpstream = TestMatrices.Uniform(3, 1, 11);
        double Loss()
        {
            var outputs = network.Forward(input);
            return GradientCheck.WeightedSum(outputs[0], policyUpstream) + GradientCheck.WeightedSum(outputs[1], valueUpstream);
        }

        network.Parameters.ZeroGradients();
        network.Forward(input);
        var gradInput = network.Backward(policyUpstream, valueUpstream).Clone();

        GradientCheck.AssertMatches(input, gradInput, Loss, "input");
        foreach (var parameter in network.Parameters)
        {
            GradientCheck.AssertMatches(parameter.Value, parameter.Gradient, Loss, parameter.Name);
        }
    }

    [Fact]
    public void A_head_without_a_gradient_leaves_its_parameters_untouched()
    {
        var random = new Random(1);
        var network = new MultiHeadNetwork(
            new Dense("trunk", 3, 4, WeightInit.He, random),
            new Dense("policy", 4, 2, WeightInit.Xavier, random),
            new Dense("value", 4, 1, WeightInit.Xavier, random));
        var input = TestMatrices.Uniform(2, 3, 2);

        network.Parameters.ZeroGradients();
        network.Forward(input);
        network.Backward(null, TestMatrices.Uniform(2, 1, 3));

        var policy = (Dense)network.Heads[0];
        Assert.Equal(0.0, policy.Weight.Gradient.InfinityNorm());
        Assert.NotEqual(0.0, ((Dense)network.Heads[1]).Weight.Gradient.InfinityNorm());
        Assert.NotEqual(0.0, network.Parameters[0].Gradient.InfinityNorm());
    }

    internal static void RandomiseBiases(IEnumerable<Parameter> parameters, int seed)
    {
        var random = new Random(seed);
        foreach (var parameter in parameters.Where(p => p.Name.EndsWith(".bias", StringComparison.Ordinal)))
        {
            parameter.Value.MapInplace(_ => random.NextDouble() - 0.5);
        }
    }
}
