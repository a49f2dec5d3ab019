using MecActors.Cli.Experiments;
using Xunit;

namespace MecActors.Cli.Tests;

/// <summary>Means, deviations and 95% Student t half-widths against values worked out by hand (closed forms).</summary>
public sealed class SampleStatisticsTests
{
    [Fact]
    public void Two_values_give_the_one_degree_of_freedom_interval_tan_of_0_475_pi()
    {
        var stats = SampleStatistics.Of([1.0, 3.0]);

        // s = sqrt(((1-2)^2 + (3-2)^2) / 1) = sqrt(2); t(0.975, 1) = tan(pi (0.975 - 1/2)); half-width = t s / sqrt(2).
        Assert.Equal(2, stats.N);
        Assert.Equal(2.0, stats.Mean, 15);
        Assert.Equal(Math.Sqrt(2.0), stats.StandardDeviation, 15);
        Assert.Equal(Math.Tan(0.475 * Math.PI), stats.HalfWidth95, 12);
        Assert.Equal(12.706204736174707, stats.HalfWidth95, 12);
    }

    [Fact]
    public void Five_values_give_the_four_degrees_of_freedom_interval_of_its_closed_form()
    {
        var stats = SampleStatistics.Of([1.0, 2.0, 3.0, 4.0, 5.0]);

        // nu = 4: with a = 4p(1-p), t = 2 sqrt(cos(acos(sqrt a) / 3) / sqrt a - 1); s = sqrt(10 / 4).
        var a = 4 * 0.975 * 0.025;
        var t = 2 * Math.Sqrt(Math.Cos(Math.Acos(Math.Sqrt(a)) / 3) / Math.Sqrt(a) - 1);
        Assert.Equal(5, stats.N);
        Assert.Equal(3.0, stats.Mean, 15);
        Assert.Equal(Math.Sqrt(2.5), stats.StandardDeviation, 15);
        Assert.Equal(2.7764451051977987, t, 13);
        Assert.Equal(t * Math.Sqrt(2.5) / Math.Sqrt(5), stats.HalfWidth95, 13);
    }

    [Fact]
    public void Thirty_values_give_the_29_degrees_of_freedom_interval()
    {
        var values = Enumerable.Range(1, 30).Select(i => (double)i).ToArray();

        var stats = SampleStatistics.Of(values);

        // s^2 = n (n + 1) / 12 for 1..n. t(0.975, 29) = 2.04522964213270429819... (the root of
        // I_{29/(29+t^2)}(29/2, 1/2) / 2 = 0.025, found in 30-digit arithmetic).
        var s = Math.Sqrt(30 * 31 / 12.0);
        Assert.Equal(30, stats.N);
        Assert.Equal(15.5, stats.Mean, 14);
        Assert.Equal(s, stats.StandardDeviation, 13);
        Assert.Equal(2.0452296421327043, stats.HalfWidth95 * Math.Sqrt(30) / s, 14);
    }

    [Theory]
    [InlineData(1, 12.706204736174705)]
    [InlineData(2, 4.3026527297494639)]
    [InlineData(4, 2.7764451051977944)]
    [InlineData(29, 2.0452296421327043)]
    public void The_quantile_is_the_30_digit_value_to_a_few_units_in_the_last_place(int nu, double expected)
    {
        // The expected values are t(0.975, nu) in 30-digit arithmetic, rounded to double.
        var relativeError = Math.Abs(SampleStatistics.StudentQuantile(0.975, nu) / expected - 1);

        Assert.InRange(relativeError, 0.0, 4e-15);
    }

    [Fact]
    public void One_value_has_a_mean_and_no_interval()
    {
        var stats = SampleStatistics.Of([4.25]);

        Assert.Equal(1, stats.N);
        Assert.Equal(4.25, stats.Mean);
        Assert.True(double.IsNaN(stats.StandardDeviation));
        Assert.True(double.IsNaN(stats.HalfWidth95));
    }

    [Fact]
    public void Equal_values_have_a_zero_width_interval()
    {
        var stats = SampleStatistics.Of([0.5, 0.5, 0.5]);

        Assert.Equal(0.5, stats.Mean);
        Assert.Equal(0.0, stats.StandardDeviation);
        Assert.Equal(0.0, stats.HalfWidth95);
    }
}
