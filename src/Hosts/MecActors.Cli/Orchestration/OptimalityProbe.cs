using MecActors.Core.Decisions;
using MecActors.Policies.Learning;
using MecActors.Policies.Orchestration;

namespace MecActors.Cli.Orchestration;

/// <summary>
/// Watches an agent while it trains: it remembers one observation of every state the agent visits and, every
/// <see cref="CheckEvery"/> steps, whether the agent's greedy joint action in each of them earns the exact optimum's
/// reward (brute force over every joint action of the same action space; ties count as optimal).
/// </summary>
internal sealed class OptimalityProbe(ITrainablePolicy agent, ActionSpace space, SystemView system, int checkEvery) : IOffloadingPolicy
{
    private readonly OrchestrationSettings _settings = OrchestrationSettings.Of(system);
    private readonly Dictionary<long, (SlotObservation Observation, double Best)> _visited = [];

    public int CheckEvery { get; } = checkEvery;

    public int Steps { get; private set; }

    /// <summary>(step, share of the visited states whose greedy action is optimal), one per check.</summary>
    public List<(int Step, double Optimal)> Checks { get; } = [];

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var state = ResourceState.Of(observation, _settings);
        if (!_visited.ContainsKey(state.Key))
        {
            var best = new BruteForceOrchestration(system, space, Policies.Paper003Policies.BruteForceName).Best(observation).Reward;
            _visited[state.Key] = (observation with { Queues = observation.Queues }, best);
        }

        var decisions = agent.Decide(observation);
        Steps++;
        if (Steps % CheckEvery == 0)
        {
            Checks.Add((Steps, OptimalShare()));
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback) => agent.Learn(feedback);

    /// <summary>The share of the visited states in which the greedy joint action earns the optimum.</summary>
    public double OptimalShare()
    {
        var optimal = 0;
        foreach (var (observation, best) in _visited.Values)
        {
            var joint = Greedy(observation);
            if (joint < 0)
            {
                continue;
            }

            var evaluator = new StepEvaluator(StepTiming.Of(observation, _settings, 0.0), _settings.Threshold, system.Scenario.SlotSeconds);
            if (evaluator.Reward(space, joint) >= best - 1e-12)
            {
                optimal++;
            }
        }

        return _visited.Count == 0 ? 0.0 : optimal / (double)_visited.Count;
    }

    /// <summary>The greedy joint actions of the visited states, as "variant,node" per device.</summary>
    public IEnumerable<string> GreedyDecisions()
    {
        foreach (var (observation, _) in _visited.Values)
        {
            var joint = Greedy(observation);
            var actions = new OrchestrationAction[observation.Tasks.Count];
            if (joint >= 0)
            {
                space.Decode(joint, actions);
            }

            yield return joint < 0 ? "unvisited" : string.Join(" ", actions.Select(a => a.ToString()));
        }
    }

    public int VisitedStates => _visited.Count;

    private long Greedy(SlotObservation observation)
    {
        var state = ResourceState.Of(observation, _settings);
        switch (agent)
        {
            case QLearningOrchestration q:
                return q.Greedy(state.Key);
            case DqnOrchestration dqn:
                var features = new double[ResourceState.FeatureCount(system.Scenario.DeviceCount)];
                state.Features(features);
                return dqn.Greedy(features);
            default:
                throw new InvalidOperationException($"no greedy action for {agent.GetType().Name}");
        }
    }
}
