using MecActors.Policies.Learning.JointA2C;
using Xunit;

namespace MecActors.Policies.Tests.Learning;

public class StateEncoderTests
{
    [Fact]
    public void Each_task_gets_a_row_with_its_local_edge_its_exits_and_every_edge_as_an_option()
    {
        var system = TestSystem.Create();
        var observation = TestSystem.RandomSlot(system, 1, 5);
        var encoder = new StateEncoder(system);
        var rows = new double[observation.Tasks.Count * encoder.Length];

        encoder.Encode(observation, rows);

        var edges = system.Edges;
        var taskFeatures = 3 + edges + (2 * encoder.MaxExits);
        var perEdge = 9 + encoder.MaxExits;
        Assert.Equal(taskFeatures + (edges * perEdge) + 1, encoder.Length);
        for (var i = 0; i < observation.Tasks.Count; i++)
        {
            var task = observation.Tasks[i];
            var row = rows.AsSpan(i * encoder.Length, encoder.Length);
            var model = system.Scenario.Models[task.ModelId];
            for (var n = 0; n < edges; n++)
            {
                Assert.Equal(n == task.LocalEdge ? 1.0 : 0.0, row[3 + n]);
                var option = row.Slice(taskFeatures + (n * perEdge), perEdge);
                var cached = observation.Edges[n].Cached[task.ModelId];
                Assert.Equal(system.ReadySeconds(task, n, cached, observation.Queues), option[0], 9);
                Assert.Equal(cached ? 1.0 : 0.0, option[1]);

                // Two devices per edge here, so every edge has two local tasks; a remote option adds this one.
                Assert.Equal(1.0, option[5], 9);
                var tasksThere = n == task.LocalEdge ? 2 : 3;
                Assert.Equal(system.ComputeSeconds(task.ModelId, model.ExitCount, n, tasksThere, observation.Queues), option[9 + model.ExitCount - 1], 9);
            }

            Assert.Equal(model.AccuracyAt(1), row[3 + edges + 1], 12);
            Assert.All(row.ToArray(), x => Assert.InRange(x, 0.0, 10.0));
            Assert.Equal(1.0, row[^1]);
        }
    }
}
