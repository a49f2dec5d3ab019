using MecActors.Core.Tests.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Core.Tests.Workload;

public sealed class EpisodeTests
{
    [Fact]
    public void Episodes_keep_the_network_of_the_seed_and_draw_a_fresh_workload()
    {
        var evaluation = ScenarioFiles.Load(ScenarioFiles.JointCachingConfig());
        var training = evaluation with { Episode = 3 };
        var demand0 = new CellDemand(evaluation, 5);
        var demand3 = new CellDemand(training, 5);

        var sameTasks = 0;
        for (var u = 0; u < evaluation.DeviceCount; u++)
        {
            var device0 = new DeviceWorkload(evaluation, u, 5);
            var device3 = new DeviceWorkload(training, u, 5);
            Assert.Equal(device0.DistanceM, device3.DistanceM);
            var task0 = device0.Generate(1, demand0.PopularityOf(device0.LocalEdge)).Single();
            var task3 = device3.Generate(1, demand3.PopularityOf(device3.LocalEdge)).Single();
            sameTasks += task0.InputBits == task3.InputBits ? 1 : 0;
        }

        Assert.Equal(0, sameTasks);
        for (var n = 0; n < evaluation.EdgeCount; n++)
        {
            Assert.Equal(demand0.PopularityOf(n), demand3.PopularityOf(n));
        }
    }

    [Fact]
    public void Episode_zero_is_the_plain_run_of_the_seed()
    {
        var scenario = ScenarioFiles.Load(ScenarioFiles.JointCachingConfig());
        var a = new DeviceWorkload(scenario, 4, 9);
        var b = new DeviceWorkload(scenario with { Episode = 0 }, 4, 9);
        var popularity = new CellDemand(scenario, 9).PopularityOf(a.LocalEdge);

        for (var t = 1; t <= 5; t++)
        {
            Assert.Equal(a.Generate(t, popularity), b.Generate(t, popularity));
        }
    }
}
