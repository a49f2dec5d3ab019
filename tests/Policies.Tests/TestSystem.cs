using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Models;
using MecActors.Core.Network;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;
using MecActors.Policies.Caching;

namespace MecActors.Policies.Tests;

/// <summary>
/// A small system in code: 3 edges on a line, 6 round-robin devices, 4 models with 3 exits.
/// Model sizes 300, 500, 400, 600 MB; default storage 1 GB per edge (so at most two models fit).
/// </summary>
internal static class TestSystem
{
    public const double MB = 1e6;

    public static readonly double[] ModelSizesBytes = [300 * MB, 500 * MB, 400 * MB, 600 * MB];

    public static SystemView Create(
        double storageBytes = 1000 * MB,
        double capacityHz = 20e9,
        double fiberRateBps = 1e9,
        double backhaulRateBps = 1e9,
        int windowSlots = 3,
        double alpha = 1.0,
        double beta = 1.0,
        ComputeDiscipline edge = ComputeDiscipline.EqualSharePerSlot)
    {
        var models = new List<DnnModel>();
        for (var m = 0; m < ModelSizesBytes.Length; m++)
        {
            var blocks = new List<ExitBranch>
            {
                new(1e9 * (m + 1), 0.70),
                new(2e9 * (m + 1), 0.80),
                new(3e9 * (m + 1), 0.90),
            };
            models.Add(new DnnModel(m, $"model-{m}", ModelSizesBytes[m] * 8.0, blocks));
        }

        var edges = new List<EdgeSpec>();
        for (var n = 0; n < 3; n++)
        {
            edges.Add(new EdgeSpec(n, capacityHz, storageBytes, 4, 20e6));
        }

        var scenario = new ScenarioSpec(
            Name: "policies-test",
            Paper: "000",
            SlotSeconds: 1.0,
            Slots: 10,
            Seed: 7,
            Topology: new TopologySpec(TopologyKind.Line),
            Edges: edges,
            Network: new NetworkSpec(fiberRateBps, backhaulRateBps),
            Radio: new RadioSpec(0.2, -174, 128.1, 37.6, 10, 500, true),
            Devices: new DeviceSpec(6, DeviceAssignment.RoundRobin),
            Models: new ModelCatalog(models),
            Workload: new WorkloadSpec(1.0, 4e6, 8e6, 0.8, 0.1, 0.05, 10.0),
            Objective: new ObjectiveSpec(alpha, beta),
            PolicyParameters: new PolicyParameters(new PopularityCachingSettings(windowSlots)),
            Disciplines: new DisciplineSpec(LinkDiscipline.Dedicated, LinkDiscipline.Dedicated, LinkDiscipline.Dedicated, edge),
            Policies: ["greedy"],
            DeviceCompute: new DeviceComputeSpec(2e9, 1, 1e-27),
            Cloud: new CloudSpec(50e9, 8, 1e9));
        return new SystemView(scenario);
    }

    public static TaskRequest Task(SystemView system, int slot, int device, int model, double inputBits = 4e6, double uplinkBps = 50e6)
    {
        var devices = system.Scenario.DeviceCount;
        return new TaskRequest(
            TaskRequest.IdOf(slot, device, devices),
            slot,
            device,
            system.Scenario.LocalEdgeOf(device),
            model,
            inputBits,
            1e-9,
            uplinkBps / system.Scenario.Edges[0].BandwidthHz,
            uplinkBps,
            (slot - 1) * system.Scenario.SlotSeconds,
            system.Scenario.Workload.DeadlineSeconds);
    }

    /// <summary>Edge statuses with the given caches (null: nothing cached) and backlogs (null: none).</summary>
    public static EdgeStatus[] Edges(SystemView system, bool[][]? cached = null, double[]? backlog = null)
    {
        var scenario = system.Scenario;
        var statuses = new EdgeStatus[scenario.EdgeCount];
        for (var n = 0; n < statuses.Length; n++)
        {
            var spec = scenario.Edges[n];
            var c = cached?[n] ?? new bool[scenario.Models.Count];
            statuses[n] = new EdgeStatus(n, spec.CapacityHz, spec.Cores, spec.StorageBytes, backlog?[n] ?? 0.0, c);
        }

        return statuses;
    }

    public static bool[][] AllCached(SystemView system)
    {
        var cached = new bool[system.Edges][];
        for (var n = 0; n < cached.Length; n++)
        {
            cached[n] = Enumerable.Repeat(true, system.Scenario.Models.Count).ToArray();
        }

        return cached;
    }

    /// <summary>An observation of the tasks and edges; each edge's processor has the queue its status reports.</summary>
    public static SlotObservation Observation(SystemView system, int slot, IReadOnlyList<TaskRequest> tasks, EdgeStatus[]? edges = null)
    {
        edges ??= Edges(system);
        return new SlotObservation(slot, (slot - 1) * system.Scenario.SlotSeconds, tasks, edges, system)
        {
            Queues = ResourceQueues.Of(edges.Select(e => new QueueState(ResourceRef.EdgeCompute(e.Edge), e.BacklogSeconds, 0))),
        };
    }

    /// <summary>A slot where every device has a task of a random type, with random caches.</summary>
    public static SlotObservation RandomSlot(SystemView system, int slot, int seed)
    {
        var random = RandomStream.For(seed, StreamKind.Scenario, slot);
        var tasks = new List<TaskRequest>();
        for (var u = 0; u < system.Scenario.DeviceCount; u++)
        {
            tasks.Add(Task(system, slot, u, random.Next(system.Scenario.Models.Count), random.Uniform(4e6, 8e6), random.Uniform(5e6, 80e6)));
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

        return Observation(system, slot, tasks, Edges(system, cached, [random.Uniform(0, 0.5), 0, random.Uniform(0, 0.5)]));
    }

    /// <summary>A cache observation from the model ids each edge's devices requested (one id per request).</summary>
    public static CacheObservation Requests(SystemView system, int nextSlot, params int[][] idsPerEdge)
    {
        var counts = new int[system.Edges][];
        for (var n = 0; n < counts.Length; n++)
        {
            counts[n] = new int[system.Scenario.Models.Count];
            if (n < idsPerEdge.Length)
            {
                foreach (var m in idsPerEdge[n])
                {
                    counts[n][m]++;
                }
            }
        }

        return new CacheObservation(nextSlot, counts, system);
    }

    public static double CachedBits(SystemView system, bool[] cached)
    {
        var bits = 0.0;
        for (var m = 0; m < cached.Length; m++)
        {
            if (cached[m])
            {
                bits += system.Scenario.Models[m].SizeBits;
            }
        }

        return bits;
    }
}
