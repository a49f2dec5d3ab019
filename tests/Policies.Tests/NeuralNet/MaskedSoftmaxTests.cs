using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class MaskedSoftmaxTests
{
    [Fact]
    public void Masked_actions_get_exactly_zero_probability_and_rows_sum_to_one()
    {
        var logits = TestMatrices.Uniform(4, 6, 1, -3, 3);
        logits[2, 4] = 50.0; // a dominant logit that is masked must not matter
        var mask = new ActionMask(4, 6);
        mask.Set(0, 1, false);
        mask.Set(2, 4, false);
        mask.Set(2, 5, false);
        mask.Set(3, 0, false);
        var probabilities = Matrix<double>.Build.Dense(4, 6);

        MaskedSoftmax.Softmax(logits, mask, probabilities);

        for (var r = 0; r < 4; r++)
        {
            Assert.Equal(1.0, probabilities.Row(r).Sum(), 14);
            for (var c = 0; c < 6; c++)
            {
                if (mask.IsAllowed(r, c))
                {
                    Assert.True(probabilities[r, c] > 0.0);
                }
                else
                {
                    Assert.Equal(0.0, probabilities[r, c]);
                }
            }
        }
    }

    [Fact]
    public void Unmasked_probabilities_are_the_softmax_of_the_allowed_logits()
    {
        var logits = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 2.0, 3.0 } });
        var mask = new ActionMask(1, 3);
        mask.Set(0, 1, false);
        var probabilities = Matrix<double>.Build.Dense(1, 3);

        MaskedSoftmax.Softmax(logits, mask, probabilities);

        var total = Math.Exp(1.0) + Math.Exp(3.0);
        Assert.Equal(Math.Exp(1.0) / total, probabilities[0, 0], 15);
        Assert.Equal(Math.Exp(3.0) / total, probabilities[0, 2], 15);
    }

    [Fact]
    public void A_row_with_every_action_masked_is_an_error_naming_the_row()
    {
        var mask = new ActionMask(3, 4);
        mask.Row(1).Fill(false);

        var error = Assert.Throws<ArgumentException>(
            () => MaskedSoftmax.Softmax(TestMatrices.Uniform(3, 4, 2), mask, Matrix<double>.Build.Dense(3, 4)));
        Assert.Contains("Row 1", error.Message);
        Assert.Contains("every action is masked", error.Message);
        Assert.Throws<ArgumentException>(() => MaskedSoftmax.Softmax([1.0, 2.0], [false, false], new double[2]));
    }

    [Fact]
    public void Log_softmax_is_the_log_of_softmax_and_minus_infinity_where_masked()
    {
        var logits = TestMatrices.Uniform(3, 5, 3, -4, 4);
        var mask = new ActionMask(3, 5);
        mask.Set(1, 2, false);
        var probabilities = Matrix<double>.Build.Dense(3, 5);
        var logProbabilities = Matrix<double>.Build.Dense(3, 5);

        MaskedSoftmax.Softmax(logits, mask, probabilities);
        MaskedSoftmax.LogSoftmax(logits, mask, logProbabilities);

        Assert.Equal(double.NegativeInfinity, logProbabilities[1, 2]);
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 5; c++)
            {
                if (mask.IsAllowed(r, c))
                {
                    Assert.Equal(Math.Log(probabilities[r, c]), logProbabilities[r, c], 13);
                }
            }
        }
    }

    [Fact]
    public void Entropy_of_equal_logits_is_the_log_of_the_allowed_count()
    {
        var logits = Matrix<double>.Build.Dense(2, 8, 0.3);
        var mask = new ActionMask(2, 8);
        mask.Set(1, 0, false);
        mask.Set(1, 7, false);
        var entropies = Vector<double>.Build.Dense(2);

        MaskedSoftmax.Entropy(logits, mask, entropies);

        Assert.Equal(Math.Log(8), entropies[0], 13);
        Assert.Equal(Math.Log(6), entropies[1], 13);
        Assert.Equal(Math.Log(4), MaskedSoftmax.Entropy([0.25, 0.25, 0.0, 0.25, 0.25]), 15);
    }

    [Fact]
    public void Huge_logits_do_not_overflow()
    {
        var probabilities = new double[3];

        MaskedSoftmax.Softmax([1000.0, 1001.0, -1000.0], [], probabilities);

        Assert.Equal(1.0 / (1.0 + Math.E), probabilities[0], 14);
        Assert.Equal(Math.E / (1.0 + Math.E), probabilities[1], 14);
        Assert.Equal(0.0, probabilities[2]);
    }
}
