using MecActors.Policies.Learning;
using MecActors.Policies.Learning.JointA2C;
using Xunit;

namespace MecActors.Policies.Tests.Learning;

public sealed class TrainingMetricsTests
{
    [Fact]
    public void The_a2c_agent_reports_reward_then_its_losses_and_entropy()
    {
        Assert.Equal(["reward", "policyLoss", "valueLoss", "entropy"], JointA2CAgent.UpdateMetrics.Names);
        Assert.Equal("reward", JointA2CAgent.UpdateMetrics.Followed);
    }

    [Fact]
    public void A_point_is_read_by_metric_name_and_compares_by_value()
    {
        var metrics = new TrainingMetrics("reward", "tdLoss");
        var point = new TrainingPoint(40, metrics, -0.5, 0.125);

        Assert.Equal(0.125, point["tdLoss"]);
        Assert.Equal(-0.5, point.FollowedValue);
        Assert.Equal(new TrainingPoint(40, metrics, -0.5, 0.125), point);
        Assert.NotEqual(new TrainingPoint(40, metrics, -0.5, 0.25), point);
        Assert.Equal(45, (point with { Slot = 45 }).Slot);
        Assert.Equal(0.125, (point with { Slot = 45 })["tdLoss"]);
        Assert.Equal("slot 40: reward = -0.5, tdLoss = 0.125", point.ToString());
        Assert.Throws<ArgumentException>(() => point["entropy"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("reward|reward")]
    [InlineData("step")]
    [InlineData("movingAverage")]
    [InlineData("td,loss")]
    [InlineData(" ")]
    public void Metric_names_are_plain_distinct_and_not_the_curve_s_own_columns(string names)
    {
        Assert.Throws<ArgumentException>(() => new TrainingMetrics(names.Length == 0 ? [] : names.Split('|')));
    }

    [Fact]
    public void A_point_has_one_value_per_metric()
    {
        Assert.Throws<ArgumentException>(() => new TrainingPoint(1, new TrainingMetrics("reward", "tdLoss"), 1.0));
    }
}
