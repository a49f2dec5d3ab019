using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// Epsilon-greedy tabular Q-learning (paper 003, Algorithm 1): a Q-table over the Table 3 states and the joint actions of
/// the step's active devices (those with a request; the state says which), initialised to zero; a random joint action
/// with probability epsilon, else the one of largest Q (ties: the lowest joint index); epsilon starts at 1 and decays by
/// Table 7's factor per invocation; after the step's responses are measured, Q(S, A) += alpha [R + gamma max Q(S', .) -
/// Q(S, A)] with S' the next step's state. Restricted to the offload variant it is the offloading-only baseline [36].
/// </summary>
public sealed class QLearningOrchestration : ITrainablePolicy
{
    private const int FileVersion = 1;

    private readonly SystemView _system;
    private readonly OrchestrationSettings _settings;
    private readonly LearningSettings _learning;
    private readonly string _name;
    private readonly RandomStream _random;
    private readonly Dictionary<long, QRow> _table = [];
    private readonly PendingSteps<long> _steps = new();
    private double _epsilon = 1.0;

    public QLearningOrchestration(SystemView system, ActionSpace space, string name, int seed)
    {
        _system = system;
        _settings = OrchestrationSettings.Of(system);
        _learning = _settings.QLearning;
        Space = space;
        _name = name;
        _random = RandomStream.For(seed, StreamKind.Policy, 300);
    }

    public ActionSpace Space { get; }

    public bool Training { get; set; } = true;

    public TrainingMetrics Metrics { get; } = new("reward", "epsilon", "greedyChanged");

    public event Action<TrainingPoint>? Updated;

    /// <summary>The states the table holds.</summary>
    public int States => _table.Count;

    public double Epsilon => _epsilon;

    /// <summary>The joint action of largest Q in a state (ties: the lowest index); -1 for a state never visited.</summary>
    public long Greedy(long state) => _table.TryGetValue(state, out var q) ? q.Greedy : -1;

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var state = ResourceState.Of(observation, _settings).Key;
        var q = Row(state, observation.Tasks.Count);
        long joint;
        if (Training && _random.NextDouble() < _epsilon)
        {
            joint = (long)(_random.NextDouble() * q.Length);
        }
        else
        {
            joint = q.Greedy;
        }

        if (Training)
        {
            if (observation.Slot == 1)
            {
                // A new run: what the last one left waiting has no next state.
                _steps.Clear();
            }

            _epsilon *= 1.0 - _learning.EpsilonDecayFor(observation.Tasks.Count);
            UpdateWaiting(_steps.Taken(observation.Slot, state, joint));
        }

        return OrchestrationDecisions.Of(observation, _settings, Space, joint, _settings.DecisionTimeOf(_name));
    }

    public void Learn(SlotFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        if (!Training || !_steps.Took(feedback.Slot))
        {
            return;
        }

        _steps.Rewarded(feedback.Slot, MeasuredReward.Of(feedback.Records, _settings.Threshold, _system.Scenario.SlotSeconds));
        UpdateWaiting(feedback.Slot);
    }

    /// <summary>
    /// Applies line 13 for step <paramref name="slot"/> once both its reward and the next step's state are known
    /// (<see cref="PendingSteps{TState}"/>: a run's last step teaches nothing, rather than bootstrapping from zero as if
    /// the system stopped).
    /// </summary>
    private void UpdateWaiting(int slot)
    {
        if (slot == 0 || !_steps.TryComplete(slot, out var step))
        {
            return;
        }

        var next = _table[step.Next].Max;
        var q = _table[step.State];
        var before = q.Greedy;
        q.Set(step.Joint, q[step.Joint] + (_learning.LearningRate * (step.Reward + (_learning.Discount * next) - q[step.Joint])));
        var changed = q.Greedy != before ? 1.0 : 0.0;
        Updated?.Invoke(new TrainingPoint(slot, Metrics, step.Reward, _epsilon, changed));
    }

    private QRow Row(long state, int devices)
    {
        if (!_table.TryGetValue(state, out var q))
        {
            q = new QRow(Space.JointCount(devices));
            _table[state] = q;
        }

        return q;
    }

    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(FileVersion);
        writer.Write(_epsilon);
        writer.Write(_table.Count);
        foreach (var (state, q) in _table.OrderBy(e => e.Key))
        {
            writer.Write(state);
            q.Write(writer);
        }
    }

    public void Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadInt32() != FileVersion)
        {
            throw new InvalidDataException($"{path}: not a Q-table of this version");
        }

        _epsilon = reader.ReadDouble();
        _table.Clear();
        var states = reader.ReadInt32();
        for (var s = 0; s < states; s++)
        {
            var state = reader.ReadInt64();
            _table[state] = QRow.Read(reader);
        }
    }
}
