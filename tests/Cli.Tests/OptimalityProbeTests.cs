using MecActors.Cli.Orchestration;
using MecActors.Cli.Tests.Support;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Policies;
using MecActors.Policies.Orchestration;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class OptimalityProbeTests
{
    /// <summary>
    /// Under the dynamics one discrete state is met in steps whose loads differ; the probe counts a state's greedy action
    /// optimal when it earns the most summed over those steps, as brute force prices every joint action in each.
    /// </summary>
    [Fact]
    public void A_state_met_in_different_steps_is_judged_by_the_action_best_over_them()
    {
        using var temp = new TempDirectory();
        var include = RepoPaths.Scenario("orchestration-dynamics.conf").Replace("\\", "/", StringComparison.Ordinal);
        temp.WriteFile("orchestration.conf", $"include \"{include}\"\n");
        var system = ConvergenceRun.SystemOf(temp.Path, new ConvergenceRun.Case("A", "orchestration.conf", 1, "0.89", Paper003Policies.QLearningName, false));
        var set = PolicyCatalog.All.Create(Paper003Policies.QLearningName, system, 1);
        var agent = (QLearningOrchestration)set.Offloading;
        agent.Training = true;
        var probe = new OptimalityProbe(agent, agent.Space, system, 50);
        var seen = new List<SlotObservation>();
        ReferenceModel.Run(system, set with { Offloading = new Watching(probe, seen) }, 3000, 1);

        var settings = OrchestrationSettings.Of(system);
        var byState = seen.GroupBy(o => ResourceState.Of(o, settings).Key).ToList();
        var optimal = 0;
        var optimalSteps = 0;
        var optimalInFirstStep = 0;
        foreach (var state in byState)
        {
            var sums = new double[agent.Space.JointCount(state.First().Tasks.Count)];
            foreach (var observation in state)
            {
                var evaluator = new StepEvaluator(StepTiming.Of(observation, settings, 0.0), settings.Threshold, system.Scenario.SlotSeconds);
                for (var joint = 0; joint < sums.Length; joint++)
                {
                    sums[joint] += evaluator.Reward(agent.Space, joint);
                }
            }

            var greedy = agent.Greedy(state.Key);
            var isOptimal = greedy >= 0 && sums[greedy] >= sums.Max() - 1e-9;
            optimal += isOptimal ? 1 : 0;
            optimalSteps += isOptimal ? state.Count() : 0;
            var first = new StepEvaluator(StepTiming.Of(state.First(), settings, 0.0), settings.Threshold, system.Scenario.SlotSeconds);
            optimalInFirstStep += greedy >= 0 && first.Reward(agent.Space, greedy) >= Enumerable.Range(0, sums.Length).Max(j => first.Reward(agent.Space, j)) - 1e-9 ? 1 : 0;
        }

        // Some state was met in steps of different loads, so the sum is not the first step's reward over again.
        Assert.Contains(byState, state => state.Select(o => StepTiming.Of(o, settings, 0.0)).Any(t => !t.SameAs(StepTiming.Of(state.First(), settings, 0.0))));
        Assert.Equal(byState.Count, probe.VisitedStates);
        Assert.Equal(optimal / (double)byState.Count, probe.OptimalShare(), 12);
        Assert.Equal(optimalSteps / (double)seen.Count, probe.OptimalStepShare(), 12);
        // ...and judging each state by its first step alone would count other states optimal.
        Assert.NotEqual(optimalInFirstStep, optimal);
        Assert.Equal(seen.Count / 50, probe.Checks.Count);
        Assert.InRange(seen.Count, 1000, 3000);
    }

    /// <summary>Passes every decision through to the probe, keeping the observations it saw.</summary>
    private sealed class Watching(OptimalityProbe probe, List<SlotObservation> seen) : IOffloadingPolicy
    {
        public OffloadDecision[] Decide(SlotObservation observation)
        {
            seen.Add(observation);
            return probe.Decide(observation);
        }

        public void Learn(SlotFeedback feedback) => probe.Learn(feedback);
    }
}
