using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.Learning.JointA2C;

/// <summary>
/// Advantage actor-critic for offloading and exit selection (paper 000, Sec. III-B). The actor has one
/// categorical head per device over (edge, exit) pairs with infeasible pairs masked; the critic estimates
/// V(S(t)). Each slot is a step whose reward R(t) arrives with the slot's feedback, possibly slots later;
/// every n completed steps the agent updates on their n-step returns, bootstrapped from the value of the
/// state that followed the last of them. With <see cref="RewardCredit.PerDevice"/> the critic has one output
/// per device and each head learns from its own device's term of R(t).
/// </summary>
public sealed class JointA2CAgent : ITrainablePolicy
{
    private readonly A2CSettings _settings;
    private readonly StateEncoder _encoder;
    private readonly ActionSpace _actions;
    private readonly CategoricalHeads _heads;
    private readonly MultiHeadNetwork _network;
    private readonly Adam _optimizer;
    private readonly RandomStream _random;
    private readonly SystemView _system;
    private readonly int _valueOutputs;
    private readonly Dictionary<int, Step> _decided = new();
    private readonly List<Step> _completed = new();
    private readonly Matrix<double> _single;
    private readonly ActionMask _singleMask;
    private readonly Matrix<double> _probabilities;
    private readonly int[,] _chosen;
    private readonly bool[] _active;
    private int _lastSlot;
    private readonly double[] _computePerEdge;
    private readonly int[] _tasksPerEdge;

    public JointA2CAgent(SystemView system, LearnedParts parts, A2CSettings settings, int seed)
    {
        _settings = settings;
        _system = system;
        _encoder = new StateEncoder(system);
        _actions = new ActionSpace(system, parts);
        _heads = new CategoricalHeads(_actions.HeadSizes);
        _valueOutputs = settings.Credit == RewardCredit.PerDevice ? _actions.Devices : 1;
        var init = RandomStream.For(seed, StreamKind.Policy, 100);
        var layers = new List<ILayer>();
        var width = _encoder.Length;
        for (var i = 0; i < settings.Hidden.Length; i++)
        {
            layers.Add(new Dense($"trunk{i}", width, settings.Hidden[i], WeightInit.He, init));
            layers.Add(new Relu());
            width = settings.Hidden[i];
        }

        var policyHead = new Dense("policy", width, _heads.TotalActions, WeightInit.Glorot, init);

        // A near-uniform starting policy: with full-size weights the heads start peaked and collapse before exploring.
        policyHead.Weight.Value.Multiply(0.01, policyHead.Weight.Value);
        _network = new MultiHeadNetwork(
            new Sequential(layers.ToArray()),
            policyHead,
            new Dense("value", width, _valueOutputs, WeightInit.Glorot, init));
        _optimizer = new Adam(_network.Parameters, settings.LearningRate);
        _random = RandomStream.For(seed, StreamKind.Policy, 101);
        _single = Matrix<double>.Build.Dense(1, _encoder.Length);
        _singleMask = new ActionMask(1, _heads.TotalActions);
        _probabilities = Matrix<double>.Build.Dense(1, _heads.TotalActions);
        _chosen = new int[1, _heads.HeadCount];
        _active = new bool[_actions.Devices];
        _computePerEdge = new double[system.Edges];
        _tasksPerEdge = new int[system.Edges];
    }

    public bool Training { get; set; } = true;

    public event Action<TrainingPoint>? Updated;

    public IReadOnlyList<Parameter> Parameters => _network.Parameters;

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        if (observation.Slot <= _lastSlot)
        {
            // A new run started: steps of the previous one can no longer be completed.
            _decided.Clear();
            _completed.Clear();
        }

        _lastSlot = observation.Slot;
        var state = new double[_encoder.Length];
        _encoder.Encode(observation, state);
        var mask = new bool[_heads.TotalActions];
        _actions.Mask(observation, mask, _active);
        if (Training && _completed.Count >= _settings.NSteps)
        {
            Update(observation.Slot, state);
        }

        state.AsSpan().CopyTo(DenseRow(_single));
        mask.AsSpan().CopyTo(_singleMask.Row(0));
        var logits = _network.Forward(_single)[0];
        if (Training)
        {
            _heads.Probabilities(logits, _singleMask, _probabilities);
            _heads.Sample(_probabilities, _random, _chosen);
        }
        else
        {
            _heads.Greedy(logits, _singleMask, _chosen);
        }

        var actions = new int[_heads.HeadCount];
        for (var u = 0; u < actions.Length; u++)
        {
            actions[u] = _chosen[0, u];
        }

        if (Training)
        {
            _decided[observation.Slot] = new Step(observation.Slot, state, mask, actions, (bool[])_active.Clone());
        }

        var decisions = new OffloadDecision[observation.Tasks.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = ActionSpace.Decode(actions, observation.Tasks[i].Device);
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
        if (!Training || !_decided.Remove(feedback.Slot, out var step))
        {
            return;
        }

        step.Reward = feedback.Reward;
        var objective = _system.Scenario.Objective;
        var tasks = feedback.Observation.Tasks;

        // Difference rewards: a device is charged its own cost plus the compute delay its presence adds to the
        // other tasks at its edge (each of the K tasks sharing f_n loses c_i / f_n = ComputeS_i / K when one more joins).
        Array.Clear(_computePerEdge);
        Array.Clear(_tasksPerEdge);
        foreach (var record in feedback.Records)
        {
            if (record.Ran)
            {
                _computePerEdge[record.TargetEdge] += record.ComputeS;
                _tasksPerEdge[record.TargetEdge]++;
            }
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            var record = feedback.Records[i];
            double cost;
            if (record.Ran)
            {
                var k = _tasksPerEdge[record.TargetEdge];
                var imposed = (_computePerEdge[record.TargetEdge] - record.ComputeS) / k;
                cost = objective.Cost(record.DelayS + imposed, record.Accuracy);
            }
            else
            {
                cost = objective.Cost(tasks[i].DeadlineSeconds, 0.0);
            }

            step.DeviceRewards[tasks[i].Device] = -cost;
        }

        _completed.Add(step);
    }

    public void Save(string path) => ParameterFile.Save(path, _network.Parameters);

    public void Load(string path) => ParameterFile.Load(path, _network.Parameters);

    /// <param name="slot">The slot being decided, whose state is <paramref name="state"/>.</param>
    private void Update(int slot, double[] state)
    {
        var n = _completed.Count;
        var heads = _heads.HeadCount;
        var last = _completed[n - 1];
        var nextSlot = last.Slot + 1;
        var bootstrap = nextSlot == slot ? Values(state)
            : _decided.TryGetValue(nextSlot, out var next) ? Values(next.State)
            : new double[_valueOutputs];

        var states = Matrix<double>.Build.Dense(n, _encoder.Length);
        var mask = new ActionMask(n, _heads.TotalActions);
        var taken = new int[n, heads];
        var returns = Matrix<double>.Build.Dense(n, _valueOutputs);
        var running = (double[])bootstrap.Clone();
        for (var i = n - 1; i >= 0; i--)
        {
            var step = _completed[i];
            for (var v = 0; v < _valueOutputs; v++)
            {
                var reward = _valueOutputs == 1 ? step.Reward : step.Active[v] ? step.DeviceRewards[v] : 0.0;
                running[v] = reward + _settings.Gamma * running[v];
                returns[i, v] = running[v];
            }
        }

        for (var i = 0; i < n; i++)
        {
            var step = _completed[i];
            for (var j = 0; j < step.State.Length; j++)
            {
                states[i, j] = step.State[j];
            }

            step.Mask.AsSpan().CopyTo(mask.Row(i));
            for (var u = 0; u < heads; u++)
            {
                taken[i, u] = step.Actions[u];
            }
        }

        _optimizer.ZeroGrad();
        var outputs = _network.Forward(states);
        var logits = outputs[0];
        var values = outputs[1];
        var gradLogits = Matrix<double>.Build.Dense(n, _heads.TotalActions);
        double policyLoss, entropy;
        if (_valueOutputs == 1)
        {
            var advantages = Vector<double>.Build.Dense(n, i => returns[i, 0] - values[i, 0]);
            var loss = _heads.PolicyGradient(logits, mask, taken, advantages, _settings.EntropyCoefficient, gradLogits);
            (policyLoss, entropy) = (loss.Loss, loss.MeanEntropy);
        }
        else
        {
            // Both heads of a device share its advantage.
            var advantages = Matrix<double>.Build.Dense(n, heads, (i, h) => _completed[i].Active[h / 2] ? returns[i, h / 2] - values[i, h / 2] : 0.0);
            var loss = _heads.PolicyGradient(logits, mask, taken, advantages, _settings.EntropyCoefficient, gradLogits);
            (policyLoss, entropy) = (loss.Loss, loss.MeanEntropy);
        }

        var gradValues = Matrix<double>.Build.Dense(n, _valueOutputs);
        var valueLoss = MseLoss.Compute(values, returns, gradValues);
        gradValues.Multiply(_settings.ValueCoefficient, gradValues);
        _network.Backward(gradLogits, gradValues);
        GradientClipping.ClipGlobalNorm(_network.Parameters, _settings.MaxGradientNorm);
        _optimizer.Step();

        var meanReward = 0.0;
        foreach (var step in _completed)
        {
            meanReward += step.Reward / n;
        }

        Updated?.Invoke(new TrainingPoint(last.Slot, meanReward, policyLoss, valueLoss, entropy));
        _completed.Clear();
    }

    private double[] Values(double[] state)
    {
        state.AsSpan().CopyTo(DenseRow(_single));
        var values = _network.Forward(_single)[1];
        var result = new double[_valueOutputs];
        for (var v = 0; v < result.Length; v++)
        {
            result[v] = values[0, v];
        }

        return result;
    }

    private static Span<double> DenseRow(Matrix<double> singleRow) =>
        ((MathNet.Numerics.LinearAlgebra.Storage.DenseColumnMajorMatrixStorage<double>)singleRow.Storage).Data.AsSpan();

    private sealed class Step(int slot, double[] state, bool[] mask, int[] actions, bool[] active)
    {
        public bool[] Active { get; } = active;

        public double[] DeviceRewards { get; } = new double[active.Length];

        public int Slot { get; } = slot;

        public double[] State { get; } = state;

        public bool[] Mask { get; } = mask;

        public int[] Actions { get; } = actions;

        public double Reward { get; set; }
    }
}
