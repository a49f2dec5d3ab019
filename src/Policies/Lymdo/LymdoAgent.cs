using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Policies.EarlyExitOffloading;
using MecActors.Policies.Learning;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.Lymdo;

/// <summary>
/// LyMDO's DRL step in the scheme of LyDROO (Bi et al. 2021), which the abstract's decoupling follows: the integer
/// part (a partition point per UE) is learned, the continuous part (frequency, band and ES shares) solved exactly given
/// it. An actor maps the slot's state (per UE: its frames, its channel, the backlogs of its processor and transmitter,
/// its virtual queue against V) to a score in (0, 1) per UE and partition point; DROO's order-preserving quantisation
/// turns the scores into candidates, to which every single change of the greedy one is added; each candidate is
/// scored by the drift-plus-penalty objective under its <see cref="ConvexAllocation"/>, and the least is taken. While
/// training, (state, best candidate) goes to the replay memory, and every few slots a batch trains the actor by
/// cross-entropy towards the best candidates. At each training it reports the share of the slots since the last one in
/// which its choice equalled the exhaustive search's (<c>matchRate</c>; only where that search is within
/// <see cref="LymdoSettings.ExhaustiveLimit"/> combinations, 3^U growing too fast beyond) and the batch's loss. A policy blind to the
/// budget (<c>drl-no-lyapunov</c>) is the same agent whose virtual queues read 0.
/// </summary>
public sealed class LymdoAgent : ITrainablePolicy, IPartitionRule
{
    public const int FeaturesPerUe = 5;

    public static readonly TrainingMetrics MatchMetrics = new("matchRate", "loss");

    public static readonly TrainingMetrics LossMetrics = new("loss");

    private readonly LymdoPolicy _slot;
    private readonly QuantisedAgentSettings _settings;
    private readonly Sequential _network;
    private readonly ReplayMemory<(double[] State, int[] Targets)> _memory;
    private readonly RandomStream _random;
    private readonly int _ues;
    private readonly bool _checksExhaustive;
    private Adam? _optimizer;
    private int _stored;
    private int _matches;
    private int _compared;

    public LymdoAgent(SystemView system, LymdoSettings settings, bool pricesEnergy, QuantisedAgentSettings training, int seed)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(training);
        _slot = new LymdoPolicy(system, settings, this, ConvexAllocation.Solve, pricesEnergy);
        _settings = training;
        _ues = system.Scenario.DeviceCount;
        _checksExhaustive = Math.Pow(settings.PartitionPoints.Count, _ues) <= LymdoSettings.ExhaustiveLimit;
        _memory = new ReplayMemory<(double[], int[])>(training.MemorySize);
        _random = RandomStream.For(seed, StreamKind.Policy, 4001);
        var init = RandomStream.For(seed, StreamKind.Policy, 4002);
        _network = new Sequential(
            new Dense("lymdo.hidden1", _ues * FeaturesPerUe, 120, WeightInit.He, init),
            new Relu(),
            new Dense("lymdo.hidden2", 120, 80, WeightInit.He, init),
            new Relu(),
            new Dense("lymdo.output", 80, _ues * settings.PartitionPoints.Count, WeightInit.Xavier, init));
    }

    public bool Training { get; set; } = true;

    public TrainingMetrics Metrics => _checksExhaustive ? MatchMetrics : LossMetrics;

    public event Action<TrainingPoint>? Updated;

    /// <summary>The slot's protocol: the virtual queues, the allocation and the decisions of the chosen points.</summary>
    public LymdoPolicy Slot => _slot;

    public IReadOnlyList<Parameter> Parameters => _network.Parameters;

    public OffloadDecision[] Decide(SlotObservation observation) => _slot.Decide(observation);

    /// <summary>Nothing: as in DROO, the actor learns from its critic's choices, not from the slot's outcome.</summary>
    public void Learn(SlotFeedback feedback)
    {
    }

    public void Save(string path) => ParameterFile.Save(path, Parameters);

    public void Load(string path) => ParameterFile.Load(path, Parameters);

    public int[] Choose(PartitionSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var points = Enumerable.Repeat(slot.Points[0], _ues).ToArray();
        if (slot.Active.Count == 0)
        {
            return points;
        }

        var state = Features(slot);
        var options = slot.Points.Count;
        var logits = _network.Forward(Row(state));
        var scores = new double[slot.Active.Count * options];
        for (var i = 0; i < slot.Active.Count; i++)
        {
            for (var o = 0; o < options; o++)
            {
                scores[(i * options) + o] = Sigmoid.Of(logits[0, (slot.Active[i] * options) + o]);
            }
        }

        var candidates = Candidates(scores, slot.Active.Count, options);
        int[]? bestColumns = null;
        var bestObjective = double.PositiveInfinity;
        var trial = (int[])points.Clone();
        foreach (var columns in candidates)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                trial[slot.Active[i]] = slot.Points[columns[i]];
            }

            var objective = slot.Objective(trial);
            if (objective < bestObjective)
            {
                (bestObjective, bestColumns) = (objective, columns);
            }
        }

        for (var i = 0; i < bestColumns!.Length; i++)
        {
            points[slot.Active[i]] = slot.Points[bestColumns[i]];
        }

        if (Training)
        {
            Remember(slot, state, bestColumns, points);
        }

        return points;
    }

    /// <summary>
    /// DROO's order-preserving candidates (up to one per UE and alternative point, plus the greedy one) and every
    /// change of one UE's point in the greedy candidate that they do not already hold: the quantiser moves UEs in groups
    /// ordered by their scores' gaps, so without the single changes a UE whose score sits next to another's could never
    /// be moved alone.
    /// </summary>
    private static List<int[]> Candidates(double[] scores, int ues, int options)
    {
        var candidates = OrderPreservingQuantiser.Candidates(scores, ues, options, (ues * (options - 1)) + 1);
        var greedy = candidates[0];
        for (var i = 0; i < ues; i++)
        {
            for (var o = 0; o < options; o++)
            {
                if (o == greedy[i])
                {
                    continue;
                }

                var changed = (int[])greedy.Clone();
                changed[i] = o;
                if (!candidates.Any(c => c.AsSpan().SequenceEqual(changed)))
                {
                    candidates.Add(changed);
                }
            }
        }

        return candidates;
    }

    /// <summary>Per UE: n_u / 2, log10(1 + SNR) / 3, the backlogs of its processor and transmitter in slots, Q_u / (Q_u + V).</summary>
    public double[] Features(PartitionSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var slotSeconds = slot.SlotSeconds;
        var features = new double[_ues * FeaturesPerUe];
        for (var u = 0; u < _ues; u++)
        {
            var ue = slot.State[u];
            var priced = ue.Queue + slot.Problem.V;
            features[(u * FeaturesPerUe) + 0] = ue.Frames / 2.0;
            features[(u * FeaturesPerUe) + 1] = ue.Frames > 0 ? Math.Log10(1.0 + ue.BandSnr) / 3.0 : 0.0;
            features[(u * FeaturesPerUe) + 2] = ue.DeviceBacklogS / slotSeconds;
            features[(u * FeaturesPerUe) + 3] = ue.TransmitterBacklogS / slotSeconds;
            features[(u * FeaturesPerUe) + 4] = priced > 0 ? ue.Queue / priced : 0.0;
        }

        return features;
    }

    private void Remember(PartitionSlot slot, double[] state, int[] bestColumns, int[] points)
    {
        var targets = Enumerable.Repeat(-1, _ues).ToArray();
        for (var i = 0; i < bestColumns.Length; i++)
        {
            targets[slot.Active[i]] = bestColumns[i];
        }

        _memory.Add((state, targets));
        _stored++;
        if (Updated is not null && _checksExhaustive)
        {
            _compared++;
            _matches += slot.SameForActive(points, slot.Exhaustive()) ? 1 : 0;
        }

        if (_stored % _settings.TrainingInterval != 0)
        {
            return;
        }

        _optimizer ??= new Adam(Parameters, _settings.LearningRate);
        _optimizer.ZeroGrad();
        var loss = Backpropagate(_memory.Sample(Math.Min(_settings.BatchSize, _memory.Count), _random), slot.Points.Count);
        _optimizer.Step();
        if (Updated is null)
        {
            return;
        }

        if (!_checksExhaustive)
        {
            Updated.Invoke(new TrainingPoint(slot.Slot, LossMetrics, loss));
            return;
        }

        var rate = _matches / (double)_compared;
        (_matches, _compared) = (0, 0);
        Updated.Invoke(new TrainingPoint(slot.Slot, MatchMetrics, rate, loss));
    }

    private double Backpropagate(IReadOnlyList<(double[] State, int[] Targets)> batch, int options)
    {
        var input = Matrix<double>.Build.Dense(batch.Count, _ues * FeaturesPerUe);
        var targets = Matrix<double>.Build.Dense(batch.Count, _ues * options);
        for (var b = 0; b < batch.Count; b++)
        {
            var (state, chosen) = batch[b];
            for (var f = 0; f < state.Length; f++)
            {
                input[b, f] = state[f];
            }

            for (var u = 0; u < _ues; u++)
            {
                if (chosen[u] >= 0)
                {
                    targets[b, (u * options) + chosen[u]] = 1.0;
                }
            }
        }

        var logits = _network.Forward(input);
        var gradient = Matrix<double>.Build.Dense(logits.RowCount, logits.ColumnCount);
        var loss = BinaryCrossEntropyLoss.Compute(logits, targets, gradient);
        _network.Backward(gradient);
        return loss;
    }

    private Matrix<double> Row(double[] state)
    {
        var row = Matrix<double>.Build.Dense(1, state.Length);
        for (var f = 0; f < state.Length; f++)
        {
            row[0, f] = state[f];
        }

        return row;
    }
}
