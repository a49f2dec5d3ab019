using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private static readonly ScenarioSpec Joint = ScenarioLoader.Load(ScenarioFiles.JointCaching, ScenarioFiles.KnownPolicies);

    [Fact]
    public void Joint_caching_has_the_papers_system_size()
    {
        Assert.Equal("joint-caching", Joint.Name);
        Assert.Equal("000", Joint.Paper);
        Assert.Equal(3, Joint.EdgeCount);
        Assert.Equal(30, Joint.DeviceCount);
        Assert.Equal(15, Joint.Models.Count);
        Assert.Equal(500, Joint.Slots);
        Assert.Equal(1, Joint.Seed);
    }

    [Fact]
    public void Joint_caching_edges_are_in_SI_units()
    {
        for (var n = 0; n < Joint.EdgeCount; n++)
        {
            var edge = Joint.Edges[n];
            Assert.Equal(n, edge.Id);
            Assert.Equal(20e9, edge.CapacityHz);
            Assert.Equal(8e9, edge.StorageBytes);
            Assert.Equal(20e6, edge.BandwidthHz);
            Assert.Equal(4, edge.Cores);
        }
    }

    [Fact]
    public void Joint_caching_model_sizes_are_300_to_800_MB_in_bits()
    {
        foreach (var model in Joint.Models.Types)
        {
            Assert.InRange(model.SizeBits, 300e6 * 8, 800e6 * 8);
            Assert.InRange(model.ExitCount, 3, 5);
            Assert.All(model.Blocks, b => Assert.InRange(b.Cycles, 0.2e9, 0.34e9));
        }
    }

    [Fact]
    public void Joint_caching_workload_network_and_time_are_in_SI_units()
    {
        Assert.Equal(1.0, Joint.SlotSeconds);
        Assert.Equal(0.5e6 * 8, Joint.Workload.InputMinBits);
        Assert.Equal(1.0e6 * 8, Joint.Workload.InputMaxBits);
        Assert.Equal(1.0, Joint.Workload.TaskProbability);
        Assert.Equal(0.8, Joint.Workload.ZipfExponent);
        Assert.Equal(2.0, Joint.Workload.DeadlineSeconds);
        Assert.Equal(1e9, Joint.Network.FiberRateBps);
        Assert.Equal(2e9, Joint.Network.BackhaulRateBps);
        Assert.Equal(new ObjectiveSpec(1.0, 3.0), Joint.Objective);
    }

    [Fact]
    public void Joint_caching_radio_uses_the_assumed_channel()
    {
        Assert.Equal(new RadioSpec(0.2, -174, 128.1, 37.6, 50, 200, RayleighFading: true), Joint.Radio);
    }

    [Fact]
    public void Joint_caching_uses_the_papers_disciplines_on_a_line()
    {
        Assert.Equal(
            new DisciplineSpec(LinkDiscipline.Dedicated, LinkDiscipline.Dedicated, LinkDiscipline.Dedicated, ComputeDiscipline.EqualSharePerSlot),
            Joint.Disciplines);
        Assert.Equal(TopologyKind.Line, Joint.Topology.Kind);
        Assert.Equal(2, new Topology(Joint.Topology, Joint.EdgeCount).Hops(0, 2));
        Assert.Equal(DeviceAssignment.PerEdge, Joint.Devices.Assignment);
        Assert.Equal([15, 10, 5], Enumerable.Range(0, Joint.EdgeCount).Select(Joint.DevicesInCell));
    }

    [Fact]
    public void Joint_caching_lists_the_baselines()
    {
        Assert.Equal(
            ["joint-a2c", "random-decisions", "random-caching", "local-edge", "no-early-exit",
             "greedy", "random-caching-greedy", "local-edge-greedy", "no-early-exit-greedy"],
            Joint.Policies);
    }

    [Fact]
    public void Joint_caching_catalog_does_not_fit_in_one_edge()
    {
        var total = Joint.Models.Types.Sum(m => m.SizeBits);

        Assert.True(total > Joint.Edges[0].StorageBytes * 8, "the cache constraint (C3) must bind");
    }

    [Fact]
    public void Joint_caching_miss_costs_1_2_to_3_2_seconds()
    {
        foreach (var model in Joint.Models.Types)
        {
            Assert.InRange(model.SizeBits / Joint.Network.BackhaulRateBps, 1.2, 3.2);
        }
    }

    [Fact]
    public void Tiny_loads_with_fifo_disciplines_ring_and_explicit_models()
    {
        var tiny = ScenarioLoader.Load(ScenarioFiles.Tiny, ScenarioFiles.KnownPolicies);

        Assert.Equal(2, tiny.EdgeCount);
        Assert.Equal(6, tiny.DeviceCount);
        Assert.Equal(20, tiny.Slots);
        Assert.Equal(TopologyKind.Ring, tiny.Topology.Kind);
        Assert.All(tiny.Edges, e => Assert.Equal(2, e.Cores));
        Assert.Equal(
            new DisciplineSpec(LinkDiscipline.Fifo, LinkDiscipline.Fifo, LinkDiscipline.Fifo, ComputeDiscipline.Fifo),
            tiny.Disciplines);
        Assert.Equal(["small", "medium", "large"], tiny.Models.Types.Select(m => m.Name));
        Assert.Equal(450e6 * 8, tiny.Models[1].SizeBits);
        Assert.Equal(0.25e9, tiny.Models[1].Blocks[0].Cycles);
        Assert.Equal(0.82, tiny.Models[1].AccuracyAt(3));
        Assert.Equal(300e6 * 8, tiny.Models.SmallestSizeBits);
    }

    [Fact]
    public void Edge_overrides_replace_only_the_named_settings_of_one_edge()
    {
        var config = ScenarioFiles.JointCachingConfig()
            .WithOverride("edges.overrides", "[ { id = 1, capacity-ghz = 10 }, { id = 2, storage-gb = 4, cores = 8 } ]");

        var edges = ScenarioFiles.Load(config).Edges;

        Assert.Equal(new EdgeSpec(0, 20e9, 8e9, 4, 20e6), edges[0]);
        Assert.Equal(new EdgeSpec(1, 10e9, 8e9, 4, 20e6), edges[1]);
        Assert.Equal(new EdgeSpec(2, 20e9, 4e9, 8, 20e6), edges[2]);
    }

    [Fact]
    public void Explicit_adjacency_topology_is_accepted()
    {
        var config = ScenarioFiles.JointCachingConfig()
            .WithOverride("topology", "{ kind = adjacency, adjacency = [[2], [2], [0, 1]] }");

        var topology = ScenarioFiles.Load(config).Topology;

        Assert.Equal(TopologyKind.Adjacency, topology.Kind);
        Assert.Equal(2, new Topology(topology, 3).Hops(0, 1));
    }
}
