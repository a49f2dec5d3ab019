using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;
using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.Learning.JointA2C;

/// <summary>
/// Advantage actor-critic for offloading and exit selection (paper 000, Sec. III-B). The policy factorises over
/// the slot's tasks, decided one after another: one network, shared by every device, reads each task's row of
/// S(t) (<see cref="StateEncoder"/>) and gives logits over its (edge, exit) pairs and a value for that device's
/// share of R(t); a linear score shared by all pairs (<see cref="OptionEncoder"/>, which sees where the tasks
/// before it went) adds to the logits; infeasible pairs are masked. Each slot is a step whose reward arrives with
/// the slot's feedback, possibly slots later; every n completed steps the agent updates on their n-step returns,
/// bootstrapped from the values of the state that followed the last of them.
/// <para>
/// Its captured state (<see cref="IResumablePolicy"/>) is the weights, Adam's moments and step count, the sampling
/// stream's position, the slot and update counters, and the steps decided or completed but not yet trained on.
/// </para>
/// </summary>
public sealed class JointA2CAgent : ITrainablePolicy, IResumablePolicy
{
    private const string StateKind = "joint-a2c";

    /// <summary>Per update: the mean R(t) of its steps, the policy-gradient loss, the value loss and the mean entropy.</summary>
    public static readonly TrainingMetrics UpdateMetrics = new("reward", "policyLoss", "valueLoss", "entropy");

    private readonly A2CSettings _settings;
    private readonly SystemView _system;
    private readonly StateEncoder _encoder;
    private readonly OptionEncoder _options;
    private readonly ActionSpace _actions;
    private readonly CategoricalHeads _head;
    private readonly MultiHeadNetwork _network;
    private readonly SharedOptionScore _optionScore;
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly Adam _optimizer;
    private readonly RandomStream _random;
    private readonly Dictionary<int, Step> _decided = new();
    private readonly List<Step> _completed = new();
    private readonly double[] _computePerEdge;
    private readonly int[] _tasksPerEdge;
    private int _lastSlot;
    private long _trainedSlots;

    public JointA2CAgent(SystemView system, LearnedParts parts, A2CSettings settings, int seed)
    {
        _settings = settings;
        _system = system;
        _encoder = new StateEncoder(system);
        _actions = new ActionSpace(system, parts, _encoder.MaxExits);
        _options = new OptionEncoder(system, _encoder.MaxExits);
        _head = CategoricalHeads.Single(_actions.Count);
        var init = RandomStream.For(seed, StreamKind.Policy, 100);
        var layers = new List<ILayer>();
        var width = _encoder.Length;
        for (var i = 0; i < settings.Hidden.Length; i++)
        {
            layers.Add(new Dense($"trunk{i}", width, settings.Hidden[i], WeightInit.He, init));
            layers.Add(new Relu());
            width = settings.Hidden[i];
        }

        var policyHead = new Dense("policy", width, _actions.Count, WeightInit.Glorot, init);

        // A near-uniform starting policy: with full-size weights the head starts peaked and collapses before exploring.
        policyHead.Weight.Value.Multiply(0.01, policyHead.Weight.Value);
        _network = new MultiHeadNetwork(
            new Sequential(layers.ToArray()),
            policyHead,
            new Dense("value", width, 1, WeightInit.Glorot, init));
        _optionScore = new SharedOptionScore("option", _actions.Count, _options.Features);
        _parameters = [.. _network.Parameters, .. _optionScore.Parameters];
        _optimizer = new Adam(_parameters, settings.LearningRate);
        _random = RandomStream.For(seed, StreamKind.Policy, 101);
        _computePerEdge = new double[system.Edges];
        _tasksPerEdge = new int[system.Edges];
    }

    public bool Training { get; set; } = true;

    public TrainingMetrics Metrics => UpdateMetrics;

    public event Action<TrainingPoint>? Updated;

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Slot <= _lastSlot)
        {
            // A new run started: steps of the previous one can no longer be completed.
            _decided.Clear();
            _completed.Clear();
        }

        _lastSlot = observation.Slot;
        var step = Observe(observation);
        if (Training && _completed.Count >= _settings.NSteps)
        {
            Update(step);
        }

        var decisions = step.Rows > 0 ? Choose(observation, step) : [];

        if (Training)
        {
            _decided[observation.Slot] = step;
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        if (!Training || !_decided.Remove(feedback.Slot, out var step))
        {
            return;
        }

        var objective = _system.Scenario.Objective;
        step.Reward = objective.Reward(feedback.Records);
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

            step.Rewards[i] = -cost;
        }

        _completed.Add(step);
        _trainedSlots++;
    }

    public void Save(string path) => ParameterFile.Save(path, _parameters);

    public void Load(string path) => ParameterFile.Load(path, _parameters);

    public byte[] CaptureState() => StateBytes.Write(StateKind, writer =>
    {
        using (var weights = new MemoryStream())
        {
            ParameterFile.Save(weights, _parameters);
            writer.Write((int)weights.Length);
            writer.Write(weights.GetBuffer(), 0, (int)weights.Length);
        }

        _optimizer.WriteState(writer);
        _random.WriteState(writer);
        writer.Write(_lastSlot);
        writer.Write(_trainedSlots);
        writer.Write(_decided.Count);
        foreach (var slot in _decided.Keys.Order())
        {
            WriteStep(writer, _decided[slot]);
        }

        writer.Write(_completed.Count);
        foreach (var step in _completed)
        {
            WriteStep(writer, step);
        }
    });

    public void RestoreState(byte[] state) => StateBytes.Read(state, StateKind, reader =>
    {
        ParameterFile.Load(new MemoryStream(reader.ReadBytes(StateBytes.ReadCount(reader)), writable: false), _parameters);
        _optimizer.ReadState(reader);
        _random.ReadState(reader);
        _lastSlot = reader.ReadInt32();
        _trainedSlots = reader.ReadInt64();
        _decided.Clear();
        for (var n = StateBytes.ReadCount(reader); n > 0; n--)
        {
            var step = ReadStep(reader);
            _decided[step.Slot] = step;
        }

        _completed.Clear();
        for (var n = StateBytes.ReadCount(reader); n > 0; n--)
        {
            _completed.Add(ReadStep(reader));
        }
    });

    private static void WriteStep(BinaryWriter writer, Step step)
    {
        writer.Write(step.Slot);
        writer.Write(step.Rows);
        StateBytes.WriteArray(writer, step.Devices);
        StateBytes.WriteArray(writer, step.Features);
        StateBytes.WriteArray(writer, step.Mask);
        StateBytes.WriteArray(writer, step.Options);
        StateBytes.WriteArray(writer, step.Actions);
        StateBytes.WriteArray(writer, step.Rewards);
        writer.Write(step.Reward);
    }

    private Step ReadStep(BinaryReader reader)
    {
        var slot = reader.ReadInt32();
        var rows = StateBytes.ReadCount(reader);
        var step = new Step(slot, rows, _encoder.Length, _actions.Count, _options.Features);
        StateBytes.ReadArray(reader, step.Devices);
        StateBytes.ReadArray(reader, step.Features);
        StateBytes.ReadArray(reader, step.Mask);
        StateBytes.ReadArray(reader, step.Options);
        StateBytes.ReadArray(reader, step.Actions);
        StateBytes.ReadArray(reader, step.Rewards);
        step.Reward = reader.ReadDouble();
        return step;
    }

    private Step Observe(SlotObservation observation)
    {
        var tasks = observation.Tasks;
        var step = new Step(observation.Slot, tasks.Count, _encoder.Length, _actions.Count, _options.Features);
        _encoder.Encode(observation, step.Features);
        for (var i = 0; i < tasks.Count; i++)
        {
            step.Devices[i] = tasks[i].Device;
            _actions.Mask(tasks[i], step.Mask.AsSpan(i * _actions.Count, _actions.Count));
        }

        return step;
    }

    /// <summary>
    /// Decides the slot's tasks one after another: the network's logits for every task at once, then per task the
    /// shared option score given where the tasks before it went, and a sampled (training) or most likely action.
    /// </summary>
    private OffloadDecision[] Choose(SlotObservation observation, Step step)
    {
        var count = _actions.Count;
        var width = count * _options.Features;
        var logits = _network.Forward(Features(step))[0];
        var rows = step.Rows;
        var z = ColumnMajor(logits);
        Span<double> row = stackalloc double[count];
        Span<double> probabilities = stackalloc double[count];
        var decisions = new OffloadDecision[rows];
        _options.Begin(observation);
        for (var i = 0; i < rows; i++)
        {
            var task = observation.Tasks[i];
            var options = step.Options.AsSpan(i * width, width);
            _options.Encode(task, options);
            var allowed = step.Mask.AsSpan(i * count, count);
            for (var a = 0; a < count; a++)
            {
                row[a] = z[a * rows + i] + _optionScore.Score(options.Slice(a * _options.Features, _options.Features));
            }

            var action = Training ? Sample(row, allowed, probabilities) : MostLikely(row, allowed);
            step.Actions[i] = action;
            decisions[i] = _actions.Decode(action);
            _options.Assign(task, decisions[i]);
        }

        return decisions;
    }

    private int Sample(ReadOnlySpan<double> logits, ReadOnlySpan<bool> allowed, Span<double> probabilities)
    {
        MaskedSoftmax.Softmax(logits, allowed, probabilities);
        var u = _random.NextDouble();
        var cumulative = 0.0;
        var last = -1;
        for (var a = 0; a < probabilities.Length; a++)
        {
            if (probabilities[a] <= 0.0)
            {
                continue;
            }

            last = a;
            cumulative += probabilities[a];
            if (u < cumulative)
            {
                return a;
            }
        }

        // Rounding can leave the total a hair below u; the last possible action takes that sliver.
        return last;
    }

    /// <summary>The allowed action with the largest logit (the lowest on ties).</summary>
    private static int MostLikely(ReadOnlySpan<double> logits, ReadOnlySpan<bool> allowed)
    {
        var best = -1;
        for (var a = 0; a < logits.Length; a++)
        {
            if (allowed[a] && (best < 0 || logits[a] > logits[best]))
            {
                best = a;
            }
        }

        return best;
    }

    /// <param name="current">The slot being decided.</param>
    private void Update(Step current)
    {
        var devices = _system.Scenario.DeviceCount;
        var last = _completed[^1];
        var nextSlot = last.Slot + 1;
        var next = nextSlot == current.Slot ? current : _decided.GetValueOrDefault(nextSlot);

        // Per device, r_u(t) + gamma r_u(t + 1) + ..., bootstrapped from V_u of the state after the last step; a
        // device without a task in a slot earns nothing in it. A device with several tasks in a slot: each task's
        // return is its own reward plus the device's discounted future, and the device's reward of the slot (and its
        // bootstrap value) is the mean over its tasks; with one task per device these are exactly the task's own.
        var running = new double[devices];
        var perDevice = new int[devices];
        if (_settings.Gamma > 0.0 && next is { Rows: > 0 })
        {
            var values = _network.Forward(Features(next))[1];
            for (var i = 0; i < next.Rows; i++)
            {
                running[next.Devices[i]] += values[i, 0];
                perDevice[next.Devices[i]]++;
            }

            for (var u = 0; u < devices; u++)
            {
                if (perDevice[u] > 1)
                {
                    running[u] /= perDevice[u];
                }
            }
        }

        var rows = 0;
        foreach (var step in _completed)
        {
            rows += step.Rows;
        }

        var returns = new double[rows];
        var end = rows;
        for (var s = _completed.Count - 1; s >= 0; s--)
        {
            var step = _completed[s];
            end -= step.Rows;
            for (var u = 0; u < devices; u++)
            {
                running[u] *= _settings.Gamma;
            }

            if (step.SeveralPerDevice)
            {
                Accumulate(step, running, returns.AsSpan(end, step.Rows));
                continue;
            }

            for (var i = 0; i < step.Rows; i++)
            {
                running[step.Devices[i]] += step.Rewards[i];
                returns[end + i] = running[step.Devices[i]];
            }
        }

        var meanReward = 0.0;
        foreach (var step in _completed)
        {
            meanReward += step.Reward / _completed.Count;
        }

        if (rows > 0)
        {
            Train(rows, returns, out var policyLoss, out var valueLoss, out var entropy);
            Updated?.Invoke(new TrainingPoint(last.Slot, UpdateMetrics, meanReward, policyLoss, valueLoss, entropy));
        }

        _completed.Clear();
    }

    /// <summary>
    /// A step in which some device has several tasks (rows are in device order): each task's return is its reward plus the
    /// device's discounted future in <paramref name="running"/>, which then moves on by the mean of the device's rewards.
    /// </summary>
    private static void Accumulate(Step step, double[] running, Span<double> returns)
    {
        var i = 0;
        while (i < step.Rows)
        {
            var device = step.Devices[i];
            var future = running[device];
            var sum = 0.0;
            var first = i;
            for (; i < step.Rows && step.Devices[i] == device; i++)
            {
                returns[i] = future + step.Rewards[i];
                sum += step.Rewards[i];
            }

            running[device] = future + (sum / (i - first));
        }
    }

    private void Train(int rows, double[] returns, out double policyLoss, out double valueLoss, out double entropy)
    {
        var width = _encoder.Length;
        var states = Matrix<double>.Build.Dense(rows, width);
        var data = ColumnMajor(states);
        var mask = new ActionMask(rows, _actions.Count);
        var taken = new int[rows, 1];
        var options = new double[rows * _actions.Count * _options.Features];
        var row = 0;
        foreach (var step in _completed)
        {
            step.Options.CopyTo(options, row * _actions.Count * _options.Features);
            for (var i = 0; i < step.Rows; i++, row++)
            {
                for (var j = 0; j < width; j++)
                {
                    data[j * rows + row] = step.Features[i * width + j];
                }

                step.Mask.AsSpan(i * _actions.Count, _actions.Count).CopyTo(mask.Row(row));
                taken[row, 0] = step.Actions[i];
            }
        }

        var anneal = _settings.Anneal(_trainedSlots);
        _optimizer.LearningRate = _settings.LearningRate * anneal;
        _optimizer.ZeroGrad();
        var outputs = _network.Forward(states);
        var values = outputs[1];
        _optionScore.AddTo(outputs[0], options);
        var advantages = Vector<double>.Build.Dense(rows, i => returns[i] - values[i, 0]);
        var gradLogits = Matrix<double>.Build.Dense(rows, _actions.Count);
        var loss = _head.PolicyGradient(outputs[0], mask, taken, advantages, _settings.EntropyCoefficient * anneal, gradLogits);
        var gradValues = Matrix<double>.Build.Dense(rows, 1);
        valueLoss = MseLoss.Compute(values, Vector<double>.Build.Dense(returns), gradValues);
        gradValues.Multiply(_settings.ValueCoefficient, gradValues);
        _network.Backward(gradLogits, gradValues);
        _optionScore.Backward(gradLogits);
        GradientClipping.ClipGlobalNorm(_parameters, _settings.MaxGradientNorm);
        _optimizer.Step();
        (policyLoss, entropy) = (loss.Loss, loss.MeanEntropy);
    }

    private Matrix<double> Features(Step step)
    {
        var width = _encoder.Length;
        var matrix = Matrix<double>.Build.Dense(step.Rows, width);
        var data = ColumnMajor(matrix);
        for (var i = 0; i < step.Rows; i++)
        {
            for (var j = 0; j < width; j++)
            {
                data[j * step.Rows + i] = step.Features[i * width + j];
            }
        }

        return matrix;
    }

    private static double[] ColumnMajor(Matrix<double> matrix) => ((DenseColumnMajorMatrixStorage<double>)matrix.Storage).Data;

    /// <summary>One slot's decision: a row per task (its features, mask and action) and, once fed back, its rewards.</summary>
    private sealed class Step(int slot, int rows, int features, int actions, int optionFeatures)
    {
        public int Slot { get; } = slot;

        public int Rows { get; } = rows;

        public int[] Devices { get; } = new int[rows];

        public double[] Features { get; } = new double[rows * features];

        public bool[] Mask { get; } = new bool[rows * actions];

        /// <summary>Each task's actions described for the shared option score.</summary>
        public double[] Options { get; } = new double[rows * actions * optionFeatures];

        public int[] Actions { get; } = new int[rows];

        /// <summary>Each task's difference reward.</summary>
        public double[] Rewards { get; } = new double[rows];

        /// <summary>The slot's R(t).</summary>
        public double Reward { get; set; }

        /// <summary>Whether some device brought several tasks to the slot (rows are in device order).</summary>
        public bool SeveralPerDevice
        {
            get
            {
                for (var i = 1; i < Rows; i++)
                {
                    if (Devices[i] == Devices[i - 1])
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
