using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Models;
using MecActors.Core.Network;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;
using MecActors.Policies.Caching;

namespace MecActors.Policies.Tests.Learning;

/// <summary>
/// Small two-edge systems for the learning tests, built so that a slot's outcome depends only on the
/// slot's own decision: dedicated links, equal share per slot (no backlog, no carry-over), Rayleigh fading
/// off, every device at the same distance, a fixed input size and, by default, a task from every device every slot.
/// </summary>
internal static class LearningScenarios
{
    public const double MB = 1e6;

    /// <summary>Every task's input size (1 MB) in <see cref="TwoEdges"/>.</summary>
    public const double InputBits = 8e6;

    /// <summary>The three model shapes, by exit count: 500 MB with 3 exits, 300 MB with 2, 200 MB with 1.</summary>
    public enum Shape
    {
        ThreeExits,
        TwoExits,
        OneExit,
    }

    /// <summary>
    /// Two edges joined by a 1 Gbit/s fiber, the devices split in two blocks (the first half under edge 0),
    /// each edge's 20 MHz band shared equally by its cell. Edge 0 has a quarter of edge 1's capacity
    /// (5 vs 20 GHz); with <see cref="FixedCaching.EdgeOneOnly"/> it also caches nothing while edge 1 caches
    /// every model, so a task sent to edge 0 waits for a model download of seconds (1 Gbit/s backhaul).
    /// Model types follow a fixed Zipf popularity (no drift, no noise). The objective is D - Acc (alpha = beta = 1).
    /// </summary>
    public static SystemView TwoEdges(
        int devices = 4,
        Shape[]? models = null,
        double slotSeconds = 10.0,
        double taskProbability = 1.0)
    {
        models ??= [Shape.ThreeExits];
        var edges = new List<EdgeSpec>
        {
            new(0, 5e9, 10_000 * MB, 1, 20e6),
            new(1, 20e9, 10_000 * MB, 1, 20e6),
        };

        var scenario = new ScenarioSpec(
            Name: "learning-two-edges",
            Paper: "000",
            SlotSeconds: slotSeconds,
            Slots: 100,
            Seed: 1,
            Topology: new TopologySpec(TopologyKind.Line),
            Edges: edges,
            Network: new NetworkSpec(1e9, 1e9),
            Radio: new RadioSpec(0.2, -174, 128.1, 37.6, 100, 100, RayleighFading: false),
            Devices: new DeviceSpec(devices, DeviceAssignment.Block),
            Models: new ModelCatalog(models.Select((shape, id) => Model(shape, id)).ToList()),
            Workload: new WorkloadSpec(taskProbability, InputBits, InputBits, 0.8, 0.0, 0.0, 100.0),
            Objective: new ObjectiveSpec(1.0, 1.0),
            PolicyParameters: new PolicyParameters(new PopularityCachingSettings(3)),
            Disciplines: new DisciplineSpec(LinkDiscipline.Dedicated, LinkDiscipline.Dedicated, LinkDiscipline.Dedicated, ComputeDiscipline.EqualSharePerSlot),
            Policies: [Paper000Policies.JointA2CName]);
        return new SystemView(scenario);
    }

    /// <summary>
    /// Model <paramref name="id"/> of the given shape. Three exits: blocks of 0.25, 0.25 and 2 Gcycles with
    /// accuracy 0.30, 0.80, 0.85, so that exit 2 is the best on edge 1 whatever its load. Two exits: 0.5 and
    /// 3 Gcycles, accuracy 0.70, 0.80. One exit: 1 Gcycles, accuracy 0.75.
    /// </summary>
    public static DnnModel Model(Shape shape, int id) => shape switch
    {
        Shape.ThreeExits => new(id, "three-exits", 500 * MB * 8.0, [new(0.25e9, 0.30), new(0.25e9, 0.80), new(2e9, 0.85)]),
        Shape.TwoExits => new(id, "two-exits", 300 * MB * 8.0, [new(0.5e9, 0.70), new(3e9, 0.80)]),
        _ => new(id, "one-exit", 200 * MB * 8.0, [new(1e9, 0.75)]),
    };

    /// <summary>
    /// A slot of <see cref="TwoEdges"/> drawn at random: each device has a task of a random type (or, with
    /// probability <paramref name="idle"/>, none), and each edge caches each model with probability 1/2.
    /// </summary>
    public static SlotObservation RandomSlot(SystemView system, int slot, int seed, double idle = 0.0)
    {
        var random = RandomStream.For(seed, StreamKind.Scenario, slot);
        var tasks = new List<TaskRequest>();
        for (var u = 0; u < system.Scenario.DeviceCount; u++)
        {
            var model = random.Next(system.Scenario.Models.Count);
            if (random.NextDouble() >= idle)
            {
                tasks.Add(TestSystem.Task(system, slot, u, model, InputBits, 120e6));
            }
        }

        var cached = new bool[system.Edges][];
        for (var n = 0; n < cached.Length; n++)
        {
            cached[n] = new bool[system.Scenario.Models.Count];
            for (var m = 0; m < cached[n].Length; m++)
            {
                cached[n][m] = random.NextDouble() < 0.5;
            }
        }

        return TestSystem.Observation(system, slot, tasks, TestSystem.Edges(system, cached));
    }

    /// <summary>Trains <paramref name="agent"/> through the reference model for <paramref name="slots"/> slots.</summary>
    public static PolicyRun Train(SystemView system, IOffloadingPolicy agent, ICachingPolicy caching, int slots, int workloadSeed) =>
        ReferenceModel.Run(system, new PolicySet("train", agent, caching), slots, workloadSeed);

    /// <summary>
    /// The per-slot reward R(t) = -(1/U) sum_u [alpha D_u - beta Acc_u] of a joint decision, with every
    /// delay from <see cref="SystemView.EstimateDelaySeconds"/> (exact for these scenarios: the edge's
    /// share is its task count in the slot, there is no backlog, and a miss downloads in parallel).
    /// </summary>
    public static double FormulaReward(SlotObservation observation, IReadOnlyList<OffloadDecision> decisions)
    {
        var system = observation.System;
        var perEdge = new int[system.Edges];
        foreach (var d in decisions)
        {
            perEdge[d.TargetEdge]++;
        }

        var cost = 0.0;
        for (var i = 0; i < decisions.Count; i++)
        {
            cost += TaskCost(observation, i, decisions[i], perEdge[decisions[i].TargetEdge]);
        }

        return -cost / decisions.Count;
    }

    /// <summary>The largest <see cref="FormulaReward"/> over every joint decision (every (edge, exit) per task).</summary>
    public static double OptimalReward(SlotObservation observation) => RankedRewards(observation).Best;

    /// <summary>
    /// The largest <see cref="FormulaReward"/> over every joint decision, and the largest among those that are
    /// smaller by more than 1e-9 (the runner-up value).
    /// </summary>
    public static (double Best, double RunnerUp) RankedRewards(SlotObservation observation)
    {
        var rewards = JointDecisions(observation).Select(d => FormulaReward(observation, d)).ToList();
        var best = rewards.Max();
        var runnerUp = rewards.Where(r => r < best - 1e-9).DefaultIfEmpty(double.NegativeInfinity).Max();
        return (best, runnerUp);
    }

    /// <summary>Every joint decision of a slot: one (edge, exit) per task, exits within the task's model (C2).</summary>
    public static IEnumerable<OffloadDecision[]> JointDecisions(SlotObservation observation)
    {
        var system = observation.System;
        var tasks = observation.Tasks;
        var choices = new List<OffloadDecision>[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            choices[i] = new List<OffloadDecision>();
            var exits = system.Scenario.Models[tasks[i].ModelId].ExitCount;
            for (var n = 0; n < system.Edges; n++)
            {
                for (var b = 1; b <= exits; b++)
                {
                    choices[i].Add(new OffloadDecision(n, b));
                }
            }
        }

        var index = new int[tasks.Count];
        while (true)
        {
            var joint = new OffloadDecision[tasks.Count];
            for (var i = 0; i < joint.Length; i++)
            {
                joint[i] = choices[i][index[i]];
            }

            yield return joint;
            var k = 0;
            while (k < index.Length && ++index[k] == choices[k].Count)
            {
                index[k++] = 0;
            }

            if (k == index.Length)
            {
                yield break;
            }
        }
    }

    private static double TaskCost(SlotObservation observation, int i, OffloadDecision decision, int tasksAtEdge)
    {
        var system = observation.System;
        var task = observation.Tasks[i];
        var edge = observation.Edges[decision.TargetEdge];
        var delay = system.EstimateDelaySeconds(task, decision.TargetEdge, decision.Exit, edge.Cached[task.ModelId], tasksAtEdge, observation.Queues);
        var accuracy = system.Scenario.Models[task.ModelId].AccuracyAt(decision.Exit);
        return system.Scenario.Objective.Cost(delay, accuracy);
    }
}

/// <summary>A caching policy that places the same caches every slot.</summary>
internal sealed class FixedCaching(bool[][] placement) : ICachingPolicy
{
    /// <summary>Edge 0 caches nothing; every other edge caches every model.</summary>
    public static FixedCaching EdgeOneOnly(SystemView system)
    {
        var placement = new bool[system.Edges][];
        for (var n = 0; n < placement.Length; n++)
        {
            placement[n] = Enumerable.Repeat(n != 0, system.Scenario.Models.Count).ToArray();
        }

        return new FixedCaching(placement);
    }

    /// <summary>Every edge caches every model.</summary>
    public static FixedCaching Everywhere(SystemView system) =>
        new(Enumerable.Range(0, system.Edges).Select(_ => Enumerable.Repeat(true, system.Scenario.Models.Count).ToArray()).ToArray());

    public bool[][] Place(CacheObservation observation) => placement.Select(edge => (bool[])edge.Clone()).ToArray();
}

/// <summary>Passes everything to an inner policy and keeps what it saw, decided and was told.</summary>
internal sealed class RecordingPolicy(IOffloadingPolicy inner) : IOffloadingPolicy
{
    public List<SlotObservation> Observations { get; } = new();

    public List<OffloadDecision[]> Decisions { get; } = new();

    public List<SlotFeedback> Feedback { get; } = new();

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var decisions = inner.Decide(observation);
        Observations.Add(observation);
        Decisions.Add(decisions);
        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
        Feedback.Add(feedback);
        inner.Learn(feedback);
    }
}
