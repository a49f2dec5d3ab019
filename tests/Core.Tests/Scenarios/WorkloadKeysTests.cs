using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

/// <summary>The keys of <c>workload</c> that choose how tasks arrive, their deadlines and accuracy requirements.</summary>
public class WorkloadKeysTests
{
    private const string Common = "input-mb = [0.5, 1.0], zipf-exponent = 0.8, popularity-learning-rate = 0.2, popularity-noise = 0.1";

    private static readonly Config Joint = ScenarioFiles.JointCachingConfig();

    private static ScenarioSpec LoadWorkload(string keys) =>
        ScenarioFiles.Load(Joint.WithOverride("workload", $"{{ {Common}, {keys} }}"));

    private static void Rejects(string keys, string expectedKey, string problemPart)
    {
        var error = Assert.Throws<ConfigException>(() => LoadWorkload(keys));
        Assert.Equal(expectedKey, error.Key);
        Assert.Contains(problemPart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_arrivals_the_workload_is_bernoulli_with_a_fixed_deadline_and_no_accuracy_requirement()
    {
        var workload = ScenarioFiles.Load(Joint).Workload;

        Assert.Equal(ArrivalKind.Bernoulli, workload.Arrivals);
        Assert.Equal(1.0, workload.TaskProbability);
        Assert.Equal(2.0, workload.DeadlineSeconds);
        Assert.Equal(2.0, workload.DeadlineMaxSeconds);
        Assert.Equal(0.0, workload.AccuracyRequirementMin);
        Assert.Equal(0.0, workload.AccuracyRequirementMax);
    }

    [Fact]
    public void Poisson_arrivals_take_a_rate_per_second_and_ranges_of_deadline_and_accuracy()
    {
        var workload = LoadWorkload("arrivals = poisson, rate-per-s = 2.5, deadline-ms = [500, 1500], accuracy-requirement = [0.6, 0.8]").Workload;

        Assert.Equal(ArrivalKind.Poisson, workload.Arrivals);
        Assert.Equal(2.5, workload.RatePerSecond);
        Assert.Equal(0.5, workload.DeadlineSeconds);
        Assert.Equal(1.5, workload.DeadlineMaxSeconds);
        Assert.Equal(0.6, workload.AccuracyRequirementMin);
        Assert.Equal(0.8, workload.AccuracyRequirementMax);
    }

    [Fact]
    public void Periodic_arrivals_take_a_frame_period_in_milliseconds()
    {
        var workload = LoadWorkload("arrivals = periodic, frame-ms = 40, deadline-ms = 100").Workload;

        Assert.Equal(ArrivalKind.Periodic, workload.Arrivals);
        Assert.Equal(0.04, workload.FrameSeconds);
        Assert.Equal(0.1, workload.DeadlineSeconds);
        Assert.Equal(0.1, workload.DeadlineMaxSeconds);
    }

    [Theory]
    [InlineData("arrivals = gamma, deadline-ms = 100", "workload.arrivals", "unknown value \"gamma\"; expected one of: bernoulli, poisson, periodic")]
    [InlineData("arrivals = poisson, deadline-ms = 100", "workload.rate-per-s", "missing required key")]
    [InlineData("arrivals = poisson, rate-per-s = 0, deadline-ms = 100", "workload.rate-per-s", "must be positive, got 0")]
    [InlineData("arrivals = periodic, frame-ms = -40, deadline-ms = 100", "workload.frame-ms", "must be positive, got -40")]
    [InlineData("arrivals = periodic, deadline-ms = 100", "workload.frame-ms", "missing required key")]
    [InlineData("deadline-ms = 100", "workload.task-probability", "missing required key")]
    [InlineData("arrivals = poisson, rate-per-s = 3, task-probability = 0.5, deadline-ms = 100", "workload.task-probability", "is used only with arrivals = bernoulli, not arrivals = poisson")]
    [InlineData("task-probability = 0.5, frame-ms = 40, deadline-ms = 100", "workload.frame-ms", "is used only with arrivals = periodic, not arrivals = bernoulli")]
    [InlineData("arrivals = periodic, frame-ms = 40, rate-per-s = 3, deadline-ms = 100", "workload.rate-per-s", "is used only with arrivals = poisson")]
    [InlineData("task-probability = 1, deadline-ms = [500, 100]", "workload.deadline-ms", "min 500 is greater than max 100")]
    [InlineData("task-probability = 1, deadline-ms = [0, 100]", "workload.deadline-ms[0]", "must be positive, got 0")]
    [InlineData("task-probability = 1, deadline-ms = [100]", "workload.deadline-ms", "expected a range [min, max] of 2 numbers, got 1")]
    [InlineData("task-probability = 1, deadline-ms = 0", "workload.deadline-ms", "must be positive, got 0")]
    [InlineData("task-probability = 1, deadline-ms = 100, accuracy-requirement = [0.5, 1.2]", "workload.accuracy-requirement[1]", "must be in [0, 1], got 1.2")]
    [InlineData("task-probability = 1, deadline-ms = 100, accuracy-requirement = 0.7", "workload.accuracy-requirement", "a list")]
    [InlineData("task-probability = 1, deadline-ms = 100, rate = 3", "workload.rate", "unknown key")]
    [InlineData("arrivals = poisson, rate-per-s = 20000, deadline-ms = 100", "workload.rate-per-s", "more than the limit of 10000")]
    [InlineData("arrivals = periodic, frame-ms = 0.05, deadline-ms = 100", "workload.frame-ms", "allows up to 20001 tasks per device in a slot of 1000 ms")]
    public void A_bad_workload_key_or_value_is_rejected_naming_the_key(string keys, string expectedKey, string problemPart)
    {
        Rejects(keys, expectedKey, problemPart);
    }

    [Fact]
    public void An_accuracy_requirement_may_be_a_normal_distribution()
    {
        var workload = LoadWorkload("task-probability = 1, deadline-ms = 500, accuracy-requirement = { mean = 0.625, sd = 0.053 }").Workload;

        Assert.Equal(0.625, workload.AccuracyRequirementMean);
        Assert.Equal(0.053, workload.AccuracyRequirementSd);
        Assert.Equal(0.0, workload.AccuracyRequirementMax);
    }

    [Theory]
    [InlineData("sd = 0", "workload.accuracy-requirement.sd", "must be positive")]
    [InlineData("sd = -0.1", "workload.accuracy-requirement.sd", "must be positive")]
    [InlineData("mean = 1.5, sd = 0.05", "workload.accuracy-requirement.mean", "[0, 1]")]
    [InlineData("mean = 0.6, sd = 0.05, spread = 2", "workload.accuracy-requirement.spread", "unknown key")]
    public void A_normal_accuracy_requirement_needs_a_positive_deviation_and_a_mean_in_0_1(string body, string key, string problem)
    {
        var keys = body.Contains("mean", StringComparison.Ordinal) ? body : $"mean = 0.6, {body}";
        Rejects($"task-probability = 1, deadline-ms = 500, accuracy-requirement = {{ {keys} }}", key, problem);
    }
}
