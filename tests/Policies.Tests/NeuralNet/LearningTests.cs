using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.NeuralNet;

/// <summary>End-to-end: layers, losses and optimisers together actually learn.</summary>
public class LearningTests
{
    [Fact]
    public void A_small_mlp_learns_xor()
    {
        var random = new RandomStream(7);
        var network = new Sequential(
            new Dense("hidden", 2, 8, WeightInit.Xavier, random), new Tanh(), new Dense("out", 8, 1, WeightInit.Xavier, random));
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var targets = Matrix<double>.Build.DenseOfArray(new double[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        var gradient = Matrix<double>.Build.Dense(4, 1);
        var adam = new Adam(network.Parameters, learningRate: 0.05);

        var loss = double.NaN;
        for (var step = 0; step < 1500; step++)
        {
            adam.ZeroGrad();
            loss = BinaryCrossEntropyLoss.Compute(network.Forward(inputs), targets, gradient);
            network.Backward(gradient);
            adam.Step();
        }

        Assert.True(loss < 0.01, $"final loss {loss}");
        var logits = network.Forward(inputs);
        for (var r = 0; r < 4; r++)
        {
            Assert.Equal(targets[r, 0] == 1.0, logits[r, 0] > 0.0);
        }
    }

    [Fact]
    public void A_relu_mlp_fits_a_smooth_curve_with_shuffled_mini_batches()
    {
        var random = new RandomStream(3);
        var network = new Sequential(
            new Dense("hidden1", 1, 32, WeightInit.He, random),
            new Relu(),
            new Dense("hidden2", 32, 32, WeightInit.He, random),
            new Relu(),
            new Dense("out", 32, 1, WeightInit.Xavier, random));
        var x = Matrix<double>.Build.Dense(128, 1, (r, _) => -3.0 + 6.0 * r / 127);
        var y = x.Map(Math.Sin);
        var batchX = Matrix<double>.Build.Dense(16, 1);
        var batchY = Matrix<double>.Build.Dense(16, 1);
        var gradient = Matrix<double>.Build.Dense(16, 1);
        var adam = new Adam(network.Parameters, learningRate: 0.01);

        for (var epoch = 0; epoch < 300; epoch++)
        {
            foreach (var batch in MiniBatches.Shuffled(128, 16, random))
            {
                MiniBatches.GatherRows(x, batch, batchX);
                MiniBatches.GatherRows(y, batch, batchY);
                adam.ZeroGrad();
                MseLoss.Compute(network.Forward(batchX), batchY, gradient);
                network.Backward(gradient);
                GradientClipping.ClipGlobalNorm(network.Parameters, 5.0);
                adam.Step();
            }
        }

        var finalLoss = MseLoss.Compute(network.Forward(x), y, Matrix<double>.Build.Dense(128, 1));
        Assert.True(finalLoss < 0.005, $"final loss {finalLoss}");
    }

    [Fact]
    public void Policy_gradient_with_a_value_baseline_learns_the_best_feasible_action_per_device()
    {
        // A contextual bandit: two devices, four actions each; the context says which action pays,
        // and action 3 of device 1 pays most but is always masked, so it must never be learnt.
        const int devices = 2, actionsPerDevice = 4, batch = 32;
        var random = new RandomStream(21);
        var heads = new CategoricalHeads(devices, actionsPerDevice);
        var trunk = new Sequential(new Dense("trunk", 2, 32, WeightInit.He, random), new Relu());
        var network = new MultiHeadNetwork(
            trunk,
            new Dense("policy", 32, heads.TotalActions, WeightInit.Xavier, random),
            new Dense("value", 32, 1, WeightInit.Xavier, random));
        var adam = new Adam(network.Parameters, learningRate: 0.01);
        var states = Matrix<double>.Build.Dense(batch, 2);
        var mask = new ActionMask(batch, heads.TotalActions);
        for (var r = 0; r < batch; r++)
        {
            mask.Set(r, heads.Offset(1) + 3, false);
        }

        var probabilities = Matrix<double>.Build.Dense(batch, heads.TotalActions);
        var actions = new int[batch, devices];
        var advantages = Vector<double>.Build.Dense(batch);
        var returns = Vector<double>.Build.Dense(batch);
        var policyGradient = Matrix<double>.Build.Dense(batch, heads.TotalActions);
        var valueGradient = Matrix<double>.Build.Dense(batch, 1);

        for (var step = 0; step < 600; step++)
        {
            for (var r = 0; r < batch; r++)
            {
                states[r, 0] = random.Next(2);
                states[r, 1] = 1.0 - states[r, 0];
            }

            var outputs = network.Forward(states);
            heads.Probabilities(outputs[0], mask, probabilities);
            heads.Sample(probabilities, random, actions);
            for (var r = 0; r < batch; r++)
            {
                returns[r] = Reward(states[r, 0], actions[r, 0], 0) + Reward(states[r, 0], actions[r, 1], 1);
                advantages[r] = returns[r] - outputs[1][r, 0];
            }

            adam.ZeroGrad();
            heads.PolicyGradient(outputs[0], mask, actions, advantages, 0.01, policyGradient);
            MseLoss.Compute(outputs[1], returns, valueGradient);
            network.Backward(policyGradient, valueGradient);
            adam.Step();
        }

        var contexts = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 } });
        var greedy = new int[2, devices];
        var contextMask = new ActionMask(2, heads.TotalActions);
        contextMask.Set(0, heads.Offset(1) + 3, false);
        contextMask.Set(1, heads.Offset(1) + 3, false);
        heads.Greedy(network.Forward(contexts)[0], contextMask, greedy);
        Assert.Equal(new[,] { { 1, 1 }, { 2, 2 } }, greedy);
    }

    // Context 1 rewards action 1, context 0 rewards action 2; device 1's action 3 would pay 5 if allowed.
    private static double Reward(double context, int action, int device) =>
        device == 1 && action == 3 ? 5.0 : action == (context == 1.0 ? 1 : 2) ? 1.0 : 0.0;
}
