using Akka.Configuration;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>The watchdog's setting and its count of quiet checks, without actors.</summary>
public sealed class BarrierWatchdogTests
{
    [Theory]
    [InlineData("mec.barrier-watchdog = 2s", 2.0)]
    [InlineData("mec.barrier-watchdog = 250ms", 0.25)]
    [InlineData("akka.loglevel = INFO", 60.0)]
    public void Bound_is_read_from_the_actor_system_configuration(string hocon, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), BarrierWatchdog.BoundOf(ConfigurationFactory.ParseString(hocon)));

    [Theory]
    [InlineData("mec.barrier-watchdog = off")]
    [InlineData("mec.barrier-watchdog = 0s")]
    public void Off_or_zero_turns_the_watchdog_off(string hocon) =>
        Assert.Null(BarrierWatchdog.BoundOf(ConfigurationFactory.ParseString(hocon)));

    [Theory]
    [InlineData("-5s")]
    [InlineData("soon")]
    public void Bound_that_is_not_a_duration_is_refused_naming_the_key(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => BarrierWatchdog.BoundOf(ConfigurationFactory.ParseString($"mec.barrier-watchdog = {value}")));
        Assert.Contains(BarrierWatchdog.ConfigKey, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stall_is_the_fourth_check_in_a_row_without_progress()
    {
        var watchdog = new BarrierWatchdog(TimeSpan.FromSeconds(1), devices: 2, edges: 1);
        Assert.Equal(TimeSpan.FromMilliseconds(250), watchdog.CheckInterval);

        watchdog.Progressed();
        Assert.False(watchdog.Stalled());
        Assert.False(watchdog.Stalled());
        Assert.False(watchdog.Stalled());
        Assert.False(watchdog.Stalled());

        // Progress restarts the count.
        watchdog.DeviceReported(0, 1);
        Assert.False(watchdog.Stalled());
        for (var quiet = 1; quiet < BarrierWatchdog.ChecksPerBound; quiet++)
        {
            Assert.False(watchdog.Stalled());
        }

        Assert.True(watchdog.Stalled());
    }

    [Fact]
    public void Awaited_reports_are_those_not_given_for_the_slot()
    {
        var watchdog = new BarrierWatchdog(TimeSpan.FromSeconds(1), devices: 3, edges: 2);
        watchdog.DeviceReported(1, 1);
        watchdog.EdgeReported(0, 1);
        watchdog.DeviceReported(0, 2);

        Assert.Equal(["device-1", "device-2"], watchdog.DevicesAwaited(2));
        Assert.Equal([0, 1], watchdog.EdgesAwaited(2));
        Assert.Equal([1], watchdog.EdgesAwaited(1));
    }

    [Fact]
    public void Long_lists_show_their_first_names_and_how_many_more()
    {
        var names = Enumerable.Range(0, 25).Select(i => $"r{i}");
        Assert.Equal("r0, r1, r2 and 22 more", BarrierWatchdog.List(names, shown: 3));
        Assert.Equal("a, b", BarrierWatchdog.List(["a", "b"], shown: 3));
    }
}
