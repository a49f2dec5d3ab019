using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class ColumnSparseAdamTests
{
    [Fact]
    public void Columns_with_gradient_in_every_step_move_exactly_as_under_adam()
    {
        var (weight, bias) = Layer(seed: 1);
        var (denseWeight, denseBias) = Layer(seed: 1);
        var lazy = new ColumnSparseAdam(weight, bias, learningRate: 0.01);
        var dense = new Adam([denseWeight, denseBias], learningRate: 0.01);
        int[] all = [0, 1, 2, 3];
        for (var step = 0; step < 5; step++)
        {
            var gradient = TestMatrices.Uniform(3, 4, 10 + step);
            var biasGradient = TestMatrices.Uniform(1, 4, 20 + step);
            lazy.ZeroGrad(all);
            dense.ZeroGrad();
            gradient.CopyTo(weight.Gradient);
            gradient.CopyTo(denseWeight.Gradient);
            biasGradient.CopyTo(bias.Gradient);
            biasGradient.CopyTo(denseBias.Gradient);
            lazy.Step(all);
            dense.Step();
        }

        Assert.True((weight.Value - denseWeight.Value).InfinityNorm() < 1e-12);
        Assert.True((bias.Value - denseBias.Value).InfinityNorm() < 1e-12);
    }

    [Fact]
    public void A_column_without_gradient_stays_and_resumes_with_the_step_counts_bias_correction()
    {
        var (weight, bias) = Layer(seed: 2);
        var before = weight.Value.Column(2).ToArray();
        var lazy = new ColumnSparseAdam(weight, bias, learningRate: 0.1);
        for (var step = 0; step < 3; step++)
        {
            lazy.ZeroGrad([0]);
            weight.Gradient[1, 0] = 1.0;
            lazy.Step([0]);
        }

        Assert.Equal(before, weight.Value.Column(2).ToArray());
        Assert.Equal(3, lazy.StepCount);

        // Step 4 is column 2's first: its moments start from zero, the correction is that of step 4.
        var theta = weight.Value[0, 2];
        lazy.ZeroGrad([2]);
        weight.Gradient[0, 2] = 0.5;
        lazy.Step([2]);
        var m = 0.1 * 0.5;
        var v = 0.001 * 0.25;
        var expected = theta - (0.1 / (1 - Math.Pow(0.9, 4)) * m / ((Math.Sqrt(v) / Math.Sqrt(1 - Math.Pow(0.999, 4))) + 1e-8));
        Assert.Equal(expected, weight.Value[0, 2], 1e-12);
    }

    private static (Parameter Weight, Parameter Bias) Layer(int seed)
    {
        var weight = new Parameter("q.weight", TestMatrices.Uniform(3, 4, seed));
        var bias = new Parameter("q.bias", TestMatrices.Uniform(1, 4, seed + 100));
        return (weight, bias);
    }
}
