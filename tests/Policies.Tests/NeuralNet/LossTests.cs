using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class LossTests
{
    [Fact]
    public void Mse_is_the_mean_squared_error_and_its_gradient_matches_finite_differences()
    {
        var predictions = TestMatrices.Uniform(6, 2, 1);
        var targets = TestMatrices.Uniform(6, 2, 2);
        var gradient = Matrix<double>.Build.Dense(6, 2);
        var scratch = gradient.Clone();

        var loss = MseLoss.Compute(predictions, targets, gradient);

        Assert.Equal((predictions - targets).PointwisePower(2).Enumerate().Average(), loss, 14);
        GradientCheck.AssertMatches(predictions, gradient, () => MseLoss.Compute(predictions, targets, scratch), "predictions");
    }

    [Fact]
    public void Mse_of_a_value_column_against_a_target_vector_matches_the_matrix_form()
    {
        var values = TestMatrices.Uniform(5, 1, 3);
        var returns = Vector<double>.Build.DenseOfArray([0.1, -2.0, 3.5, 0.0, 1.0]);
        var fromVector = Matrix<double>.Build.Dense(5, 1);
        var fromMatrix = Matrix<double>.Build.Dense(5, 1);

        var a = MseLoss.Compute(values, returns, fromVector);
        var b = MseLoss.Compute(values, returns.ToColumnMatrix(), fromMatrix);

        Assert.Equal(b, a);
        Assert.Equal(TestMatrices.Values(fromMatrix), TestMatrices.Values(fromVector));
    }

    [Fact]
    public void Cross_entropy_with_soft_targets_matches_finite_differences()
    {
        var logits = TestMatrices.Uniform(4, 5, 4, -2, 2);
        var targets = Matrix<double>.Build.Dense(4, 5);
        var random = new Random(5);
        for (var r = 0; r < 4; r++)
        {
            var row = Enumerable.Range(0, 5).Select(_ => random.NextDouble()).ToArray();
            for (var c = 0; c < 5; c++)
            {
                targets[r, c] = row[c] / row.Sum();
            }
        }

        var gradient = Matrix<double>.Build.Dense(4, 5);
        var scratch = gradient.Clone();
        CrossEntropyLoss.Compute(logits, targets, gradient);

        GradientCheck.AssertMatches(logits, gradient, () => CrossEntropyLoss.Compute(logits, targets, scratch), "logits");
    }

    [Fact]
    public void Cross_entropy_over_masked_heads_matches_finite_differences_and_equals_minus_log_likelihood()
    {
        var heads = new CategoricalHeads(2, 3);
        var logits = TestMatrices.Uniform(3, 6, 6, -2, 2);
        var mask = new ActionMask(3, 6);
        mask.Set(0, 1, false);
        mask.Set(2, 5, false);
        int[,] labels = { { 2, 0 }, { 1, 1 }, { 0, 2 } };
        var targets = Matrix<double>.Build.Dense(3, 6);
        for (var r = 0; r < 3; r++)
        {
            targets[r, labels[r, 0]] = 1.0;
            targets[r, 3 + labels[r, 1]] = 1.0;
        }

        targets[2, 5] = 0.0;
        targets[2, 4] = 1.0;
        labels[2, 1] = 1;
        var gradient = Matrix<double>.Build.Dense(3, 6);
        var scratch = gradient.Clone();
        var logLikelihood = Vector<double>.Build.Dense(3);
        heads.LogProbability(logits, mask, labels, logLikelihood);

        var loss = CrossEntropyLoss.Compute(logits, targets, gradient, heads, mask);

        Assert.Equal(-logLikelihood.Average(), loss, 13);
        Assert.Equal(0.0, gradient[0, 1]);
        Assert.Equal(0.0, gradient[2, 5]);
        GradientCheck.AssertMatches(
            logits, gradient, () => CrossEntropyLoss.Compute(logits, targets, scratch, heads, mask), "logits");
    }

    [Fact]
    public void Cross_entropy_rejects_target_mass_on_a_masked_action()
    {
        var mask = new ActionMask(1, 3);
        mask.Set(0, 2, false);
        var targets = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, 0.5, 0.5 } });

        var error = Assert.Throws<ArgumentException>(() => CrossEntropyLoss.Compute(
            TestMatrices.Uniform(1, 3, 1), targets, Matrix<double>.Build.Dense(1, 3), mask: mask));
        Assert.Contains("masked action 2", error.Message);
    }

    [Fact]
    public void Binary_cross_entropy_matches_its_definition_and_finite_differences()
    {
        var logits = TestMatrices.Uniform(4, 3, 7, -3, 3);
        var targets = TestMatrices.Uniform(4, 3, 8, 0, 1);
        var gradient = Matrix<double>.Build.Dense(4, 3);
        var scratch = gradient.Clone();

        var loss = BinaryCrossEntropyLoss.Compute(logits, targets, gradient);

        var expected = logits.Enumerate().Zip(targets.Enumerate()).Average(pair =>
        {
            var p = 1.0 / (1.0 + Math.Exp(-pair.First));
            return -(pair.Second * Math.Log(p) + (1 - pair.Second) * Math.Log(1 - p));
        });
        Assert.Equal(expected, loss, 13);
        GradientCheck.AssertMatches(
            logits, gradient, () => BinaryCrossEntropyLoss.Compute(logits, targets, scratch), "logits");
    }

    [Fact]
    public void Binary_cross_entropy_stays_finite_for_saturated_logits()
    {
        var logits = Matrix<double>.Build.DenseOfArray(new[,] { { 1000.0, -1000.0 } });
        var targets = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, 0.0 } });
        var gradient = Matrix<double>.Build.Dense(1, 2);

        var loss = BinaryCrossEntropyLoss.Compute(logits, targets, gradient);

        Assert.Equal(500.0, loss, 10);
        Assert.Equal(0.5, gradient[0, 0], 15);
        Assert.Equal(0.0, gradient[0, 1], 15);
    }
}
