using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

public class OptimizerTests
{
    [Fact]
    public void Adam_converges_to_the_least_squares_solution()
    {
        var problem = LeastSquares.Create(seed: 1);
        var weights = new Parameter("w", Matrix<double>.Build.Dense(problem.Features, 1));
        var adam = new Adam([weights], learningRate: 0.05);

        for (var step = 0; step < 4000; step++)
        {
            // A decaying step lets Adam settle instead of hovering at a distance ~lr from the optimum.
            adam.LearningRate = 0.05 / (1.0 + step / 200.0);
            adam.ZeroGrad();
            problem.AddGradient(weights);
            adam.Step();
        }

        Assert.Equal(4000, adam.StepCount);
        Assert.True(
            (weights.Value - problem.Optimum).InfinityNorm() < 1e-5,
            $"distance to optimum {(weights.Value - problem.Optimum).InfinityNorm():E2}");
    }

    [Fact]
    public void Adam_minimises_an_ill_conditioned_quadratic_bowl()
    {
        // f(x, y) = 50(x − 1)² + 0.5(y + 2)²: curvatures 100 apart.
        var point = new Parameter("p", Matrix<double>.Build.Dense(1, 2));
        var adam = new Adam([point], learningRate: 0.1);

        for (var step = 0; step < 3000; step++)
        {
            adam.LearningRate = 0.1 / (1.0 + step / 100.0);
            adam.ZeroGrad();
            point.Gradient[0, 0] = 100 * (point.Value[0, 0] - 1);
            point.Gradient[0, 1] = point.Value[0, 1] + 2;
            adam.Step();
        }

        Assert.Equal(1.0, point.Value[0, 0], 4);
        Assert.Equal(-2.0, point.Value[0, 1], 4);
    }

    [Fact]
    public void Adam_first_step_moves_each_weight_by_the_learning_rate_thanks_to_bias_correction()
    {
        var parameter = new Parameter("p", Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 1.0, 1.0 } }));
        parameter.Gradient.SetRow(0, [1e-3, -5.0, 200.0]);
        var adam = new Adam([parameter], learningRate: 0.01);

        adam.Step();

        // m̂/√v̂ = g/|g| exactly after one step, up to ε; the tiny gradient shows ε's share.
        Assert.Equal(1.0 - 0.01 * 1e-3 / (1e-3 + 1e-8), parameter.Value[0, 0], 14);
        Assert.Equal(1.0 + 0.01, parameter.Value[0, 1], 10);
        Assert.Equal(1.0 - 0.01, parameter.Value[0, 2], 10);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void Sgd_converges_to_the_least_squares_solution(double momentum)
    {
        var problem = LeastSquares.Create(seed: 2);
        var weights = new Parameter("w", Matrix<double>.Build.Dense(problem.Features, 1));
        var sgd = new Sgd([weights], learningRate: 0.02, momentum);

        for (var step = 0; step < 3000; step++)
        {
            sgd.ZeroGrad();
            problem.AddGradient(weights);
            sgd.Step();
        }

        Assert.True((weights.Value - problem.Optimum).InfinityNorm() < 1e-6);
    }

    [Fact]
    public void Zero_grad_clears_every_gradient()
    {
        var a = new Parameter("a", Matrix<double>.Build.Dense(2, 3));
        var b = new Parameter("b", Matrix<double>.Build.Dense(1, 3));
        a.Gradient.MapInplace(_ => 1.0);
        b.Gradient.MapInplace(_ => -2.0);

        new Adam([a, b]).ZeroGrad();

        Assert.Equal(0.0, a.Gradient.InfinityNorm());
        Assert.Equal(0.0, b.Gradient.InfinityNorm());
    }

    /// <summary>min_w mean((Xw − y)²) with a known solution from the normal equations.</summary>
    private sealed record LeastSquares(Matrix<double> X, Matrix<double> Y, Matrix<double> Optimum)
    {
        public int Features => X.ColumnCount;

        public static LeastSquares Create(int seed)
        {
            var x = TestMatrices.Uniform(60, 4, seed);
            var y = x * Matrix<double>.Build.DenseOfArray(new[,] { { 1.5 }, { -2.0 }, { 0.5 }, { 3.0 } })
                + TestMatrices.Uniform(60, 1, seed + 100, -0.1, 0.1);
            return new LeastSquares(x, y, x.TransposeThisAndMultiply(x).Solve(x.TransposeThisAndMultiply(y)));
        }

        public void AddGradient(Parameter weights) =>
            weights.Gradient.Add(X.TransposeThisAndMultiply(X * weights.Value - Y) * (2.0 / X.RowCount), weights.Gradient);
    }
}
