using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Policies.Lymdo;
using Xunit;

namespace MecActors.Policies.Tests.Lymdo;

public class LymdoPolicyTests
{
    /// <summary>Records each slot's decisions and the policy's virtual queues after them.</summary>
    private sealed class Recording(LymdoPolicy inner) : IOffloadingPolicy
    {
        public List<double[]> Queues { get; } = [];

        public List<OffloadDecision[]> Decisions { get; } = [];

        public OffloadDecision[] Decide(SlotObservation observation)
        {
            var decisions = inner.Decide(observation);
            Queues.Add([.. inner.Queues.Backlog]);
            Decisions.Add(decisions);
            return decisions;
        }

        public void Learn(SlotFeedback feedback) => inner.Learn(feedback);
    }

    [Theory]
    [InlineData(LymdoPolicies.ExhaustiveName)]
    [InlineData(LymdoPolicies.MyopicName)]
    [InlineData(LymdoPolicies.LocalOnlyName)]
    public void The_virtual_queues_the_policy_keeps_are_those_of_the_energy_the_emulation_charges(string name)
    {
        var system = LymdoScenario.System();
        var set = PolicyCatalog.All.Create(name, system, 1);
        var recording = new Recording((LymdoPolicy)set.Offloading);

        var run = ReferenceModel.Run(system, set with { Offloading = recording }, 60, 1);

        // Without fluctuation or estimation error the slot's energy the policy plans is the energy the tasks cost.
        var budget = system.Scenario.DeviceCompute!.EnergyBudgetJ!.Value;
        var queue = new double[system.Scenario.DeviceCount];
        var highest = 0.0;
        for (var t = 1; t <= 60; t++)
        {
            for (var u = 0; u < queue.Length; u++)
            {
                var spent = run.Records.Where(r => r.Slot == t && r.Device == u).Sum(r => r.EnergyJ);
                queue[u] = Math.Max(queue[u] + spent - budget, 0.0);
                Assert.Equal(queue[u], recording.Queues[t - 1][u], 1e-9);
                highest = Math.Max(highest, queue[u]);
            }
        }

        var report = EnergyBudgetReport.From(run.Records, 60, queue.Length, budget);
        Assert.Equal(highest, report.MaxQueueJ, 1e-12);
        Assert.True(highest > 0, "the budget binds in some slot");
    }

    [Fact]
    public void Exhaustive_decisions_respect_the_allocations_bounds_and_split_the_band_and_the_es_whole()
    {
        var system = LymdoScenario.System();
        var set = PolicyCatalog.All.Create(LymdoPolicies.ExhaustiveName, system, 1);
        var recording = new Recording((LymdoPolicy)set.Offloading);

        var run = ReferenceModel.Run(system, set with { Offloading = recording }, 40, 1);

        Assert.All(run.Records, r => Assert.NotEqual(TaskOutcome.Dropped, r.Outcome));
        Assert.Equal(run.Records.Count, recording.Decisions.Sum(d => d.Length));
        foreach (var slot in recording.Decisions.Where(d => d.Length > 0))
        {
            Assert.True(slot.Select(d => d.BandShare!.Value).Distinct().Sum() <= 1 + 1e-9);
            Assert.True(slot.Where(d => d.EdgeShare is not null).Sum(d => d.EdgeShare!.Value) <= 1 + 1e-9);
            Assert.All(slot.Where(d => d.DeviceHz is not null), d => Assert.InRange(d.DeviceHz!.Value, 0.2e9, 2e9));
        }
    }

    [Fact]
    public void Myopic_spends_more_energy_than_lymdo_and_lymdo_less_delay_than_local_only()
    {
        var system = LymdoScenario.System();
        PolicySummary Run(string name) => PolicySummary.From(ReferenceModel.Run(system, PolicyCatalog.All.Create(name, system, 1), 300, 1), system.Scenario);

        var lymdo = Run(LymdoPolicies.ExhaustiveName);
        var myopic = Run(LymdoPolicies.MyopicName);
        var local = Run(LymdoPolicies.LocalOnlyName);

        Assert.True(myopic.AvgEnergyJ > lymdo.AvgEnergyJ, $"myopic {myopic.AvgEnergyJ} J against lymdo {lymdo.AvgEnergyJ} J");
        Assert.True(myopic.AvgDelayMs <= lymdo.AvgDelayMs, $"myopic {myopic.AvgDelayMs} ms against lymdo {lymdo.AvgDelayMs} ms");
        Assert.True(lymdo.AvgDelayMs < local.AvgDelayMs);
        Assert.True(myopic.EnergyBudget!.MaxQueueJ > lymdo.EnergyBudget!.MaxQueueJ);
    }

    [Theory]
    [InlineData(LymdoPolicies.LymdoName)]
    [InlineData(LymdoPolicies.NoLyapunovName)]
    [InlineData(LymdoPolicies.ExhaustiveName)]
    [InlineData(LymdoPolicies.EqualName)]
    [InlineData(LymdoPolicies.MyopicName)]
    [InlineData(LymdoPolicies.LocalOnlyName)]
    [InlineData(LymdoPolicies.EdgeOnlyName)]
    public void The_same_seed_gives_the_same_tasks_end_for_end(string name)
    {
        var system = LymdoScenario.System();

        var first = ReferenceModel.Run(system, PolicyCatalog.All.Create(name, system, 2), 50, 2);
        var second = ReferenceModel.Run(system, PolicyCatalog.All.Create(name, system, 2), 50, 2);

        Assert.Equal(first.Records, second.Records);
        Assert.NotEmpty(first.Records);
    }
}
