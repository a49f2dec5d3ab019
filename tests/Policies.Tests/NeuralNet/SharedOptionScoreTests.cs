using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class SharedOptionScoreTests
{
    private const int Rows = 3;
    private const int Actions = 4;
    private const int Features = 2;

    [Fact]
    public void Each_action_gets_the_same_weights_dotted_with_its_own_features()
    {
        var score = new SharedOptionScore("option", Actions, Features);
        score.Weight.Value[0, 0] = 2.0;
        score.Weight.Value[0, 1] = -1.0;
        var features = Enumerable.Range(0, Rows * Actions * Features).Select(i => (double)i).ToArray();
        var logits = Matrix<double>.Build.Dense(Rows, Actions, (r, a) => 10.0 * r + a);

        score.AddTo(logits, features);

        for (var r = 0; r < Rows; r++)
        {
            for (var a = 0; a < Actions; a++)
            {
                var phi = features.AsSpan((r * Actions + a) * Features, Features);
                Assert.Equal(10.0 * r + a + (2.0 * phi[0]) - phi[1], logits[r, a], 12);
                Assert.Equal(2.0 * phi[0] - phi[1], score.Score(phi), 12);
            }
        }
    }

    [Fact]
    public void Starts_at_zero_so_the_logits_are_the_networks_alone()
    {
        var score = new SharedOptionScore("option", Actions, Features);
        var logits = Matrix<double>.Build.Dense(Rows, Actions, (r, a) => r - a);
        var before = logits.Clone();

        score.AddTo(logits, Enumerable.Repeat(3.0, Rows * Actions * Features).ToArray());

        Assert.Equal(before, logits);
    }

    [Fact]
    public void Weight_gradient_matches_finite_differences()
    {
        var random = new Random(4);
        var score = new SharedOptionScore("option", Actions, Features);
        score.Weight.Value.MapInplace(_ => random.NextDouble() - 0.5);
        var features = Enumerable.Range(0, Rows * Actions * Features).Select(_ => random.NextDouble() * 2.0 - 1.0).ToArray();
        var upstream = Matrix<double>.Build.Dense(Rows, Actions, (_, _) => random.NextDouble() - 0.5);

        double Loss()
        {
            var logits = Matrix<double>.Build.Dense(Rows, Actions);
            score.AddTo(logits, features);
            return GradientCheck.WeightedSum(logits, upstream);
        }

        Loss();
        score.Weight.ZeroGradient();
        score.Backward(upstream);

        GradientCheck.AssertMatches(score.Weight.Value, score.Weight.Gradient, Loss, "option.weight");
    }

    [Fact]
    public void Features_of_the_wrong_length_are_rejected()
    {
        var score = new SharedOptionScore("option", Actions, Features);

        Assert.Throws<ArgumentException>(() => score.AddTo(Matrix<double>.Build.Dense(Rows, Actions), new double[Rows * Actions]));
    }
}
