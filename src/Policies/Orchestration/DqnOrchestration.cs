using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// Deep Q-learning with experience replay (paper 003, Algorithm 2): a network of two fully connected ReLU hidden layers
/// (Table 7's width for the number of users) maps the Table 3 state to one Q-value per joint action of every device;
/// epsilon-greedy from epsilon = 1, decayed by Table 7's factor once per episode; every step's record (S, A, R, S')
/// enters a FIFO replay buffer, and each step a random mini-batch of it takes one Adam step on the mean squared
/// temporal-difference error of the actions taken, against R + gamma max Q(S', .). In a step where only some devices
/// are active (the state's "active" components say which), the joint actions are those whose inactive devices take
/// their first action: the agent chooses, and the target maximises, over the active devices' actions only. Only the taken
/// actions' Q-values are computed and have gradient (<see cref="Dense.ForwardPicked"/>); with
/// <c>output-optimizer = lazy-adam</c> only their columns of the output layer move (<see cref="ColumnSparseAdam"/>), so
/// that a step costs the batch rather than the 10^N actions.
/// </summary>
public sealed class DqnOrchestration : ITrainablePolicy
{
    private readonly SystemView _system;
    private readonly OrchestrationSettings _settings;
    private readonly LearningSettings _learning;
    private readonly string _name;
    private readonly int _devices;
    private readonly int _features;
    private readonly long[] _place;
    private readonly Sequential _hidden;
    private readonly Dense _q;
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly Adam _optimizer;
    private readonly ColumnSparseAdam? _lazyOutput;
    private readonly RandomStream _random;
    private readonly Record[] _replay;
    private readonly PendingSteps<double[]> _steps = new();
    private int _stored;
    private int _nextSlot;
    private double _epsilon = 1.0;

    public DqnOrchestration(SystemView system, ActionSpace space, string name, int seed)
    {
        _system = system;
        _settings = OrchestrationSettings.Of(system);
        _learning = _settings.Dqn;
        Space = space;
        _name = name;
        _devices = system.Scenario.DeviceCount;
        _features = ResourceState.FeatureCount(_devices);
        var actions = space.JointCount(_devices);
        _place = [.. Enumerable.Range(0, _devices).Select(space.JointCount)];
        var hidden = _learning.HiddenFor(_devices);
        var init = RandomStream.For(seed, StreamKind.Policy, 310);
        _hidden = new Sequential(
            new Dense("hidden0", _features, hidden, WeightInit.He, init),
            new Relu(),
            new Dense("hidden1", hidden, hidden, WeightInit.He, init),
            new Relu());
        _q = new Dense("q", hidden, checked((int)actions), WeightInit.Glorot, init);
        _parameters = [.. _hidden.Parameters, .. _q.Parameters];
        _optimizer = new Adam(_learning.LazyOutput ? _hidden.Parameters : _parameters, _learning.LearningRate);
        _lazyOutput = _learning.LazyOutput ? new ColumnSparseAdam(_q.Weight, _q.Bias, _learning.LearningRate) : null;
        _random = RandomStream.For(seed, StreamKind.Policy, 311);
        _replay = new Record[_learning.ReplayCapacity];
    }

    public ActionSpace Space { get; }

    public bool Training { get; set; } = true;

    public TrainingMetrics Metrics { get; } = new("reward", "tdLoss", "epsilon");

    public event Action<TrainingPoint>? Updated;

    /// <summary>
    /// The joint action of the state's active devices (device order) of largest Q in a state's features (ties: the
    /// lowest index).
    /// </summary>
    public long Greedy(double[] state)
    {
        var q = _q.Forward(_hidden.Forward(Matrix<double>.Build.Dense(1, _features, state)));
        return Best(q, 0, ActiveDevices(state)).Joint;
    }

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var state = new double[_features];
        ResourceState.Of(observation, _settings).Features(state);
        long joint;
        if (Training)
        {
            if (observation.Slot < _nextSlot)
            {
                // A new episode: decay exploration; what the last one left waiting has no next state.
                _epsilon *= _learning.EpsilonDecayFor(_devices);
                _steps.Clear();
            }

            _nextSlot = observation.Slot + 1;
            joint = _random.NextDouble() < _epsilon ? (long)(_random.NextDouble() * Space.JointCount(observation.Tasks.Count)) : Greedy(state);
            var previous = _steps.Taken(observation.Slot, state, Output(joint, ActiveDevices(state)));
            StoreWaiting(previous);
        }
        else
        {
            joint = Greedy(state);
        }

        return OrchestrationDecisions.Of(observation, _settings, Space, joint, _settings.DecisionTimeOf(_name));
    }

    /// <summary>The devices a state's features mark active, in device order.</summary>
    private int[] ActiveDevices(double[] features)
    {
        var active = new List<int>(_devices);
        for (var u = 0; u < _devices; u++)
        {
            if (features[ResourceState.ActiveIndex(u)] > 0.5)
            {
                active.Add(u);
            }
        }

        return [.. active];
    }

    /// <summary>The network's output for joint action <paramref name="joint"/> of the devices <paramref name="active"/>, the others on their first action.</summary>
    private long Output(long joint, int[] active)
    {
        if (active.Length == _devices)
        {
            return joint;
        }

        var output = 0L;
        var count = Space.Count;
        foreach (var device in active)
        {
            output += (joint % count) * _place[device];
            joint /= count;
        }

        return output;
    }

    /// <summary>The joint action of the <paramref name="active"/> devices of largest Q in row <paramref name="row"/> (ties: the lowest joint).</summary>
    private (long Joint, double Q) Best(Matrix<double> q, int row, int[] active)
    {
        var count = Space.JointCount(active.Length);
        var best = (Joint: 0L, Q: q[row, (int)Output(0, active)]);
        for (var joint = 1L; joint < count; joint++)
        {
            var value = q[row, (int)Output(joint, active)];
            if (value > best.Q)
            {
                best = (joint, value);
            }
        }

        return best;
    }

    public void Learn(SlotFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        if (!Training || !_steps.Took(feedback.Slot))
        {
            return;
        }

        _steps.Rewarded(feedback.Slot, MeasuredReward.Of(feedback.Records, _settings.Threshold, _system.Scenario.SlotSeconds));
        StoreWaiting(feedback.Slot);
    }

    /// <summary>
    /// Lines 13-16: once step <paramref name="slot"/>'s reward and the next state are known, stores its record and trains
    /// on a mini-batch. The system runs on: a run's last step has no next state and is not stored.
    /// </summary>
    private void StoreWaiting(int slot)
    {
        if (slot == 0 || !_steps.TryComplete(slot, out var step))
        {
            return;
        }

        _replay[_stored % _replay.Length] = new Record(step.State, step.Joint, step.Reward, step.Next);
        _stored++;
        var loss = TrainBatch();
        Updated?.Invoke(new TrainingPoint(slot, Metrics, step.Reward, loss, _epsilon));
    }

    /// <summary>
    /// One Adam step on a mini-batch. The output layer has a Q-value per joint action, but the error is in the actions
    /// taken only, so only theirs are computed (<see cref="Dense.ForwardPicked"/>); the targets' max Q(S', .) is computed
    /// once per distinct next state of the batch.
    /// </summary>
    private double TrainBatch()
    {
        var available = Math.Min(_stored, _replay.Length);
        var batch = Math.Min(_learning.BatchSize, available);
        var picked = new Record[batch];
        for (var i = 0; i < batch; i++)
        {
            picked[i] = _replay[(int)(_random.NextDouble() * available)];
        }

        var targets = new double[batch];
        if (_learning.Discount > 0)
        {
            var bestNext = BestNextValues(picked);
            for (var i = 0; i < batch; i++)
            {
                targets[i] = _learning.Discount * bestNext[i];
            }
        }

        var states = Matrix<double>.Build.Dense(batch, _features);
        for (var i = 0; i < batch; i++)
        {
            states.SetRow(i, picked[i].State);
            targets[i] += picked[i].Reward;
        }

        _optimizer.ZeroGrad();
        var actions = new int[batch];
        for (var i = 0; i < batch; i++)
        {
            actions[i] = (int)picked[i].Joint;
        }

        var taken = actions.Distinct().ToArray();
        _lazyOutput?.ZeroGrad(taken);

        var q = _q.ForwardPicked(_hidden.Forward(states), actions);
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

    /// <summary>max_a Q(S', a) over the next state's active devices for every record, the network run once per distinct next state.</summary>
    private double[] BestNextValues(Record[] picked)
    {
        var distinct = new List<double[]>();
        var index = new int[picked.Length];
        for (var i = 0; i < picked.Length; i++)
        {
            var at = distinct.FindIndex(next => next.AsSpan().SequenceEqual(picked[i].Next));
            if (at < 0)
            {
                at = distinct.Count;
                distinct.Add(picked[i].Next);
            }

            index[i] = at;
        }

        var nextStates = Matrix<double>.Build.Dense(distinct.Count, _features);
        for (var d = 0; d < distinct.Count; d++)
        {
            nextStates.SetRow(d, distinct[d]);
        }

        var nextQ = _q.Forward(_hidden.Forward(nextStates));
        var max = new double[distinct.Count];
        for (var d = 0; d < distinct.Count; d++)
        {
            max[d] = Best(nextQ, d, ActiveDevices(distinct[d])).Q;
        }

        var best = new double[picked.Length];
        for (var i = 0; i < picked.Length; i++)
        {
            best[i] = max[index[i]];
        }

        return best;
    }

    public void Save(string path) => ParameterFile.Save(path, _parameters);

    /// <summary>Loads weights, e.g. those trained at the Min threshold for transfer (Sec. 6.2.1); exploration starts afresh.</summary>
    public void Load(string path) => ParameterFile.Load(path, _parameters);

    private sealed record Record(double[] State, long Joint, double Reward, double[] Next);
}
