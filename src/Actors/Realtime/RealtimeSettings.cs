using System.Globalization;
using MecActors.Core.Decisions;
using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;

namespace MecActors.Actors.Realtime;

/// <summary>How a realtime run maps simulated time to wall time, and how long it may take at most.</summary>
/// <param name="TimeScale">Wall seconds per simulated second (1: real time; 10: ten times slower).</param>
/// <param name="Timeout">
/// Wall time after which the run fails instead of waiting for its last tasks; null: twice the run's nominal wall
/// length (slots x tau x time scale) plus 30 s.
/// </param>
public sealed record RealtimeSettings(double TimeScale, TimeSpan? Timeout = null)
{
    /// <summary>
    /// The shortest median stage the clock emulates faithfully, in wall time: handing a task from one actor to the next
    /// takes a thread of the pool, a millisecond or more on a loaded machine, which must stay a small part of a stage.
    /// </summary>
    public static readonly TimeSpan MinStageWall = TimeSpan.FromMilliseconds(10);

    public TimeSpan TimeoutFor(ScenarioSpec scenario, int slots) =>
        Timeout ?? TimeSpan.FromSeconds(2.0 * slots * scenario.SlotSeconds * TimeScale + 30.0);

    /// <summary>
    /// Refuses what the realtime clock cannot emulate faithfully: a time scale that is not a positive number, a
    /// processor-sharing discipline (not implemented in wall time), or a time scale under which the scenario's
    /// median nominal stage would last less than <see cref="MinStageWall"/> of wall time.
    /// </summary>
    /// <exception cref="ArgumentException">With the numbers that make the setting unusable.</exception>
    public void Validate(ScenarioSpec scenario)
    {
        if (!(TimeScale > 0) || double.IsInfinity(TimeScale))
        {
            throw new ArgumentException($"time scale must be a positive finite number, got {Format(TimeScale)}");
        }

        var disciplines = scenario.Disciplines;
        foreach (var (name, discipline) in new[] { ("wireless", disciplines.Wireless), ("fiber", disciplines.Fiber), ("backhaul", disciplines.Backhaul) })
        {
            if (discipline == LinkDiscipline.Shared)
            {
                throw new ArgumentException(
                    $"the realtime clock does not implement the shared (processor-sharing) link discipline (disciplines.{name} = shared); use fifo or dedicated, or the virtual clock");
            }
        }

        if (disciplines.Edge == ComputeDiscipline.ProcessorSharing)
        {
            throw new ArgumentException(
                "the realtime clock does not implement the processor-sharing compute discipline (disciplines.edge = processor-sharing); use fifo or equal-share-per-slot, or the virtual clock");
        }

        var median = MedianStageSeconds(scenario);
        var wall = median * TimeScale;
        var floor = MinStageWall.TotalSeconds;
        if (wall < floor)
        {
            throw new ArgumentException(
                $"time scale {Format(TimeScale)} is too fine for the realtime clock: the median nominal stage of scenario {scenario.Name} lasts "
                + $"{Format(median * 1e3)} ms simulated, {Format(wall * 1e3)} ms of wall time, under the {Format(floor * 1e3)} ms "
                + $"a stage needs to be measured faithfully; use a time scale of at least {Format(floor / median)}");
        }
    }

    /// <summary>
    /// The median of the scenario's nominal stage durations in simulated seconds: per cell, the upload of a
    /// mid-range input at mid-range distance without fading; per fiber hop, that input; per model, its download;
    /// per edge, model and exit, the compute at the discipline's per-task rate.
    /// </summary>
    public static double MedianStageSeconds(ScenarioSpec scenario)
    {
        var durations = new List<double>();
        var input = (scenario.Workload.InputMinBits + scenario.Workload.InputMaxBits) / 2.0;
        var distance = (scenario.Radio.MinDistanceM + scenario.Radio.MaxDistanceM) / 2.0;
        var gain = Radio.PathGain(scenario.Radio, distance);
        for (var n = 0; n < scenario.EdgeCount; n++)
        {
            var edge = scenario.Edges[n];
            var cellDevices = Math.Max(1, scenario.DevicesInCell(n));
            // The noise is over the band the upload occupies: the device's share when dedicated, the whole band otherwise.
            var band = scenario.Disciplines.Wireless == LinkDiscipline.Dedicated ? edge.BandwidthHz / cellDevices : edge.BandwidthHz;
            durations.Add(input / (band * Radio.SpectralEfficiency(scenario.Radio, gain, band)));
            if (scenario.EdgeCount > 1)
            {
                durations.Add(input / scenario.Network.FiberRateBps);
            }

            var computeRate = scenario.Disciplines.Edge == ComputeDiscipline.EqualSharePerSlot
                ? edge.CapacityHz / Math.Max(1.0, scenario.DeviceCount * TaskArrivals.ExpectedPerSlot(scenario.Workload, scenario.SlotSeconds) / scenario.EdgeCount)
                : edge.CapacityHz / edge.Cores;
            foreach (var model in scenario.Models.Types)
            {
                for (var exit = 1; exit <= model.ExitCount; exit++)
                {
                    durations.Add(model.CyclesTo(exit) / computeRate);
                }
            }
        }

        foreach (var model in scenario.Models.Types)
        {
            durations.Add(model.SizeBits / scenario.Network.BackhaulRateBps);
        }

        durations.Sort();
        var mid = durations.Count / 2;
        return durations.Count % 2 == 1 ? durations[mid] : (durations[mid - 1] + durations[mid]) / 2.0;
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
