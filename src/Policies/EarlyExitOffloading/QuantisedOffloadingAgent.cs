using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// DROO's learning scheme (Huang, Bi, Zhang 2020), which paper 002's GRLE keeps with a graph actor (Sec. V): the
/// actor maps the slot's state to a relaxed action, a score in (0, 1) per task and option (eq. (14)); order-preserving
/// quantisation turns it into K candidates; the critic scores each by the slot's reward model, eq. (9), and the best
/// is taken (eq. (15)); of candidates of equal reward (all tasks late, say), the one that frees the servers earliest,
/// so that an overloaded slot does not teach the actor to overload the next ones. While training, (state, best action) goes to the replay memory, and every few slots a batch
/// drawn from it trains the actor by cross-entropy towards the best actions (eq. (16)). At each training it reports the
/// normalised reward of the slot's action, eq. (17): its reward over the exact optimum of the slot
/// (<see cref="ExactSlotSolver"/>, all options allowed), and the batch's loss.
/// </summary>
/// <typeparam name="TState">The actor's input for one slot.</typeparam>
public abstract class QuantisedOffloadingAgent<TState> : ITrainablePolicy
    where TState : class
{
    public static readonly TrainingMetrics SlotMetrics = new("normalisedReward", "loss", "reward", "optimalReward");

    private readonly QuantisedAgentSettings _settings;
    private readonly ReplayMemory<(TState State, int[] Targets)> _memory;
    private readonly RandomStream _random;
    private Adam? _optimizer;
    private int _stored;

    protected QuantisedOffloadingAgent(SystemView system, bool earlyExits, QuantisedAgentSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        System = system;
        Servers = system.Scenario.PolicyParameters.Get<EarlyExitServers>();
        if (!Servers.IsDefined)
        {
            throw new InvalidOperationException($"the scenario has no {EarlyExitServers.Section} section, which paper 002's policies need");
        }

        Options = new OffloadOptions(system.Edges, Servers.Exits);
        Allowed = Options.Allowed(lastExitOnly: !earlyExits);
        _settings = settings;
        _memory = new ReplayMemory<(TState, int[])>(settings.MemorySize);
        _random = RandomStream.For(seed, StreamKind.Policy, 2002);
    }

    public bool Training { get; set; } = true;

    public TrainingMetrics Metrics => SlotMetrics;

    public event Action<TrainingPoint>? Updated;

    protected SystemView System { get; }

    protected EarlyExitServers Servers { get; }

    protected OffloadOptions Options { get; }

    /// <summary>The options the agent chooses among, in the order of its scores' columns.</summary>
    protected int[] Allowed { get; }

    /// <summary>Every trainable tensor, in a stable order.</summary>
    public abstract IReadOnlyList<Parameter> Parameters { get; }

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var problem = new SlotProblem(observation, Servers);
        if (problem.Tasks == 0)
        {
            return [];
        }

        var state = Encode(observation, problem);
        var scores = Relaxed(state, problem.Tasks);
        if (Training && _settings.ExplorationNoise > 0)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] += _settings.ExplorationNoise * _random.StandardNormal();
            }
        }
        var k = _settings.Candidates > 0 ? _settings.Candidates : problem.Tasks;
        var candidates = OrderPreservingQuantiser.Candidates(scores, problem.Tasks, Allowed.Length, k);
        var chosen = new int[problem.Tasks];
        int[]? bestColumns = null;
        var bestReward = double.NegativeInfinity;
        var bestFreeAt = double.PositiveInfinity;
        foreach (var columns in candidates)
        {
            for (var u = 0; u < chosen.Length; u++)
            {
                chosen[u] = Allowed[columns[u]];
            }

            var (reward, freeAt) = problem.Evaluate(chosen);
            if (reward > bestReward || (reward == bestReward && freeAt < bestFreeAt))
            {
                (bestReward, bestFreeAt, bestColumns) = (reward, freeAt, columns);
            }
        }

        var decisions = new OffloadDecision[problem.Tasks];
        for (var u = 0; u < decisions.Length; u++)
        {
            decisions[u] = Options.Decision(Allowed[bestColumns![u]], System, Servers);
        }

        if (Training)
        {
            Remember(observation.Slot, problem, state, bestColumns!, bestReward);
        }

        return decisions;
    }

    /// <summary>Nothing: like DROO, the agent learns from its critic's choices, not from the slot's outcome.</summary>
    public void Learn(SlotFeedback feedback)
    {
    }

    public void Save(string path) => ParameterFile.Save(path, Parameters);

    public void Load(string path) => ParameterFile.Load(path, Parameters);

    /// <summary>The actor's input for the slot.</summary>
    protected abstract TState Encode(SlotObservation observation, SlotProblem problem);

    /// <summary>The relaxed action: a score in (0, 1) per task and allowed option, tasks x options row-major.</summary>
    protected abstract double[] Relaxed(TState state, int tasks);

    /// <summary>
    /// Adds the gradient of the batch's mean cross-entropy (eq. (16)) between the actor's scores and the one-hot best
    /// actions (a column per task) into the parameters' gradients; returns the loss.
    /// </summary>
    protected abstract double Backpropagate(IReadOnlyList<(TState State, int[] Targets)> batch);

    private void Remember(int slot, SlotProblem problem, TState state, int[] best, double reward)
    {
        // A slot in which no candidate earns anything (every task late) says nothing about which one to imitate.
        if (reward > 0)
        {
            _memory.Add((state, best));
            _stored++;
        }

        if (reward <= 0 || _stored % _settings.TrainingInterval != 0)
        {
            return;
        }

        _optimizer ??= new Adam(Parameters, _settings.LearningRate);
        _optimizer.ZeroGrad();
        var loss = Backpropagate(_memory.Sample(Math.Min(_settings.BatchSize, _memory.Count), _random));
        _optimizer.Step();
        if (Updated is null)
        {
            return;
        }

        var (_, optimum) = ExactSlotSolver.Solve(problem, Options.Allowed(lastExitOnly: false));
        var normalised = optimum > 0 ? reward / optimum : 1.0;
        Updated.Invoke(new TrainingPoint(slot, SlotMetrics, normalised, loss, reward, optimum));
    }
}
