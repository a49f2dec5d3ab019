using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Policies.Caching;
using MecActors.Policies.EarlyExitOffloading;
using Xunit;

namespace MecActors.Policies.Tests.EarlyExitOffloading;

/// <summary>Paper 002's policies on a system of its shape: valid decisions stated as pieces, the same for the same seed.</summary>
public sealed class Paper002PolicyTests
{
    public static TheoryData<string> Policies()
    {
        var data = new TheoryData<string>();
        foreach (var name in Paper002Policies.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Every_decision_is_one_edge_piece_of_its_kind_time_to_an_exit_within_range(string name)
    {
        var system = EarlyExitScenarios.System(devices: 5, dynamics: true);
        var servers = system.Scenario.PolicyParameters.Get<EarlyExitServers>();
        var recorder = new RecordingPolicy(PolicyCatalog.All.Create(name, system, 42).Offloading);
        ReferenceModel.Run(system, new PolicySet(name, recorder, new PopularityCaching(system)), 20, 4);

        Assert.Equal(20, recorder.Slots.Count);
        foreach (var (observation, decisions) in recorder.Slots)
        {
            Assert.Equal(observation.Tasks.Count, decisions.Length);
            foreach (var decision in decisions)
            {
                Assert.InRange(decision.TargetEdge, 0, 1);
                Assert.InRange(decision.Exit, 1, 3);
                var piece = Assert.Single(decision.Pieces!);
                Assert.Equal(NodeKind.Edge, piece.Node);
                Assert.Equal(0.0, piece.OutputBits);
                Assert.Equal(servers.Seconds(decision.TargetEdge, decision.Exit) * system.CoreHz(NodeKind.Edge, decision.TargetEdge), piece.Cycles, 6);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Same_seed_gives_identical_decisions(string name)
    {
        var system = EarlyExitScenarios.System(devices: 5, dynamics: true);
        OffloadDecision[][] Run()
        {
            var recorder = new RecordingPolicy(PolicyCatalog.All.Create(name, system, 17).Offloading);
            ReferenceModel.Run(system, new PolicySet(name, recorder, new PopularityCaching(system)), 20, 4);
            return [.. recorder.Slots.Select(s => s.Decisions)];
        }

        var first = Run();
        var second = Run();
        Assert.Equal(first.Length, second.Length);
        for (var t = 0; t < first.Length; t++)
        {
            Assert.Equal(first[t], second[t]);
        }
    }

    [Fact]
    public void Without_early_exits_grl_and_droo_always_take_the_last_exit()
    {
        var system = EarlyExitScenarios.System(devices: 5, dynamics: true);
        foreach (var name in new[] { Paper002Policies.GrlName, Paper002Policies.DrooName })
        {
            var recorder = new RecordingPolicy(PolicyCatalog.All.Create(name, system, 3).Offloading);
            ReferenceModel.Run(system, new PolicySet(name, recorder, new PopularityCaching(system)), 20, 4);
            Assert.All(recorder.Slots.SelectMany(s => s.Decisions), d => Assert.Equal(3, d.Exit));
        }
    }
}
