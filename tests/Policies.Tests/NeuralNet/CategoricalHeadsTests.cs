using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class CategoricalHeadsTests
{
    [Fact]
    public void Policy_gradient_of_a_single_head_matches_finite_differences_with_zero_on_masked_logits()
    {
        var heads = CategoricalHeads.Single(5);
        var logits = TestMatrices.Uniform(4, 5, 1, -2, 2);
        var mask = new ActionMask(4, 5);
        mask.Set(0, 3, false);
        mask.Set(2, 0, false);
        mask.Set(2, 1, false);
        int[,] actions = { { 0 }, { 4 }, { 2 }, { 1 } };
        var advantages = Vector<double>.Build.DenseOfArray([1.5, -0.7, 0.3, -2.0]);

        AssertPolicyGradientMatches(heads, logits, mask, actions, advantages, entropyCoefficient: 0.1);
    }

    [Fact]
    public void Policy_gradient_of_several_heads_sharing_a_logits_row_matches_finite_differences()
    {
        // Three devices, each choosing among four (edge, exit) pairs, some infeasible.
        var heads = new CategoricalHeads(headCount: 3, actionsPerHead: 4);
        var logits = TestMatrices.Uniform(5, 12, 2, -3, 3);
        var mask = new ActionMask(5, 12);
        var random = new Random(3);
        for (var r = 0; r < 5; r++)
        {
            for (var c = 0; c < 12; c++)
            {
                mask.Set(r, c, c % 4 == 0 || random.NextDouble() < 0.6);
            }
        }

        var actions = new int[5, 3];
        var probabilities = Matrix<double>.Build.Dense(5, 12);
        heads.Probabilities(logits, mask, probabilities);
        heads.Sample(probabilities, new Random(4), actions);
        var advantages = Vector<double>.Build.DenseOfArray([0.9, -1.1, 0.2, 2.5, -0.4]);

        AssertPolicyGradientMatches(heads, logits, mask, actions, advantages, entropyCoefficient: 0.05);
    }

    [Fact]
    public void Policy_gradient_with_one_advantage_per_head_matches_finite_differences()
    {
        var heads = new CategoricalHeads(headCount: 3, actionsPerHead: 4);
        var logits = TestMatrices.Uniform(4, 12, 8, -2, 2);
        var mask = new ActionMask(4, 12);
        mask.Set(1, 5, false);
        mask.Set(3, 11, false);
        int[,] actions = { { 0, 1, 2 }, { 3, 0, 1 }, { 2, 2, 2 }, { 1, 3, 0 } };
        var headAdvantages = TestMatrices.Uniform(4, 3, 9, -2, 2);
        var gradient = Matrix<double>.Build.Dense(4, 12);
        var scratch = gradient.Clone();

        heads.PolicyGradient(logits, mask, actions, headAdvantages, 0.05, gradient);

        GradientCheck.AssertMatches(
            logits,
            gradient,
            () => heads.PolicyGradient(logits, mask, actions, headAdvantages, 0.05, scratch).Loss,
            "logits");
        Assert.Equal(0.0, gradient[1, 5]);
        Assert.Equal(0.0, gradient[3, 11]);
    }

    [Fact]
    public void Per_head_advantages_that_are_all_equal_reduce_to_the_shared_advantage_form()
    {
        var heads = new CategoricalHeads(2, 3);
        var logits = TestMatrices.Uniform(3, 6, 10, -2, 2);
        int[,] actions = { { 0, 2 }, { 1, 1 }, { 2, 0 } };
        var shared = Vector<double>.Build.DenseOfArray([0.4, -1.2, 2.0]);
        var perHead = Matrix<double>.Build.Dense(3, 2, (r, _) => shared[r]);
        var fromShared = Matrix<double>.Build.Dense(3, 6);
        var fromPerHead = Matrix<double>.Build.Dense(3, 6);

        var a = heads.PolicyGradient(logits, null, actions, shared, 0.1, fromShared);
        var b = heads.PolicyGradient(logits, null, actions, perHead, 0.1, fromPerHead);

        Assert.Equal(a, b);
        Assert.Equal(TestMatrices.Values(fromShared), TestMatrices.Values(fromPerHead));
    }

    [Fact]
    public void Heads_of_different_sizes_are_supported()
    {
        var heads = new CategoricalHeads([2, 5, 3]);
        var logits = TestMatrices.Uniform(3, 10, 5, -2, 2);
        int[,] actions = { { 1, 4, 0 }, { 0, 0, 2 }, { 1, 2, 1 } };

        Assert.Equal(10, heads.TotalActions);
        Assert.Equal(7, heads.Offset(2));
        AssertPolicyGradientMatches(heads, logits, null, actions, Vector<double>.Build.DenseOfArray([1.0, -1.0, 0.5]), 0.01);
    }

    [Fact]
    public void Joint_log_probability_and_entropy_are_sums_over_heads()
    {
        var heads = new CategoricalHeads(2, 3);
        var logits = TestMatrices.Uniform(2, 6, 6, -2, 2);
        var mask = new ActionMask(2, 6);
        mask.Set(1, 4, false);
        int[,] actions = { { 2, 1 }, { 0, 2 } };
        var probabilities = Matrix<double>.Build.Dense(2, 6);
        var logProbability = Vector<double>.Build.Dense(2);
        var entropy = Vector<double>.Build.Dense(2);

        heads.Probabilities(logits, mask, probabilities);
        heads.LogProbability(logits, mask, actions, logProbability);
        heads.Entropy(logits, mask, entropy);

        for (var r = 0; r < 2; r++)
        {
            var expectedLogP = Math.Log(probabilities[r, actions[r, 0]]) + Math.Log(probabilities[r, 3 + actions[r, 1]]);
            var expectedEntropy = Enumerable.Range(0, 6)
                .Where(c => probabilities[r, c] > 0)
                .Sum(c => -probabilities[r, c] * Math.Log(probabilities[r, c]));
            Assert.Equal(expectedLogP, logProbability[r], 13);
            Assert.Equal(expectedEntropy, entropy[r], 13);
        }
    }

    [Fact]
    public void Policy_loss_value_is_minus_advantage_log_probability_minus_weighted_entropy()
    {
        var heads = new CategoricalHeads(2, 3);
        var logits = TestMatrices.Uniform(3, 6, 7, -1, 1);
        int[,] actions = { { 0, 1 }, { 2, 2 }, { 1, 0 } };
        var advantages = Vector<double>.Build.DenseOfArray([0.5, -1.0, 2.0]);
        var logProbability = Vector<double>.Build.Dense(3);
        var entropy = Vector<double>.Build.Dense(3);
        heads.LogProbability(logits, null, actions, logProbability);
        heads.Entropy(logits, null, entropy);

        var result = heads.PolicyGradient(logits, null, actions, advantages, 0.2, Matrix<double>.Build.Dense(3, 6));

        var expected = Enumerable.Range(0, 3).Average(r => -advantages[r] * logProbability[r] - 0.2 * entropy[r]);
        Assert.Equal(expected, result.Loss, 13);
        Assert.Equal(logProbability.Average(), result.MeanLogProbability, 13);
        Assert.Equal(entropy.Average(), result.MeanEntropy, 13);
    }

    [Fact]
    public void Sampling_never_picks_a_masked_action_and_follows_the_probabilities()
    {
        var heads = new CategoricalHeads(2, 4);
        var logits = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, 1.0, 9.0, 2.0, 3.0, 0.0, 0.5, 1.0 } });
        var mask = new ActionMask(1, 8);
        mask.Set(0, 2, false); // the largest logit of head 0
        mask.Set(0, 4, false); // the largest logit of head 1
        var probabilities = Matrix<double>.Build.Dense(1, 8);
        heads.Probabilities(logits, mask, probabilities);
        var random = new RandomStream(11);
        var counts = new int[8];
        var actions = new int[1, 2];
        const int draws = 40_000;

        for (var i = 0; i < draws; i++)
        {
            heads.Sample(probabilities, random, actions);
            counts[actions[0, 0]]++;
            counts[4 + actions[0, 1]]++;
        }

        Assert.Equal(0, counts[2]);
        Assert.Equal(0, counts[4]);
        for (var c = 0; c < 8; c++)
        {
            Assert.InRange((double)counts[c] / draws, probabilities[0, c] - 0.01, probabilities[0, c] + 0.01);
        }
    }

    [Fact]
    public void Same_seed_samples_the_same_actions()
    {
        var heads = new CategoricalHeads(3, 5);
        var probabilities = Matrix<double>.Build.Dense(4, 15);
        heads.Probabilities(TestMatrices.Uniform(4, 15, 12), null, probabilities);
        var first = new int[4, 3];
        var second = new int[4, 3];

        heads.Sample(probabilities, new RandomStream(5), first);
        heads.Sample(probabilities, new RandomStream(5), second);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Greedy_picks_the_largest_allowed_logit_in_each_head()
    {
        var heads = new CategoricalHeads(2, 3);
        var logits = Matrix<double>.Build.DenseOfArray(new[,]
        {
            { 5.0, 1.0, 2.0, 0.0, 7.0, 7.0 },
            { 5.0, 1.0, 2.0, 4.0, 3.0, 9.0 },
        });
        var mask = new ActionMask(2, 6);
        mask.Set(1, 0, false);
        mask.Set(1, 5, false);
        var actions = new int[2, 2];

        heads.Greedy(logits, mask, actions);

        Assert.Equal(new[,] { { 0, 1 }, { 2, 0 } }, actions);
    }

    [Fact]
    public void A_taken_action_that_is_masked_is_rejected()
    {
        var heads = new CategoricalHeads(2, 3);
        var mask = new ActionMask(1, 6);
        mask.Set(0, 4, false);

        var error = Assert.Throws<ArgumentException>(() => heads.PolicyGradient(
            TestMatrices.Uniform(1, 6, 1), mask, new[,] { { 0, 1 } }, Vector<double>.Build.Dense(1, 1.0), 0.0,
            Matrix<double>.Build.Dense(1, 6)));
        Assert.Contains("head 1: action 1 is masked", error.Message);
    }

    [Fact]
    public void Logits_of_the_wrong_width_are_rejected()
    {
        var heads = new CategoricalHeads(3, 4);

        var error = Assert.Throws<ArgumentException>(
            () => heads.Greedy(Matrix<double>.Build.Dense(1, 11), null, new int[1, 3]));
        Assert.Contains("Expected 12 logit columns", error.Message);
    }

    private static void AssertPolicyGradientMatches(
        CategoricalHeads heads, Matrix<double> logits, ActionMask? mask, int[,] actions, Vector<double> advantages, double entropyCoefficient)
    {
        var gradient = Matrix<double>.Build.Dense(logits.RowCount, logits.ColumnCount);
        var scratch = gradient.Clone();
        heads.PolicyGradient(logits, mask, actions, advantages, entropyCoefficient, gradient);

        GradientCheck.AssertMatches(
            logits,
            gradient,
            () => heads.PolicyGradient(logits, mask, actions, advantages, entropyCoefficient, scratch).Loss,
            "logits");
        for (var r = 0; r < logits.RowCount; r++)
        {
            for (var c = 0; c < logits.ColumnCount; c++)
            {
                if (mask is not null && !mask.IsAllowed(r, c))
                {
                    Assert.Equal(0.0, gradient[r, c]);
                }
            }
        }
    }
}
