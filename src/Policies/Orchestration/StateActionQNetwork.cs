using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// Paper 003's deep Q-network as Sec. 4.2.2 describes it: its input is the state and one action, its output that
/// action's Q-value. The input is the Table 3 features followed by a one-hot block of each device's action (all zeros
/// for a device without a request); two fully connected ReLU hidden layers, one linear output. Unlike a layer of 10^N
/// outputs, one weight serves every joint action that shares a device's action, so what is learnt of one joint action
/// carries over to its neighbours.
/// The greedy action is exact: every joint action of the active devices is evaluated. The first layer is linear in the
/// one-hots, so its pre-activation is the state's part plus one column per device's action, summed device by device
/// as the enumeration descends; only the second hidden layer and the output are evaluated per joint action.
/// </summary>
internal sealed class StateActionQNetwork : IQNetwork
{
    private readonly JointActions _joints;
    private readonly int _features;
    private readonly int _inputs;
    private readonly int _width;
    private readonly Dense _first;
    private readonly Dense _second;
    private readonly Dense _output;
    private readonly Sequential _network;
    private readonly Adam _optimizer;
    private readonly List<(double[] State, int[] Active, (long Joint, double Q) Best)> _bestSinceTraining = [];

    public StateActionQNetwork(JointActions joints, int features, int hidden, LearningSettings learning, Random init)
    {
        _joints = joints;
        _features = features;
        _inputs = features + (joints.Devices * joints.PerDevice);
        _width = hidden;
        _first = new Dense("hidden0", _inputs, hidden, WeightInit.He, init);
        _second = new Dense("hidden1", hidden, hidden, WeightInit.He, init);
        _output = new Dense("q", hidden, 1, WeightInit.Glorot, init);
        _network = new Sequential(_first, new Relu(), _second, new Relu(), _output);
        Parameters = _network.Parameters;
        _optimizer = new Adam(Parameters, learning.LearningRate);
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Q(state, output) by the plain forward pass, the reference the enumeration is tested against.</summary>
    public double Value(double[] state, long output) => _network.Forward(Inputs([state], [output]))[0, 0];

    /// <remarks>
    /// A step asks twice for the same state with the same weights (its greedy action, then its target's max when the
    /// next state is the same): the enumerations since the last training step are kept.
    /// </remarks>
    public (long Joint, double Q)[] Best(IReadOnlyList<double[]> states, IReadOnlyList<int[]> active)
    {
        Enumeration? weights = null;
        var best = new (long Joint, double Q)[states.Count];
        for (var i = 0; i < states.Count; i++)
        {
            var known = _bestSinceTraining.FindIndex(e => e.State.AsSpan().SequenceEqual(states[i]) && e.Active.AsSpan().SequenceEqual(active[i]));
            if (known >= 0)
            {
                best[i] = _bestSinceTraining[known].Best;
                continue;
            }

            weights ??= new Enumeration(this);
            best[i] = weights.Best(states[i], active[i]);
            _bestSinceTraining.Add(([.. states[i]], [.. active[i]], best[i]));
        }

        return best;
    }

    public double Train(IReadOnlyList<double[]> states, IReadOnlyList<long> outputs, double[] targets)
    {
        var batch = states.Count;
        _bestSinceTraining.Clear();
        _optimizer.ZeroGrad();
        var q = _network.Forward(Inputs(states, outputs));
        var gradient = Matrix<double>.Build.Dense(batch, 1);
        var loss = 0.0;
        for (var i = 0; i < batch; i++)
        {
            var error = q[i, 0] - targets[i];
            loss += error * error / batch;
            gradient[i, 0] = 2.0 * error / batch;
        }

        _network.Backward(gradient);
        _optimizer.Step();
        return loss;
    }

    public void WeightsLoaded() => _bestSinceTraining.Clear();

    /// <summary>The network's input rows: the features, then each active device's action one-hot.</summary>
    private Matrix<double> Inputs(IReadOnlyList<double[]> states, IReadOnlyList<long> outputs)
    {
        var rows = Matrix<double>.Build.Dense(states.Count, _inputs);
        for (var i = 0; i < states.Count; i++)
        {
            var state = states[i];
            for (var f = 0; f < _features; f++)
            {
                rows[i, f] = state[f];
            }

            for (var device = 0; device < _joints.Devices; device++)
            {
                if (state[ResourceState.ActiveIndex(device)] > 0.5)
                {
                    rows[i, _features + (device * _joints.PerDevice) + _joints.ActionOf(outputs[i], device)] = 1.0;
                }
            }
        }

        return rows;
    }

    /// <summary>The weights laid out for enumerating joint actions: the second layer row by row, so that it is applied as a sum of scaled rows, whose order does not depend on the vector width.</summary>
    private sealed class Enumeration
    {
        private readonly StateActionQNetwork _net;
        private readonly int _width;
        private readonly double[] _firstWeight;
        private readonly double[] _firstBias;
        private readonly double[] _secondRows;
        private readonly double[] _secondBias;
        private readonly double[] _outputWeight;
        private readonly double _outputBias;
        private readonly double[] _preActivation;
        private readonly double[][] _partial;
        private int[] _active = [];
        private long _bestJoint;
        private double _bestQ;

        public Enumeration(StateActionQNetwork net)
        {
            _net = net;
            _width = net._width;
            _firstWeight = DenseStorage.Of(net._first.Weight.Value);
            _firstBias = DenseStorage.Of(net._first.Bias.Value);
            var second = DenseStorage.Of(net._second.Weight.Value);
            _secondRows = new double[_width * _width];
            for (var h = 0; h < _width; h++)
            {
                for (var o = 0; o < _width; o++)
                {
                    _secondRows[(h * _width) + o] = second[(o * _width) + h];
                }
            }

            _secondBias = DenseStorage.Of(net._second.Bias.Value);
            _outputWeight = DenseStorage.Of(net._output.Weight.Value);
            _outputBias = DenseStorage.Of(net._output.Bias.Value)[0];
            _preActivation = new double[_width];
            _partial = new double[net._joints.Devices + 1][];
            for (var level = 0; level < _partial.Length; level++)
            {
                _partial[level] = new double[_width];
            }
        }

        public (long Joint, double Q) Best(double[] state, int[] active)
        {
            _active = active;

            // The state's part of the first layer: bias plus weights times features.
            var top = _partial[active.Length];
            var inputs = _net._inputs;
            for (var h = 0; h < _width; h++)
            {
                var sum = _firstBias[h];
                for (var f = 0; f < _net._features; f++)
                {
                    sum += _firstWeight[(h * inputs) + f] * state[f];
                }

                top[h] = sum;
            }

            _bestJoint = -1;
            _bestQ = double.NegativeInfinity;
            Descend(active.Length, 0L);
            return (_bestJoint, _bestQ);
        }

        /// <summary>Adds the action column of each device from the last active one down, so that leaves come in increasing joint order.</summary>
        private void Descend(int level, long prefix)
        {
            var above = _partial[level];
            if (level == 0)
            {
                Leaf(above, prefix);
                return;
            }

            var device = _active[level - 1];
            var below = _partial[level - 1];
            var inputs = _net._inputs;
            var perDevice = _net._joints.PerDevice;
            var column = _net._features + (device * perDevice);
            for (var action = 0; action < perDevice; action++)
            {
                for (var h = 0; h < _width; h++)
                {
                    below[h] = above[h] + _firstWeight[(h * inputs) + column + action];
                }

                Descend(level - 1, (prefix * perDevice) + action);
            }
        }

        private void Leaf(double[] firstPreActivation, long joint)
        {
            var second = _preActivation;
            _secondBias.AsSpan().CopyTo(second);
            var lanes = System.Numerics.Vector<double>.Count;
            var vectorised = System.Numerics.Vector.IsHardwareAccelerated && _width % lanes == 0;
            var secondVectors = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(second.AsSpan());
            var rowVectors = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(_secondRows.AsSpan());
            var perRow = _width / lanes;
            for (var h = 0; h < _width; h++)
            {
                var a = Math.Max(firstPreActivation[h], 0.0);
                if (a == 0.0)
                {
                    continue;
                }

                if (vectorised)
                {
                    var scale = new System.Numerics.Vector<double>(a);
                    var row = rowVectors.Slice(h * perRow, perRow);
                    for (var v = 0; v < perRow; v++)
                    {
                        secondVectors[v] += row[v] * scale;
                    }
                }
                else
                {
                    var row = _secondRows.AsSpan(h * _width, _width);
                    for (var o = 0; o < _width; o++)
                    {
                        second[o] += row[o] * a;
                    }
                }
            }

            var q = _outputBias;
            for (var o = 0; o < _width; o++)
            {
                if (second[o] > 0.0)
                {
                    q += second[o] * _outputWeight[o];
                }
            }

            if (q > _bestQ)
            {
                _bestQ = q;
                _bestJoint = joint;
            }
        }
    }
}
