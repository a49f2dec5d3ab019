using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

public class DeviceSpecTests
{
    [Theory]
    [InlineData(300, new[] { 150, 100, 50 })]
    [InlineData(3000, new[] { 1500, 1000, 500 })]
    [InlineData(31, new[] { 16, 10, 5 })]
    [InlineData(7, new[] { 4, 2, 1 })]
    public void A_per_edge_split_keeps_each_edges_share(int count, int[] expected)
    {
        var spec = new DeviceSpec(30, DeviceAssignment.PerEdge, [15, 10, 5]);

        var resized = spec.WithCount(count);

        Assert.Equal(count, resized.Count);
        Assert.Equal(expected, resized.PerEdge);
        Assert.Equal(count, resized.PerEdge!.Sum());
        Assert.Equal(2, resized.LocalEdgeOf(count - 1, 3));
    }

    [Fact]
    public void Other_assignments_only_change_the_count()
    {
        var spec = new DeviceSpec(30, DeviceAssignment.RoundRobin);

        Assert.Equal(new DeviceSpec(300, DeviceAssignment.RoundRobin), spec.WithCount(300));
    }

    [Fact]
    public void Cell_counts_are_the_devices_each_assignment_puts_under_each_edge()
    {
        for (var edges = 1; edges <= 7; edges++)
        {
            for (var count = 1; count <= 40; count++)
            {
                foreach (var assignment in new[] { DeviceAssignment.RoundRobin, DeviceAssignment.Block })
                {
                    var spec = new DeviceSpec(count, assignment);
                    for (var edge = 0; edge < edges; edge++)
                    {
                        var counted = Enumerable.Range(0, count).Count(u => spec.LocalEdgeOf(u, edges) == edge);
                        Assert.Equal(counted, spec.CountInCell(edge, edges));
                    }
                }
            }
        }

        Assert.Equal(10, new DeviceSpec(30, DeviceAssignment.PerEdge, [15, 10, 5]).CountInCell(1, 3));
    }
}
