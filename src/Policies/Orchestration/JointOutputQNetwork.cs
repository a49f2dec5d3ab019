using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// A Q-network with one output per joint action of every device: two fully connected ReLU hidden layers on the Table 3
/// features, then a layer of 10^N Q-values. Only the taken actions' Q-values are computed and have gradient
/// (<see cref="Dense.ForwardPicked"/>); with <c>lazyOutput</c> only their columns of the output layer move
/// (<see cref="ColumnSparseAdam"/>), so that a training step costs the batch rather than the 10^N actions.
/// </summary>
internal sealed class JointOutputQNetwork : IQNetwork
{
    private readonly JointActions _joints;
    private readonly int _features;
    private readonly Sequential _hidden;
    private readonly Dense _q;
    private readonly Adam _optimizer;
    private readonly ColumnSparseAdam? _lazyOutput;

    public JointOutputQNetwork(JointActions joints, int features, int hidden, LearningSettings learning, Random init)
    {
        _joints = joints;
        _features = features;
        _hidden = new Sequential(
            new Dense("hidden0", features, hidden, WeightInit.He, init),
            new Relu(),
            new Dense("hidden1", hidden, hidden, WeightInit.He, init),
            new Relu());
        _q = new Dense("q", hidden, checked((int)joints.Count(joints.Devices)), WeightInit.Glorot, init);
        Parameters = [.. _hidden.Parameters, .. _q.Parameters];
        _optimizer = new Adam(learning.LazyOutput ? _hidden.Parameters : Parameters, learning.LearningRate);
        _lazyOutput = learning.LazyOutput ? new ColumnSparseAdam(_q.Weight, _q.Bias, learning.LearningRate) : null;
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    public (long Joint, double Q)[] Best(IReadOnlyList<double[]> states, IReadOnlyList<int[]> active)
    {
        var q = _q.Forward(_hidden.Forward(Rows(states)));
        var best = new (long Joint, double Q)[states.Count];
        for (var row = 0; row < states.Count; row++)
        {
            best[row] = BestInRow(q, row, active[row]);
        }

        return best;
    }

    public double Train(IReadOnlyList<double[]> states, IReadOnlyList<long> outputs, double[] targets)
    {
        var batch = states.Count;
        _optimizer.ZeroGrad();
        var actions = new int[batch];
        for (var i = 0; i < batch; i++)
        {
            actions[i] = (int)outputs[i];
        }

        var taken = actions.Distinct().ToArray();
        _lazyOutput?.ZeroGrad(taken);

        var q = _q.ForwardPicked(_hidden.Forward(Rows(states)), actions);
        var gradient = new double[batch];
        var loss = 0.0;
        for (var i = 0; i < batch; i++)
        {
            var error = q[i] - targets[i];
            loss += error * error / batch;
            gradient[i] = 2.0 * error / batch;
        }

        _hidden.Backward(_q.BackwardPicked(gradient));
        _optimizer.Step();
        _lazyOutput?.Step(taken);
        return loss;
    }

    public void WeightsLoaded()
    {
    }

    private Matrix<double> Rows(IReadOnlyList<double[]> states)
    {
        var rows = Matrix<double>.Build.Dense(states.Count, _features);
        for (var i = 0; i < states.Count; i++)
        {
            rows.SetRow(i, states[i]);
        }

        return rows;
    }

    private (long Joint, double Q) BestInRow(Matrix<double> q, int row, int[] active)
    {
        var count = _joints.Count(active.Length);
        var best = (Joint: 0L, Q: q[row, (int)_joints.Output(0, active)]);
        for (var joint = 1L; joint < count; joint++)
        {
            var value = q[row, (int)_joints.Output(joint, active)];
            if (value > best.Q)
            {
                best = (joint, value);
            }
        }

        return best;
    }
}
