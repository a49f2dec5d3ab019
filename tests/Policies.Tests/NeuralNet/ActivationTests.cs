using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class ActivationTests
{
    public static TheoryData<string> Activations() => new() { "relu", "tanh", "sigmoid" };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Input_gradient_matches_finite_differences(string name)
    {
        var layer = Create(name);
        var input = TestMatrices.AwayFromZero(5, 7, 1);
        var upstream = TestMatrices.Uniform(5, 7, 2);

        layer.Forward(input);
        var gradInput = layer.Backward(upstream).Clone();

        GradientCheck.AssertMatches(
            input, gradInput, () => GradientCheck.WeightedSum(layer.Forward(input), upstream), name);
    }

    [Fact]
    public void Relu_zeroes_negatives_and_passes_positives()
    {
        var input = Matrix<double>.Build.DenseOfArray(new[,] { { -2.0, 0.0, 3.0, -0.5, 7.0 } });

        var output = new Relu().Forward(input);

        Assert.Equal([0.0, 0.0, 3.0, 0.0, 7.0], TestMatrices.Values(output));
    }

    [Fact]
    public void Tanh_and_sigmoid_match_their_definitions_and_stay_finite_when_saturated()
    {
        var input = Matrix<double>.Build.DenseOfArray(new[,] { { -800.0, -1.5, 0.0, 0.7, 800.0 } });

        var tanh = new Tanh().Forward(input).Clone();
        var sigmoid = new Sigmoid().Forward(input);

        for (var c = 0; c < input.ColumnCount; c++)
        {
            Assert.Equal(Math.Tanh(input[0, c]), tanh[0, c], 15);
            Assert.True(double.IsFinite(sigmoid[0, c]));
        }

        Assert.Equal(0.5, sigmoid[0, 2]);
        Assert.Equal(1.0 / (1.0 + Math.Exp(1.5)), sigmoid[0, 1], 15);
        Assert.Equal(1.0, sigmoid[0, 4]);
        Assert.InRange(sigmoid[0, 0], 0.0, 1e-300);
    }

    [Fact]
    public void Activations_adapt_to_any_batch_and_width()
    {
        var relu = new Relu();

        Assert.Equal(3, relu.Forward(Matrix<double>.Build.Dense(3, 4)).RowCount);
        Assert.Equal(9, relu.Forward(Matrix<double>.Build.Dense(1, 9)).ColumnCount);
        Assert.Empty(relu.Parameters);
    }

    private static ILayer Create(string name) => name switch
    {
        "relu" => new Relu(),
        "tanh" => new Tanh(),
        "sigmoid" => new Sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
