using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// Deep Q-learning with experience replay (paper 003, Algorithm 2) on a network of two fully connected ReLU hidden
/// layers of Table 7's width for the number of users: either the paper's own, whose input is the state and one action
/// and whose output is its Q-value (<see cref="StateActionQNetwork"/>, <c>network = state-action</c>), or one that maps
/// the state to a Q-value per joint action of every device (<see cref="JointOutputQNetwork"/>, <c>joint-output</c>).
/// Epsilon-greedy from epsilon = 1, decayed by Table 7's factor once per episode; every step's record (S, A, R, S')
/// enters a FIFO replay buffer, and each step a random mini-batch of it takes one Adam step on the mean squared
/// temporal-difference error of the actions taken, against R + gamma max Q(S', .), the max computed once per distinct
/// next state of the batch. In a step where only some devices are active (the state's "active" components say which),
/// the agent chooses, and the target maximises, over the active devices' actions only.
/// </summary>
public sealed class DqnOrchestration : ITrainablePolicy
{
    private readonly SystemView _system;
    private readonly OrchestrationSettings _settings;
    private readonly LearningSettings _learning;
    private readonly string _name;
    private readonly int _devices;
    private readonly int _features;
    private readonly JointActions _joints;
    private readonly IQNetwork _network;
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly RandomStream _random;
    private readonly Record[] _replay;
    private readonly PendingSteps<double[]> _steps = new();
    private int _stored;
    private int _nextSlot;
    private int _unsettled;
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
        _joints = new JointActions(space, _devices);
        var hidden = _learning.HiddenFor(_devices);
        var init = RandomStream.For(seed, StreamKind.Policy, 310);
        _network = _learning.Network == DqnNetwork.StateAction
            ? new StateActionQNetwork(_joints, _features, hidden, _learning, init)
            : new JointOutputQNetwork(_joints, _features, hidden, _learning, init);
        _parameters = _network.Parameters;
        _random = RandomStream.For(seed, StreamKind.Policy, 311);
        _replay = new Record[_learning.ReplayCapacity];
    }

    public ActionSpace Space { get; }

    public bool Training
    {
        get;
        set
        {
            Settle();
            field = value;
        }
    } = true;

    public TrainingMetrics Metrics { get; } = new("reward", "tdLoss", "epsilon");

    public event Action<TrainingPoint>? Updated;

    /// <summary>
    /// The joint action of the state's active devices (device order) of largest Q in a state's features (ties: the
    /// lowest index).
    /// </summary>
    public long Greedy(double[] state)
    {
        Settle();
        return _network.Best([state], [ActiveDevices(state)])[0].Joint;
    }

    /// <remarks>
    /// The step before is trained on after this step's action is chosen (its record needs this step's state), so
    /// that training waits for <see cref="Settle"/>: on wall time it does not hold the step's requests back.
    /// </remarks>
    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        Settle();
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
            _unsettled = _steps.Taken(observation.Slot, state, _joints.Output(joint, ActiveDevices(state)));
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

    public void Settle()
    {
        var slot = _unsettled;
        _unsettled = 0;
        StoreWaiting(slot);
    }

    public void Learn(SlotFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        Settle();
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

    /// <summary>One optimiser step on a mini-batch drawn from the replay memory; returns its loss.</summary>
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

        var states = new double[batch][];
        var outputs = new long[batch];
        for (var i = 0; i < batch; i++)
        {
            states[i] = picked[i].State;
            outputs[i] = picked[i].Joint;
            targets[i] += picked[i].Reward;
        }

        return _network.Train(states, outputs, targets);
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

        var max = _network.Best(distinct, [.. distinct.Select(ActiveDevices)]);
        var best = new double[picked.Length];
        for (var i = 0; i < picked.Length; i++)
        {
            best[i] = max[index[i]].Q;
        }

        return best;
    }

    public void Save(string path)
    {
        Settle();
        ParameterFile.Save(path, _parameters);
    }

    /// <summary>Loads weights, e.g. those trained at the Min threshold for transfer (Sec. 6.2.1); exploration starts afresh.</summary>
    public void Load(string path)
    {
        Settle();
        ParameterFile.Load(path, _parameters);
        _network.WeightsLoaded();
    }

    private sealed record Record(double[] State, long Joint, double Reward, double[] Next);
}
