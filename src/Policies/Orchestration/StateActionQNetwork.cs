using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using MecActors.Policies.Learning.NeuralNet;
using Lanes = System.Numerics.Vector<double>;
using LaneVector = System.Numerics.Vector;

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

    /// <summary>
    /// The weights laid out for enumerating joint actions: the second layer row by row, applied to a block of joint
    /// actions at once as a sum of scaled rows in row order, so that every Q-value has the bits of the plain forward
    /// pass's order whatever the vector width. The most significant device's actions are split among the cores; each
    /// part keeps its first largest Q, and the parts are merged in joint order, so the answer does not depend on them.
    /// </summary>
    private sealed class Enumeration
    {
        /// <summary>Below this many joint actions one core enumerates them all: the split would cost more than it saves.</summary>
        private const long SplitFrom = 5_000;

        /// <summary>Output vectors of the second layer computed together, their rows stored side by side.</summary>
        private const int PanelVectors = 2;

        private readonly StateActionQNetwork _net;
        private readonly int _width;
        private readonly double[] _firstWeight;
        private readonly double[] _firstColumns;
        private readonly double[] _firstBias;
        private readonly double[] _secondRows;
        private readonly int _panelLanes;
        private readonly double[] _secondPanels;
        private readonly double[] _secondBias;
        private readonly double[] _outputWeight;
        private readonly double _outputBias;

        public Enumeration(StateActionQNetwork net)
        {
            _net = net;
            _width = net._width;
            _firstWeight = DenseStorage.Of(net._first.Weight.Value);
            _firstColumns = new double[net._inputs * _width];
            for (var h = 0; h < _width; h++)
            {
                for (var i = 0; i < net._inputs; i++)
                {
                    _firstColumns[(i * _width) + h] = _firstWeight[(h * net._inputs) + i];
                }
            }

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

            _panelLanes = Fits<Lanes512>(_width) ? Lanes512.Count : Fits<Lanes256>(_width) ? Lanes256.Count : 0;
            _secondPanels = _panelLanes > 0 ? Panels(_secondRows, _width, _panelLanes * PanelVectors) : _secondRows;
            _secondBias = DenseStorage.Of(net._second.Bias.Value);
            _outputWeight = DenseStorage.Of(net._output.Weight.Value);
            _outputBias = DenseStorage.Of(net._output.Bias.Value)[0];
        }

        /// <summary>Whether the kernel can run on these registers: they are fast here and a panel divides the width.</summary>
        private static bool Fits<TLanes>(int width)
            where TLanes : struct, IKernelLanes<TLanes> => TLanes.IsAccelerated && width % (TLanes.Count * PanelVectors) == 0;

        /// <summary>
        /// The second layer's rows regrouped by panels of <see cref="PanelVectors"/> output vectors: a panel holds, row
        /// after row, its vectors' part of the row, so the block's inner loop reads memory in order.
        /// </summary>
        private static double[] Panels(double[] rows, int width, int panelWidth)
        {
            var panels = new double[rows.Length];
            for (var panel = 0; panel < width / panelWidth; panel++)
            {
                for (var h = 0; h < width; h++)
                {
                    Array.Copy(rows, (h * width) + (panel * panelWidth), panels, (panel * width * panelWidth) + (h * panelWidth), panelWidth);
                }
            }

            return panels;
        }

        public (long Joint, double Q) Best(double[] state, int[] active)
        {
            // The state's part of the first layer: bias plus weights times features.
            var top = new double[_width];
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

            var perDevice = _net._joints.PerDevice;
            var parts = active.Length >= 2 && _net._joints.Count(active.Length) >= SplitFrom ? Math.Min(Environment.ProcessorCount, perDevice) : 1;
            if (parts == 1)
            {
                return new Search(this, active).Run(top, 0, perDevice);
            }

            var found = new (long Joint, double Q)[parts];
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
                found[part] = new Search(this, active).Run(top, perDevice * part / parts, perDevice * (part + 1) / parts));
            var best = found[0];
            for (var part = 1; part < parts; part++)
            {
                if (found[part].Q > best.Q)
                {
                    best = found[part];
                }
            }

            return best;
        }

        /// <summary>One core's share of an enumeration, with its own partial sums and block buffers.</summary>
        private sealed class Search
        {
            /// <summary>Joint actions whose second layer is computed together: each row of its weights is read once for them.</summary>
            private const int Block = 4;

            private readonly Enumeration _weights;
            private readonly int[] _active;
            private readonly int _width;
            private readonly double[][] _partial;
            private readonly double[] _activations;
            private readonly double[] _second;
            private readonly int[] _usedRows;
            private readonly double[] _usedActivations;
            private long _bestJoint = -1;
            private double _bestQ = double.NegativeInfinity;

            public Search(Enumeration weights, int[] active)
            {
                _weights = weights;
                _active = active;
                _width = weights._width;
                _partial = new double[active.Length + 1][];
                for (var level = 0; level < _partial.Length; level++)
                {
                    _partial[level] = new double[_width];
                }

                var perDevice = weights._net._joints.PerDevice;
                var blocks = (perDevice + Block - 1) / Block * Block;
                _activations = new double[blocks * _width];
                _second = new double[blocks * _width];
                _usedRows = new int[_width];
                _usedActivations = new double[Block * _width];
            }

            /// <summary>The first largest Q among the joint actions whose most significant device takes an action in [<paramref name="from"/>, <paramref name="to"/>).</summary>
            public (long Joint, double Q) Run(double[] top, int from, int to)
            {
                if (_active.Length == 0)
                {
                    Activate(top, 0);
                    Leaves(1, 0L);
                    return (_bestJoint, _bestQ);
                }

                top.AsSpan().CopyTo(_partial[_active.Length]);
                Descend(_active.Length, 0L, from, to);
                return (_bestJoint, _bestQ);
            }

            /// <summary>Adds the action column of each device from the last active one down, so that leaves come in increasing joint order.</summary>
            private void Descend(int level, long prefix, int from, int to)
            {
                var net = _weights._net;
                var above = _partial[level];
                var device = _active[level - 1];
                var perDevice = net._joints.PerDevice;
                var column = net._features + (device * perDevice);
                if (level == 1)
                {
                    for (var action = 0; action < perDevice; action++)
                    {
                        Add(above, Column(column + action), _activations.AsSpan(action * _width, _width), activate: true);
                    }

                    Leaves(perDevice, prefix * perDevice);
                    return;
                }

                var below = _partial[level - 1];
                for (var action = from; action < to; action++)
                {
                    Add(above, Column(column + action), below, activate: false);
                    Descend(level - 1, (prefix * perDevice) + action, 0, perDevice);
                }
            }

            private ReadOnlySpan<double> Column(int input) => _weights._firstColumns.AsSpan(input * _width, _width);

            /// <summary>The element-wise sum of a partial pre-activation and an action's column, through the ReLU if asked.</summary>
            private static void Add(ReadOnlySpan<double> above, ReadOnlySpan<double> column, Span<double> sum, bool activate)
            {
                var lanes = Lanes.Count;
                var h = 0;
                if (LaneVector.IsHardwareAccelerated)
                {
                    for (; h + lanes <= sum.Length; h += lanes)
                    {
                        var pre = new Lanes(above[h..]) + new Lanes(column[h..]);
                        (activate ? LaneVector.MaxNative(pre, Lanes.Zero) : pre).CopyTo(sum[h..]);
                    }
                }

                for (; h < sum.Length; h++)
                {
                    var pre = above[h] + column[h];
                    sum[h] = activate ? Math.Max(pre, 0.0) : pre;
                }
            }

            private void Activate(double[] preActivation, int leaf)
            {
                for (var h = 0; h < _width; h++)
                {
                    _activations[(leaf * _width) + h] = Math.Max(preActivation[h], 0.0);
                }
            }

            /// <summary>The Q-values of <paramref name="count"/> consecutive joint actions from <paramref name="firstJoint"/>, whose first-layer activations are in the block buffer.</summary>
            private void Leaves(int count, long firstJoint)
            {
                for (var start = 0; start < count; start += Block)
                {
                    SecondLayer(start);
                }

                // The second layer is stored through its ReLU: a zero adds nothing, so no branch is needed; the block's
                // four sums run side by side, each in the plain pass's order.
                var output = _weights._outputWeight.AsSpan(0, _width);
                for (var start = 0; start < count; start += Block)
                {
                    var s0 = _second.AsSpan(start * _width, _width);
                    var s1 = _second.AsSpan((start + 1) * _width, _width);
                    var s2 = _second.AsSpan((start + 2) * _width, _width);
                    var s3 = _second.AsSpan((start + 3) * _width, _width);
                    var q0 = _weights._outputBias;
                    var q1 = q0;
                    var q2 = q0;
                    var q3 = q0;
                    for (var o = 0; o < output.Length; o++)
                    {
                        q0 += s0[o] * output[o];
                        q1 += s1[o] * output[o];
                        q2 += s2[o] * output[o];
                        q3 += s3[o] * output[o];
                    }

                    Consider(q0, start, count, firstJoint);
                    Consider(q1, start + 1, count, firstJoint);
                    Consider(q2, start + 2, count, firstJoint);
                    Consider(q3, start + 3, count, firstJoint);
                }
            }

            private void Consider(double q, int leaf, int count, long firstJoint)
            {
                if (leaf < count && q > _bestQ)
                {
                    _bestQ = q;
                    _bestJoint = firstJoint + leaf;
                }
            }

            /// <summary>
            /// The second layer's pre-activations of the block of leaves from <paramref name="start"/>: bias, then row h
            /// times activation h added for h in order. A zero activation adds a signed zero, which changes no sum's
            /// value, only possibly the sign of a zero one, and the layer is stored through its ReLU; so the rows whose
            /// activation is zero in every leaf of the block, about a third of them in a trained network, are skipped.
            /// </summary>
            private void SecondLayer(int start)
            {
                var width = _width;
                var bias = _weights._secondBias;
                var rows = _weights._secondRows;
                if (_weights._panelLanes == Lanes512.Count)
                {
                    SecondLayer<Lanes512>(start);
                    return;
                }

                if (_weights._panelLanes == Lanes256.Count)
                {
                    SecondLayer<Lanes256>(start);
                    return;
                }

                for (var leaf = start; leaf < start + Block; leaf++)
                {
                    var second = _second.AsSpan(leaf * width, width);
                    bias.AsSpan().CopyTo(second);
                    for (var h = 0; h < width; h++)
                    {
                        var a = _activations[(leaf * width) + h];
                        for (var o = 0; o < width; o++)
                        {
                            second[o] += rows[(h * width) + o] * a;
                        }
                    }

                    for (var o = 0; o < width; o++)
                    {
                        second[o] = Math.Max(second[o], 0.0);
                    }
                }
            }

            /// <summary>
            /// The kernel: eight sums held in registers while a panel of two vectors a row streams past. It is compiled
            /// optimised from its first call: unoptimised, its lane operations are calls.
            /// </summary>
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            private void SecondLayer<TLanes>(int start)
                where TLanes : struct, IKernelLanes<TLanes>
            {
                var width = _width;
                var lanes = TLanes.Count;
                var a0 = _activations.AsSpan(start * width, width);
                var a1 = _activations.AsSpan((start + 1) * width, width);
                var a2 = _activations.AsSpan((start + 2) * width, width);
                var a3 = _activations.AsSpan((start + 3) * width, width);

                // The rows some leaf of the block uses, and the four activations of each side by side. Activations are
                // never negative: a zero sum means all four are zero.
                var used = 0;
                for (var h = 0; h < width; h++)
                {
                    if (a0[h] + a1[h] + a2[h] + a3[h] > 0.0)
                    {
                        _usedRows[used] = h;
                        _usedActivations[(Block * used) + 0] = a0[h];
                        _usedActivations[(Block * used) + 1] = a1[h];
                        _usedActivations[(Block * used) + 2] = a2[h];
                        _usedActivations[(Block * used) + 3] = a3[h];
                        used++;
                    }
                }

                // References without bounds checks: every offset below is within its array by construction.
                ref var row = ref MemoryMarshal.GetArrayDataReference(_usedRows);
                ref var activation = ref MemoryMarshal.GetArrayDataReference(_usedActivations);
                ref var panels = ref MemoryMarshal.GetArrayDataReference(_weights._secondPanels);
                ref var bias = ref MemoryMarshal.GetArrayDataReference(_weights._secondBias);
                ref var output = ref MemoryMarshal.GetArrayDataReference(_second);
                var panelWidth = lanes * PanelVectors;
                for (var o = 0; o < width; o += panelWidth)
                {
                    ref var panel = ref Unsafe.Add(ref panels, o * width);
                    var s00 = TLanes.Load(ref Unsafe.Add(ref bias, o));
                    var s01 = TLanes.Load(ref Unsafe.Add(ref bias, o + lanes));
                    var s10 = s00;
                    var s11 = s01;
                    var s20 = s00;
                    var s21 = s01;
                    var s30 = s00;
                    var s31 = s01;
                    for (var k = 0; k < used; k++)
                    {
                        var at = Unsafe.Add(ref row, k) * panelWidth;
                        var r0 = TLanes.Load(ref Unsafe.Add(ref panel, at));
                        var r1 = TLanes.Load(ref Unsafe.Add(ref panel, at + lanes));
                        var b0 = TLanes.Broadcast(Unsafe.Add(ref activation, Block * k));
                        var b1 = TLanes.Broadcast(Unsafe.Add(ref activation, (Block * k) + 1));
                        var b2 = TLanes.Broadcast(Unsafe.Add(ref activation, (Block * k) + 2));
                        var b3 = TLanes.Broadcast(Unsafe.Add(ref activation, (Block * k) + 3));
                        s00 = TLanes.MultiplyThenAdd(s00, r0, b0);
                        s01 = TLanes.MultiplyThenAdd(s01, r1, b0);
                        s10 = TLanes.MultiplyThenAdd(s10, r0, b1);
                        s11 = TLanes.MultiplyThenAdd(s11, r1, b1);
                        s20 = TLanes.MultiplyThenAdd(s20, r0, b2);
                        s21 = TLanes.MultiplyThenAdd(s21, r1, b2);
                        s30 = TLanes.MultiplyThenAdd(s30, r0, b3);
                        s31 = TLanes.MultiplyThenAdd(s31, r1, b3);
                    }

                    TLanes.Store(TLanes.Relu(s00), ref Unsafe.Add(ref output, (start * width) + o));
                    TLanes.Store(TLanes.Relu(s01), ref Unsafe.Add(ref output, (start * width) + o + lanes));
                    TLanes.Store(TLanes.Relu(s10), ref Unsafe.Add(ref output, ((start + 1) * width) + o));
                    TLanes.Store(TLanes.Relu(s11), ref Unsafe.Add(ref output, ((start + 1) * width) + o + lanes));
                    TLanes.Store(TLanes.Relu(s20), ref Unsafe.Add(ref output, ((start + 2) * width) + o));
                    TLanes.Store(TLanes.Relu(s21), ref Unsafe.Add(ref output, ((start + 2) * width) + o + lanes));
                    TLanes.Store(TLanes.Relu(s30), ref Unsafe.Add(ref output, ((start + 3) * width) + o));
                    TLanes.Store(TLanes.Relu(s31), ref Unsafe.Add(ref output, ((start + 3) * width) + o + lanes));
                }
            }
        }
    }
}
