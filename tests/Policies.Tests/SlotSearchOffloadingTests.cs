using MecActors.Core.Decisions;
using MecActors.Core.Workload;
using MecActors.Policies.Offloading;
using Xunit;

namespace MecActors.Policies.Tests;

public class SlotSearchOffloadingTests
{
    [Theory]
    [InlineData(GreedyMode.Joint)]
    [InlineData(GreedyMode.Exit)]
    [InlineData(GreedyMode.Edge)]
    public void Never_costs_more_than_greedy_and_no_single_move_improves_it(GreedyMode mode)
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var system = TestSystem.Create(backhaulRateBps: 3e8, beta: 2.0);
            var observation = TestSystem.RandomSlot(system, 1, seed);

            var greedy = new GreedyOffloading(mode).Decide(observation);
            var search = new SlotSearchOffloading(mode).Decide(observation);

            var searchCost = SlotCost(observation, search);
            Assert.True(searchCost <= SlotCost(observation, greedy) + 1e-9, $"seed {seed}");
            foreach (var (i, move) in Moves(observation, search, mode))
            {
                var moved = (OffloadDecision[])search.Clone();
                moved[i] = move;
                Assert.True(SlotCost(observation, moved) >= searchCost - 1e-9, $"seed {seed}: task {i} to {move} improves");
            }
        }
    }

    [Fact]
    public void Counts_the_slowdown_a_task_causes_the_others_at_its_edge()
    {
        // Greedy charges each task only its own delay; sharing an edge also slows everyone already there.
        // Alone at the edge the first task's best exit is the second; every later one sees more tasks and exits first.
        var system = TestSystem.Create(beta: 5.0);
        var tasks = Enumerable.Range(0, 6).Select(u => TestSystem.Task(system, 1, u, 3) with { LocalEdge = 0 }).ToArray();
        var observation = TestSystem.Observation(system, 1, tasks, TestSystem.Edges(system, TestSystem.AllCached(system)));

        var greedy = new GreedyOffloading(GreedyMode.Exit).Decide(observation);
        var search = new SlotSearchOffloading(GreedyMode.Exit).Decide(observation);

        Assert.True(SlotCost(observation, search) < SlotCost(observation, greedy) - 1e-6);
        Assert.True(search.Sum(d => d.Exit) < greedy.Sum(d => d.Exit), "the search exits earlier once the shared cost counts");
        Assert.All(search, d => Assert.Equal(0, d.TargetEdge));
    }

    [Fact]
    public void Fixed_parts_stay_fixed()
    {
        var system = TestSystem.Create(backhaulRateBps: 3e8);
        var observation = TestSystem.RandomSlot(system, 2, 5);

        var local = new SlotSearchOffloading(GreedyMode.Exit).Decide(observation);
        var lastExit = new SlotSearchOffloading(GreedyMode.Edge).Decide(observation);

        for (var i = 0; i < observation.Tasks.Count; i++)
        {
            Assert.Equal(observation.Tasks[i].LocalEdge, local[i].TargetEdge);
            Assert.Equal(system.Scenario.Models[observation.Tasks[i].ModelId].ExitCount, lastExit[i].Exit);
        }
    }

    [Fact]
    public void Is_deterministic()
    {
        var system = TestSystem.Create(backhaulRateBps: 3e8);
        var observation = TestSystem.RandomSlot(system, 3, 8);

        Assert.Equal(new SlotSearchOffloading(GreedyMode.Joint).Decide(observation), new SlotSearchOffloading(GreedyMode.Joint).Decide(observation));
    }

    /// <summary>The slot's objective from the formulas, each task sharing its edge with all the slot's tasks sent there.</summary>
    private static double SlotCost(SlotObservation observation, OffloadDecision[] decisions)
    {
        var system = observation.System;
        var counts = new int[system.Edges];
        foreach (var d in decisions)
        {
            counts[d.TargetEdge]++;
        }

        var cost = 0.0;
        for (var i = 0; i < decisions.Length; i++)
        {
            var task = observation.Tasks[i];
            var edge = observation.Edges[decisions[i].TargetEdge];
            var delay = system.EstimateDelaySeconds(
                task, decisions[i].TargetEdge, decisions[i].Exit, edge.Cached[task.ModelId], counts[decisions[i].TargetEdge], observation.Queues);
            cost += system.Scenario.Objective.Cost(delay, system.Scenario.Models[task.ModelId].AccuracyAt(decisions[i].Exit));
        }

        return cost;
    }

    private static IEnumerable<(int Task, OffloadDecision Move)> Moves(SlotObservation observation, OffloadDecision[] decisions, GreedyMode mode)
    {
        var system = observation.System;
        for (var i = 0; i < decisions.Length; i++)
        {
            var task = observation.Tasks[i];
            var model = system.Scenario.Models[task.ModelId];
            var edges = (mode & GreedyMode.Edge) != 0 ? Enumerable.Range(0, system.Edges) : [task.LocalEdge];
            var exits = (mode & GreedyMode.Exit) != 0 ? Enumerable.Range(1, model.ExitCount) : [model.ExitCount];
            foreach (var n in edges.Where(n => Feasible(observation, task, n)))
            {
                foreach (var b in exits)
                {
                    yield return (i, new OffloadDecision(n, b));
                }
            }
        }
    }

    private static bool Feasible(SlotObservation observation, TaskRequest task, int edge) =>
        observation.Edges[edge].Cached[task.ModelId]
        || observation.System.Scenario.Models[task.ModelId].SizeBits <= observation.Edges[edge].StorageBytes * 8.0;
}
