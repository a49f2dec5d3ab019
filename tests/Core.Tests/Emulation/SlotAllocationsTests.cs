using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Core.Tests.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Core.Tests.Emulation;

/// <summary>
/// A slot's allocations under dynamics.conf (allocated band and edges; six devices round robin over two cells, so
/// devices 0, 2 and 4 share cell 0's band).
/// </summary>
public class SlotAllocationsTests
{
    private static readonly ScenarioSpec Scenario = ScenarioFiles.Load(MecActors.Core.Configuration.HoconParser.ParseFile(ScenarioFiles.Dynamics));

    [Fact]
    public void What_set_band_shares_leave_is_split_among_the_cells_other_devices_with_tasks()
    {
        // Device 0 sets 0.5; devices 2 (two tasks) and 4 set none: 0.25 each; device 1 alone in cell 1 gets all of it.
        var tasks = new[] { Task(0, 0), Task(1, 2), Task(2, 2), Task(3, 4), Task(4, 1) };
        var actions = tasks.Select(t => new OffloadDecision(t.LocalEdge, 1) { BandShare = t.Device == 0 ? 0.5 : null }).ToArray();

        var resolved = SlotAllocations.Resolve(Scenario, tasks, actions);

        Assert.Equal([0.5, 0.25, 0.25, 0.25, 1.0], resolved.Select(d => d.BandShare!.Value));
        Assert.Null(actions[1].BandShare);
    }

    [Fact]
    public void What_set_edge_shares_leave_is_split_among_the_edges_other_tasks_and_tasks_elsewhere_take_none()
    {
        var tasks = new[] { Task(0, 0), Task(1, 2), Task(2, 4), Task(3, 1) };
        var actions = new[]
        {
            new OffloadDecision(0, 1) { EdgeShare = 0.4 },
            new OffloadDecision(0, 1),
            new OffloadDecision(0, 1),
            OffloadDecision.On(NodeKind.Device, 1, 1),
        };

        var resolved = SlotAllocations.Resolve(Scenario, tasks, actions);

        Assert.Equal([0.4, 0.3, 0.3], resolved.Take(3).Select(d => d.EdgeShare!.Value), new ToleranceComparer(1e-12));
        Assert.Null(resolved[3].EdgeShare);
    }

    [Theory]
    [InlineData(0.7, 0.5, "add up to 1.2")]
    [InlineData(0.6, 0.4, "leaving nothing for 1 tasks")]
    public void Band_shares_beyond_the_band_are_refused(double first, double second, string problem)
    {
        var tasks = new[] { Task(0, 0), Task(1, 2), Task(2, 4) };
        var actions = new[]
        {
            new OffloadDecision(0, 1) { BandShare = first },
            new OffloadDecision(0, 1) { BandShare = second },
            new OffloadDecision(0, 1),
        };

        var error = Assert.Throws<InvalidOperationException>(() => SlotAllocations.Resolve(Scenario, tasks, actions));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_asking_two_shares_in_one_slot_is_refused()
    {
        var tasks = new[] { Task(0, 0), Task(1, 0) };
        var actions = new[] { new OffloadDecision(0, 1) { BandShare = 0.3 }, new OffloadDecision(0, 1) { BandShare = 0.4 } };

        var error = Assert.Throws<InvalidOperationException>(() => SlotAllocations.Resolve(Scenario, tasks, actions));

        Assert.Contains("device 0's tasks ask for different band shares", error.Message, StringComparison.Ordinal);
    }

    private static TaskRequest Task(long id, int device) =>
        new(id, 1, device, Scenario.LocalEdgeOf(device), 0, 1e6, 1e-10, 4.0, 4e6, 0.0, 1.0);

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
