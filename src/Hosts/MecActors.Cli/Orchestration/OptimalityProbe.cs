using MecActors.Core.Decisions;
using MecActors.Policies.Learning;
using MecActors.Policies.Orchestration;

namespace MecActors.Cli.Orchestration;

/// <summary>
/// Watches an agent while it trains: for every state the agent visits (Table 3's discrete state) it remembers the first
/// observation and, over every step met in that state, the reward each joint action of the same action space would have
/// earned there (eq. (4), every joint action priced as brute force prices it); every <see cref="CheckEvery"/> steps it
/// checks whether the agent's greedy joint action in each state earns the largest of those rewards summed over the
/// state's steps (ties count as optimal). Without dynamics every step of a state is the same, and this is the exact
/// optimum of the step; with them, the steps of one state differ in what the discrete state does not show (the
/// background loads within a level), and the best an agent keyed on the state can do is the action best over them.
/// </summary>
internal sealed class OptimalityProbe(ITrainablePolicy agent, ActionSpace space, SystemView system, int checkEvery) : IOffloadingPolicy
{
    private readonly OrchestrationSettings _settings = OrchestrationSettings.Of(system);
    private readonly Dictionary<long, Visit> _visited = [];

    public int CheckEvery { get; } = checkEvery;

    public int Steps { get; private set; }

    /// <summary>(step, share of the visited states whose greedy action is optimal), one per check.</summary>
    public List<(int Step, double Optimal)> Checks { get; } = [];

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var state = ResourceState.Of(observation, _settings);
        var timing = StepTiming.Of(observation, _settings, 0.0);
        if (!_visited.TryGetValue(state.Key, out var visit))
        {
            visit = new Visit(observation, timing, Rewards(timing));
            _visited[state.Key] = visit;
        }

        if (timing.SameAs(visit.FirstTiming))
        {
            visit.MetFirst();
        }
        else
        {
            visit.Met(Rewards(timing));
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

    public void Settle() => agent.Settle();

    /// <summary>The share of the visited states in which the greedy joint action earns the most over the state's steps.</summary>
    public double OptimalShare() => Optimal().States;

    /// <summary>The share of the steps met so far whose state's greedy joint action now earns the most over the state's steps.</summary>
    public double OptimalStepShare() => Optimal().Steps;

    private (double States, double Steps) Optimal()
    {
        var states = 0;
        var steps = 0L;
        var met = 0L;
        foreach (var visit in _visited.Values)
        {
            met += visit.Steps;
            var joint = Greedy(visit.First);
            if (joint >= 0 && visit.Sum(joint) >= visit.BestSum() - (1e-12 * visit.Steps))
            {
                states++;
                steps += visit.Steps;
            }
        }

        return _visited.Count == 0 ? (0.0, 0.0) : (states / (double)_visited.Count, steps / (double)met);
    }

    /// <summary>The reward of every joint action of a step with this timing.</summary>
    private double[] Rewards(StepTiming timing)
    {
        var evaluator = new StepEvaluator(timing, _settings.Threshold, system.Scenario.SlotSeconds);
        var rewards = new double[space.JointCount(timing.Tasks)];
        for (var joint = 0L; joint < rewards.Length; joint++)
        {
            rewards[joint] = evaluator.Reward(space, joint);
        }

        return rewards;
    }

    /// <summary>The greedy joint actions of the visited states, as "variant,node" per device.</summary>
    public IEnumerable<string> GreedyDecisions()
    {
        foreach (var visit in _visited.Values)
        {
            var observation = visit.First;
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

    /// <summary>
    /// A visited state: its first observation and the rewards of every joint action summed over its steps, kept as the
    /// count of steps timed as the first one (without dynamics, all of them) times its rewards plus the sum over the
    /// others, and totalled only when a check asks.
    /// </summary>
    private sealed class Visit(SlotObservation first, StepTiming firstTiming, double[] firstRewards)
    {
        private readonly double[] _sums = new double[firstRewards.Length];
        private double[]? _others;
        private int _firstSteps;
        private int _summedSteps = -1;
        private double _bestSum;

        public SlotObservation First { get; } = first;

        public StepTiming FirstTiming { get; } = firstTiming;

        public int Steps { get; private set; }

        public void MetFirst()
        {
            _firstSteps++;
            Steps++;
        }

        public void Met(double[] rewards)
        {
            _others ??= new double[rewards.Length];
            for (var joint = 0; joint < rewards.Length; joint++)
            {
                _others[joint] += rewards[joint];
            }

            Steps++;
        }

        public double Sum(long joint)
        {
            Total();
            return _sums[joint];
        }

        public double BestSum()
        {
            Total();
            return _bestSum;
        }

        private void Total()
        {
            if (_summedSteps == Steps)
            {
                return;
            }

            var best = double.NegativeInfinity;
            for (var joint = 0; joint < _sums.Length; joint++)
            {
                _sums[joint] = (_firstSteps * firstRewards[joint]) + (_others?[joint] ?? 0.0);
                best = Math.Max(best, _sums[joint]);
            }

            _bestSum = best;
            _summedSteps = Steps;
        }
    }
}
