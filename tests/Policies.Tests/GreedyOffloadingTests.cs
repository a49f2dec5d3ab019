using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;
using MecActors.Policies.Offloading;
using Xunit;

namespace MecActors.Policies.Tests;

public class GreedyOffloadingTests
{
    [Fact]
    public void Avoids_an_edge_that_misses_the_model_when_the_download_is_slow()
    {
        // 500 MB over 100 Mbit/s: a 40 s download at the local edge against one fiber hop.
        var system = TestSystem.Create(backhaulRateBps: 1e8);
        var cached = new bool[3][];
        cached[0] = [true, false, true, true];
        cached[1] = [false, true, false, false];
        cached[2] = [false, false, false, false];
        var task = TestSystem.Task(system, 1, 0, 1);
        Assert.Equal(0, task.LocalEdge);
        var observation = TestSystem.Observation(system, 1, [task], TestSystem.Edges(system, cached));

        var greedy = new GreedyOffloading(GreedyMode.Joint).Decide(observation);
        var noEarlyExit = new GreedyOffloading(GreedyMode.Edge).Decide(observation);

        Assert.Equal(1, greedy[0].TargetEdge);
        Assert.Equal(1, noEarlyExit[0].TargetEdge);
        Assert.Equal(3, noEarlyExit[0].Exit);
    }

    [Fact]
    public void Stays_local_when_every_edge_caches_the_model()
    {
        var system = TestSystem.Create();
        var task = TestSystem.Task(system, 1, 4, 2);
        var observation = TestSystem.Observation(system, 1, [task], TestSystem.Edges(system, TestSystem.AllCached(system)));

        var decision = new GreedyOffloading(GreedyMode.Joint).Decide(observation)[0];

        Assert.Equal(task.LocalEdge, decision.TargetEdge);
    }

    [Fact]
    public void Spreads_load_when_one_edge_gets_crowded()
    {
        var system = TestSystem.Create();
        var tasks = Enumerable.Range(0, 6).Select(u => Crowded(system, u)).ToArray();
        var observation = TestSystem.Observation(system, 1, tasks, TestSystem.Edges(system, TestSystem.AllCached(system)));

        var greedy = new GreedyOffloading(GreedyMode.Joint).Decide(observation);
        var local = new GreedyOffloading(GreedyMode.Exit).Decide(observation);

        Assert.Equal([2, 2, 2], PerEdge(system, greedy));
        Assert.Equal([6, 0, 0], PerEdge(system, local));
    }

    [Fact]
    public void Avoids_an_edge_with_a_long_backlog()
    {
        var system = TestSystem.Create(edge: ComputeDiscipline.Fifo);
        var task = TestSystem.Task(system, 1, 0, 0);
        var observation = TestSystem.Observation(system, 1, [task], TestSystem.Edges(system, TestSystem.AllCached(system), [5.0, 0.0, 0.0]));

        var decision = new GreedyOffloading(GreedyMode.Joint).Decide(observation)[0];

        Assert.Equal(1, decision.TargetEdge);
    }

    [Fact]
    public void Picks_the_decision_minimising_the_weighted_cost()
    {
        var system = TestSystem.Create(alpha: 1.0, beta: 5.0, edge: ComputeDiscipline.Fifo);
        var cached = TestSystem.AllCached(system);
        var task = TestSystem.Task(system, 1, 2, 3);
        var edges = TestSystem.Edges(system, cached, [0.1, 0.0, 0.3]);
        var observation = TestSystem.Observation(system, 1, [task], edges);

        var decision = new GreedyOffloading(GreedyMode.Joint).Decide(observation)[0];

        var best = double.PositiveInfinity;
        var bestDecision = default(OffloadDecision);
        for (var n = 0; n < system.Edges; n++)
        {
            for (var b = 1; b <= 3; b++)
            {
                var d = system.EstimateDelaySeconds(task, n, b, true, 1, observation.Queues);
                var cost = system.Scenario.Objective.Cost(d, system.Scenario.Models[3].AccuracyAt(b));
                if (cost < best)
                {
                    best = cost;
                    bestDecision = new OffloadDecision(n, b);
                }
            }
        }

        Assert.Equal(bestDecision, decision);
    }

    [Fact]
    public void Fixed_edge_and_exit_give_the_local_edge_and_last_exit()
    {
        var system = TestSystem.Create();
        var observation = TestSystem.RandomSlot(system, 1, 2);

        var decisions = new GreedyOffloading(GreedyMode.None).Decide(observation);

        for (var i = 0; i < decisions.Length; i++)
        {
            Assert.Equal(new OffloadDecision(observation.Tasks[i].LocalEdge, 3), decisions[i]);
        }
    }

    [Fact]
    public void Is_deterministic()
    {
        var system = TestSystem.Create(backhaulRateBps: 3e8);
        var observation = TestSystem.RandomSlot(system, 3, 8);

        Assert.Equal(new GreedyOffloading(GreedyMode.Joint).Decide(observation), new GreedyOffloading(GreedyMode.Joint).Decide(observation));
    }

    private static TaskRequest Crowded(SystemView system, int device) =>
        TestSystem.Task(system, 1, device, 3) with { LocalEdge = 0 };

    private static int[] PerEdge(SystemView system, OffloadDecision[] decisions)
    {
        var counts = new int[system.Edges];
        foreach (var d in decisions)
        {
            counts[d.TargetEdge]++;
        }

        return counts;
    }
}
