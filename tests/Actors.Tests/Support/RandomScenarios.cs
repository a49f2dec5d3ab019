using MecActors.Core.Models;
using MecActors.Core.Network;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;
using MecActors.Policies.Caching;

namespace MecActors.Actors.Tests.Support;

/// <summary>Scenarios drawn at random over sizes, topologies, disciplines and loads, for equivalence checks.</summary>
public static class RandomScenarios
{
    public static readonly string[] Policies = ["random-decisions", "greedy", "local-edge", "no-early-exit", "random-caching"];

    /// <summary>From this index on, scenarios have device and cloud compute, tensor and result sizes, and run random placements.</summary>
    public const int FirstWithSplits = 25;

    /// <summary>
    /// From this index on, scenarios also send uploads through the devices' transmitters, some allocate the band or the
    /// edges, some draw the devices' rates, and all vary the edges' capacity, the compute times and the channel estimates.
    /// </summary>
    public const int FirstWithConditions = 45;

    /// <summary>From <see cref="FirstWithSplits"/> on, scenarios with index % 4 == 1 have Poisson and those with index % 4 == 2 periodic arrivals (<see cref="Arrivals"/>).</summary>
    public static ScenarioSpec Draw(int index)
    {
        var scenario = DrawBase(index);
        if (index >= FirstWithSplits)
        {
            scenario = scenario with { Workload = Arrivals(index, scenario.Workload, scenario.SlotSeconds) };
        }

        return index >= FirstWithConditions ? Conditions(index, scenario) : scenario;
    }

    /// <summary>
    /// Transmitters (allocated band for even indices, device-fifo for odd ones), allocated edges for index % 3 == 0,
    /// rates drawn in 20-100 Mbit/s for index % 4 == 3, and per-slot dynamics (users who come and go for odd indices),
    /// from a stream of their own.
    /// </summary>
    private static ScenarioSpec Conditions(int index, ScenarioSpec scenario)
    {
        var r = RandomStream.For(index, StreamKind.Scenario, 97);
        var disciplines = scenario.Disciplines with
        {
            Wireless = index % 2 == 0 ? LinkDiscipline.Allocated : LinkDiscipline.DeviceFifo,
            Edge = index % 3 == 0 ? ComputeDiscipline.Allocated : scenario.Disciplines.Edge,
        };
        var radio = index % 4 == 3 ? new RadioSpec(0.2, -174, 0.0, 1.0, 1.0, 1.0, false, 20e6, 100e6) : scenario.Radio;
        var dynamics = new DynamicsSpec(r.Uniform(0.2, 0.6), r.Uniform(0.7, 1.0), r.Uniform(0.0, 0.3), r.Uniform(0.0, 0.5))
        {
            DeviceAvailability = (r.Uniform(0.3, 0.8), 1.0),
            CloudAvailability = (r.Uniform(0.3, 0.8), 1.0),
            Users = index % 2 == 1 ? new UserActivitySpec(r.Uniform(0.2, 0.8), r.Uniform(0.1, 0.5)) : null,
        };
        return scenario with { Disciplines = disciplines, Radio = radio, Dynamics = dynamics };
    }

    /// <summary>
    /// Several tasks per device per slot with arrival offsets, per-task deadlines and accuracy requirements, from a
    /// stream of their own so the rest of the scenario is as before: Poisson with 1-3 tasks a device-slot on average,
    /// or frames 1.5-3.5 times a slot.
    /// </summary>
    private static WorkloadSpec Arrivals(int index, WorkloadSpec workload, double slotSeconds)
    {
        var r = RandomStream.For(index, StreamKind.Scenario, 98);
        var deadline = r.Uniform(0.3, 2.0);
        var ranged = workload with
        {
            TaskProbability = 0.0,
            DeadlineSeconds = deadline,
            DeadlineMaxSeconds = deadline * r.Uniform(1.0, 2.0),
            AccuracyRequirementMin = r.Uniform(0.0, 0.5),
            AccuracyRequirementMax = r.Uniform(0.5, 0.9),
        };
        return (index % 4) switch
        {
            1 => ranged with { Arrivals = ArrivalKind.Poisson, RatePerSecond = r.Uniform(1.0, 3.0) / slotSeconds },
            2 => ranged with { Arrivals = ArrivalKind.Periodic, FrameSeconds = slotSeconds / r.Uniform(1.5, 3.5) },
            _ => workload,
        };
    }

    private static ScenarioSpec DrawBase(int index)
    {
        var r = RandomStream.For(index, StreamKind.Scenario, 99);
        var edges = 1 + r.Next(5);
        var devices = 1 + r.Next(40);
        var overloaded = index % 3 == 0;
        var splits = index >= FirstWithSplits;
        var models = Models(r, 1 + r.Next(6), splits);
        var smallest = models.SmallestSizeBits / 8.0;
        var edgeSpecs = new EdgeSpec[edges];
        for (var n = 0; n < edges; n++)
        {
            // Some edges store just the smallest model, so tasks sent there with bigger ones are dropped.
            var storage = r.NextDouble() < 0.2 ? smallest * 1.01 : smallest * r.Uniform(1.5, 8.0);
            var capacity = overloaded ? r.Uniform(0.5e9, 2e9) : r.Uniform(5e9, 30e9);
            edgeSpecs[n] = new EdgeSpec(n, capacity, storage, 1 + r.Next(4), r.Uniform(5e6, 30e6));
        }

        return new ScenarioSpec(
            $"random-{index}",
            "test",
            r.Uniform(0.2, 1.0),
            8 + r.Next(8),
            index,
            Topology(r, edges),
            edgeSpecs,
            new NetworkSpec(r.Uniform(0.2e9, 2e9), overloaded ? r.Uniform(0.3e9, 1e9) : r.Uniform(2e9, 10e9)),
            new RadioSpec(0.2, -174, 128.1, 37.6, 50, 250, r.NextDouble() < 0.7),
            new DeviceSpec(devices, r.NextDouble() < 0.5 ? DeviceAssignment.RoundRobin : DeviceAssignment.Block),
            models,
            new WorkloadSpec(r.Uniform(0.5, 1.0), 0.2e6 * 8, 1.5e6 * 8, r.Uniform(0.3, 1.2), 0.3, 0.1, r.Uniform(0.5, 3.0)),
            new ObjectiveSpec(1.0, 2.0),
            new PolicyParameters(new PopularityCachingSettings(1 + r.Next(10))),
            new DisciplineSpec(
                (LinkDiscipline)r.Next(3),
                (LinkDiscipline)r.Next(3),
                (LinkDiscipline)r.Next(3),
                (ComputeDiscipline)r.Next(3),
                (ComputeDiscipline)r.Next(3),
                (ComputeDiscipline)r.Next(3),
                (LinkDiscipline)r.Next(3),
                (LinkDiscipline)r.Next(3)),
            Policies,
            DeviceCompute: splits ? new DeviceComputeSpec(r.Uniform(0.5e9, 3e9), 1 + r.Next(2), 1e-27) : null,
            Cloud: splits ? new CloudSpec(r.Uniform(10e9, 60e9), 1 + r.Next(8), r.Uniform(0.1e9, 1e9)) : null,
            OnDeadline: splits && index % 2 == 0 ? DeadlineMode.Drop : DeadlineMode.Complete);
    }

    private static ModelCatalog Models(RandomStream r, int count, bool tensors)
    {
        var types = new DnnModel[count];
        for (var m = 0; m < count; m++)
        {
            var exits = 1 + r.Next(4);
            var blocks = new ExitBranch[exits];
            var accuracy = r.Uniform(0.4, 0.6);
            for (var b = 0; b < exits; b++)
            {
                blocks[b] = new ExitBranch(r.Uniform(0.1e9, 0.6e9), accuracy, tensors ? r.Uniform(0.01e6, 2e6) * 8 : 0.0);
                accuracy += r.Uniform(0.02, 0.1);
            }

            types[m] = new DnnModel(m, $"m{m}", r.Uniform(100e6, 900e6) * 8, blocks, tensors ? r.Uniform(1e3, 50e3) * 8 : 0.0);
        }

        return new ModelCatalog(types);
    }

    private static TopologySpec Topology(RandomStream r, int edges)
    {
        var kind = (TopologyKind)r.Next(4);
        if (kind != TopologyKind.Adjacency)
        {
            return new TopologySpec(kind);
        }

        // A random spanning tree plus a few chords: connected, irregular hop counts.
        var lists = new List<int>[edges];
        for (var n = 0; n < edges; n++)
        {
            lists[n] = new List<int>();
        }

        for (var n = 1; n < edges; n++)
        {
            var parent = r.Next(n);
            lists[n].Add(parent);
            lists[parent].Add(n);
        }

        if (edges > 2)
        {
            var a = r.Next(edges);
            var b = r.Next(edges);
            if (a != b)
            {
                lists[a].Add(b);
            }
        }

        return new TopologySpec(TopologyKind.Adjacency, lists);
    }
}
