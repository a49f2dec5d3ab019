using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

/// <summary>The optional resources of a scenario: device compute with its energy model, the cloud, tensor and result sizes, their disciplines.</summary>
public class RouteResourcesLoaderTests
{
    private static readonly Config Routes = HoconParser.ParseFile(ScenarioFiles.Routes);

    [Fact]
    public void Routes_scenario_has_device_and_cloud_compute_and_sized_tensors()
    {
        var scenario = ScenarioFiles.Load(Routes);

        Assert.Equal(new DeviceComputeSpec(1.5e9, 1, 1e-27), scenario.DeviceCompute);
        Assert.Equal(new CloudSpec(40e9, 8, 0.2e9), scenario.Cloud);
        Assert.True(scenario.ReportsEnergy);
        Assert.Equal(4 * 8e3, scenario.Models[0].ResultBits);
        Assert.Equal(40 * 8e3, scenario.Models[0].Blocks[1].OutputBits);
        Assert.Equal(ComputeDiscipline.Fifo, scenario.Disciplines.Device);
        Assert.Equal(LinkDiscipline.Fifo, scenario.Disciplines.CloudUplink);
    }

    [Fact]
    public void The_paper_000_scenario_keeps_exactly_its_resources()
    {
        var scenario = ScenarioFiles.Load(ScenarioFiles.JointCachingConfig());
        var resources = SystemResources.Of(new SystemView(scenario));

        Assert.Null(scenario.DeviceCompute);
        Assert.Null(scenario.Cloud);
        Assert.False(scenario.ReportsEnergy);
        Assert.Equal(
            [ResourceKind.Wireless, ResourceKind.Fiber, ResourceKind.Backhaul, ResourceKind.EdgeCompute],
            resources.Select(r => r.Kind).Distinct().Order());

        // A line of three edges has two physical links, each in both directions.
        Assert.Equal(4, resources.Count(r => r.Kind == ResourceKind.Fiber));
    }

    [Theory]
    [InlineData("devices.compute.capacity-ghz", "-1", "devices.compute.capacity-ghz", "must be positive")]
    [InlineData("devices.compute.kappa", "-1e-27", "devices.compute.kappa", "must not be negative")]
    [InlineData("devices.compute.energy-budget-j", "0", "devices.compute.energy-budget-j", "must be positive")]
    [InlineData("devices.compute.cpus", "2", "devices.compute.cpus", "unknown key")]
    [InlineData("cloud.cores", "0", "cloud.cores", "must be a positive integer")]
    [InlineData("cloud.uplink-mbps", "5", "cloud.uplink-mbps", "unknown key")]
    [InlineData("disciplines.device", "round-robin", "disciplines.device", "round-robin")]
    [InlineData("on-deadline", "skip", "on-deadline", "skip")]
    public void Bad_values_of_the_optional_resources_are_rejected_naming_the_key(string path, string value, string key, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => ScenarioFiles.Load(Routes.WithOverride(path, value)));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
