using MecActors.Core.Configuration;
using MecActors.Core.Emulation;
using MecActors.Core.Faults;
using MecActors.Core.Tests.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Faults;

/// <summary>The <c>faults</c> section as scenario files give it, and its bad input named by key.</summary>
public class FaultPlanLoaderTests
{
    private static readonly Config Routes = HoconParser.ParseFile(ScenarioFiles.Routes);

    private static Config WithPlan(string plan, string onFault = "drop") =>
        Routes.WithOverride("faults", $"{{ on-fault = {onFault}, plan = [ {plan} ] }}");

    [Fact]
    public void A_plan_reads_in_seconds_of_simulated_time_and_names_the_resources_it_acts_on()
    {
        var scenario = ScenarioFiles.Load(WithPlan(
            "{ kind = link-down, target = \"fiber:0-1\", start-slot = 3, end-slot = 5 }, "
            + "{ kind = capacity-drop, target = \"edge:1\", factor = 0.5, start-s = 1.25 }, "
            + "{ kind = cloud-unreachable, start-slot = 10, end-s = 6 }",
            "retry"));
        var faults = scenario.Faults;

        Assert.Equal(FaultResponse.Retry, faults.OnFault);
        Assert.Equal(3, faults.Faults.Count);
        var down = faults.Faults[0];
        Assert.Equal((1.0, 2.0), (down.Start, down.End));
        Assert.Equal(double.PositiveInfinity, faults.Faults[1].End);

        // The fiber link is physical: both directions; the cloud's links and processor all go down.
        Assert.NotNull(faults.For(ResourceRef.Fiber(0, 1), scenario));
        Assert.NotNull(faults.For(ResourceRef.Fiber(1, 0), scenario));
        Assert.Null(faults.For(ResourceRef.EdgeCompute(0), scenario));
        Assert.NotNull(faults.For(ResourceRef.CloudCompute(), scenario));
        Assert.NotNull(faults.For(ResourceRef.Backhaul(1), scenario));
        Assert.Equal(
            [ResourceRef.Fiber(0, 1), ResourceRef.Fiber(1, 0)],
            faults.DownAt(1.5, SystemResources.Of(new MecActors.Core.Decisions.SystemView(scenario)), scenario));
    }

    [Fact]
    public void A_link_loss_reads_its_probability_timeout_and_retries()
    {
        var scenario = ScenarioFiles.Load(WithPlan("{ kind = link-loss, target = radio, probability = 0.2, timeout-ms = 40, start-slot = 2 }"));

        var loss = Assert.Single(scenario.Faults.Faults).Loss;
        Assert.Equal(new LossSpec(0.2, 0.04, 3), loss);
        Assert.True(scenario.Faults.LosesTransfers);
    }

    [Fact]
    public void Without_a_section_there_are_no_faults()
    {
        Assert.True(ScenarioFiles.Load(Routes).Faults.IsEmpty);
    }

    [Theory]
    [InlineData("{ kind = link-dwn, target = fiber, start-slot = 1 }", "faults.plan[0].kind", "expected one of")]
    [InlineData("{ kind = link-down, target = \"edge:0\", start-slot = 1 }", "faults.plan[0].target", "acts on a link")]
    [InlineData("{ kind = capacity-drop, target = backhaul, factor = 0.5, start-slot = 1 }", "faults.plan[0].target", "acts on a processor")]
    [InlineData("{ kind = edge-crash, target = \"radio:0\", start-slot = 1 }", "faults.plan[0].target", "an edge server")]
    [InlineData("{ kind = link-down, target = \"fiber:0-0\", start-slot = 1 }", "faults.plan[0].target", "no fiber link")]
    [InlineData("{ kind = link-down, target = \"radio:7\", start-slot = 1 }", "faults.plan[0].target", "edge 7 does not exist")]
    [InlineData("{ kind = link-down, target = \"satellite\", start-slot = 1 }", "faults.plan[0].target", "unknown resource kind")]
    [InlineData("{ kind = link-down, target = \"transmitter:0\", start-slot = 1 }", "faults.plan[0].target", "does not have")]
    [InlineData("{ kind = link-degrade, target = fiber, factor = 1, start-slot = 1 }", "faults.plan[0].factor", "must be below 1")]
    [InlineData("{ kind = link-degrade, target = fiber, start-slot = 1 }", "faults.plan[0].factor", "missing")]
    [InlineData("{ kind = link-down, target = fiber, factor = 0.5, start-slot = 1 }", "faults.plan[0].factor", "only link-degrade")]
    [InlineData("{ kind = link-down, target = fiber }", "faults.plan[0].start-slot", "missing")]
    [InlineData("{ kind = link-down, target = fiber, start-slot = 0 }", "faults.plan[0].start-slot", "positive")]
    [InlineData("{ kind = link-down, target = fiber, start-slot = 1, start-s = 0 }", "faults.plan[0].start-s", "not both")]
    [InlineData("{ kind = link-down, target = fiber, start-slot = 4, end-slot = 4 }", "faults.plan[0].end-slot", "must end after")]
    [InlineData("{ kind = link-down, target = fiber, start-s = NaN }", "faults.plan[0].start-s", "")]
    [InlineData("{ kind = cloud-unreachable, target = cloud, start-slot = 1 }", "faults.plan[0].target", "names no target")]
    [InlineData("{ kind = link-down, target = fiber, start-slot = 1, until = 3 }", "faults.plan[0].until", "unknown key")]
    [InlineData("{ kind = link-degrade, target = fiber, factor = 0, start-slot = 1 }", "faults.plan[0].factor", "must be above 0")]
    [InlineData("{ kind = device-join, target = \"device:1\", start-slot = 3, end-slot = 5 }", "faults.plan[0].end-slot", "takes no end")]
    [InlineData("{ kind = device-leave, target = \"edge:1\", start-slot = 3 }", "faults.plan[0].target", "devices")]
    [InlineData("{ kind = device-leave, target = \"device:99\", start-slot = 3 }", "faults.plan[0].target", "device 99 does not exist")]
    [InlineData("{ kind = link-down, target = fiber, probability = 0.5, start-slot = 1 }", "faults.plan[0].probability", "only link-loss")]
    [InlineData("{ kind = link-loss, target = fiber, probability = 0.5, start-slot = 1 }", "faults.plan[0].timeout-ms", "missing")]
    [InlineData("{ kind = link-loss, target = fiber, probability = 1.5, timeout-ms = 50, start-slot = 1 }", "faults.plan[0].probability", "[0, 1]")]
    [InlineData("{ kind = link-loss, target = fiber, probability = 0.5, timeout-ms = 50, retries = 64, start-slot = 1 }", "faults.plan[0].retries", "0 to 63")]
    [InlineData("{ kind = link-loss, target = \"edge:0\", probability = 0.5, timeout-ms = 50, start-slot = 1 }", "faults.plan[0].target", "acts on a link")]
    public void Bad_faults_are_rejected_naming_the_key(string plan, string key, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => ScenarioFiles.Load(WithPlan(plan)));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_response_is_rejected_naming_the_choices()
    {
        var error = Assert.Throws<ConfigException>(() => ScenarioFiles.Load(WithPlan("{ kind = link-down, target = fiber, start-slot = 1 }", "resend")));

        Assert.Equal("faults.on-fault", error.Key);
        Assert.Contains("drop, retry, reroute", error.Message, StringComparison.Ordinal);
    }
}
