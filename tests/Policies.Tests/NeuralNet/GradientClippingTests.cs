using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class GradientClippingTests
{
    [Fact]
    public void Gradients_above_the_limit_are_scaled_to_the_max_norm_keeping_their_direction()
    {
        var (a, b) = ParametersWithGradients(); // global norm 13
        var before = TestMatrices.Values(a.Gradient).Concat(TestMatrices.Values(b.Gradient)).ToArray();

        var norm = GradientClipping.ClipGlobalNorm([a, b], maxNorm: 1.3);

        Assert.Equal(13.0, norm, 12);
        Assert.Equal(1.3, GradientClipping.GlobalNorm([a, b]), 12);
        var after = TestMatrices.Values(a.Gradient).Concat(TestMatrices.Values(b.Gradient)).ToArray();
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i] * 0.1, after[i], 12);
        }
    }

    [Fact]
    public void Gradients_within_the_limit_are_left_alone()
    {
        var (a, b) = ParametersWithGradients();

        var norm = GradientClipping.ClipGlobalNorm([a, b], maxNorm: 20.0);

        Assert.Equal(13.0, norm, 12);
        Assert.Equal(new[] { 3.0, 4.0 }, TestMatrices.Values(a.Gradient));
        Assert.Equal(new[] { 12.0 }, TestMatrices.Values(b.Gradient));
    }

    private static (Parameter A, Parameter B) ParametersWithGradients()
    {
        var a = new Parameter("a", Matrix<double>.Build.Dense(1, 2));
        var b = new Parameter("b", Matrix<double>.Build.Dense(1, 1));
        a.Gradient.SetRow(0, [3.0, 4.0]);
        b.Gradient[0, 0] = 12.0;
        return (a, b);
    }
}
