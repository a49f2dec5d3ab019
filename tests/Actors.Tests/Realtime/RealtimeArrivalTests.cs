using System.Globalization;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Actors.Realtime;
using MecActors.Actors.Tests.Behaviour;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Policies.Caching;
using Xunit;
using Xunit.Abstractions;

namespace MecActors.Actors.Tests.Realtime;

/// <summary>Under the realtime clock a task with an arrival offset enters its first resource at its slot's release + the offset.</summary>
[Collection(RealtimeCollection.Name)]
public sealed class RealtimeArrivalTests : TestKit
{
    private const double Offset = 0.3;
    private const double TransmissionS = 0.1;

    /// <summary>How early a stage may end: the clock never delivers before an instant; a millisecond for rounding.</summary>
    private const double EarlyS = 0.001;

    /// <summary>How late a stage may end on a loaded two-core machine: two deliveries in a row, each waiting for a thread.</summary>
    private const double LateS = 0.1;

    private readonly ITestOutputHelper _output;

    public RealtimeArrivalTests(ITestOutputHelper output)
        : base(output: output)
    {
        _output = output;
        ThreadPool.SetMinThreads(Math.Max(16, Environment.ProcessorCount), Math.Max(16, Environment.ProcessorCount));
    }

    [Fact]
    public void A_task_with_an_arrival_offset_is_offered_at_the_release_plus_its_offset_not_at_the_slot_start()
    {
        var scenario = Tiny.Scenario(LinkDiscipline.Dedicated, devices: 4, slots: 1);
        var system = new SystemView(scenario);
        using var clock = new RealtimeClock(1.0);
        var directory = new LocalDirectory(scenario.DeviceCount);
        var edge = CreateTestProbe();
        directory.Add(ResourceRef.EdgeCompute(0), edge.Ref);
        var radio = Sys.ActorOf(RealtimeResourceActor.Props(system, clock, ResourceRef.Wireless(0), directory));
        directory.Add(ResourceRef.Wireless(0), radio);

        // Devices 0 and 2 share cell 0; each upload takes 100 ms over its dedicated share.
        TaskPlan PlanOf(int device, double offset)
        {
            var request = Tiny.Request(scenario, 1, device, Tiny.SmallModel, 1.0);
            var bits = TransmissionS * request.UplinkRateBps;
            request = request with { InputBits = bits, ArrivalOffset = offset, ReleaseTime = request.ReleaseTime + offset };
            return Tiny.Plan(system, request, targetEdge: 0, exit: 1, Tiny.SmallModel);
        }

        var early = PlanOf(0, 0.0);
        var late = PlanOf(2, Offset);
        var releasedAt = clock.Now;
        radio.Tell(new RealtimeCommands.SlotRole(1, releasedAt, 2, 0, []));
        radio.Tell(new TaskCommands.Enter(TaskProgress.Start(late)));
        radio.Tell(new TaskCommands.Enter(TaskProgress.Start(early)));

        var first = edge.ExpectMsg<RealtimeCommands.Arrived>(TimeSpan.FromSeconds(5));
        var firstAt = clock.Now - releasedAt;
        var second = edge.ExpectMsg<RealtimeCommands.Arrived>(TimeSpan.FromSeconds(5));
        var secondAt = clock.Now - releasedAt;
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"uploads done after {firstAt * 1e3:0.0} and {secondAt * 1e3:0.0} ms"));

        Assert.Equal(early.Request.TaskId, first.Task.TaskId);
        Assert.Equal(late.Request.TaskId, second.Task.TaskId);

        // The early task's clock started at the slot's release, the late one's at the release + its offset.
        Assert.Equal(releasedAt, first.ReleasedAt);
        Assert.Equal(releasedAt + Offset, second.ReleasedAt, 1e-12);

        // Wall time: the late upload ends at offset + transmission, not at the transmission alone.
        Assert.InRange(firstAt, TransmissionS - EarlyS, TransmissionS + LateS);
        Assert.InRange(secondAt, Offset + TransmissionS - EarlyS, Offset + TransmissionS + LateS);

        // The task's own time: its release (slot start + offset) plus the measured upload.
        Assert.Equal(Offset, second.Task.Plan.Request.ReleaseTime, 1e-12);
        Assert.InRange(second.Task.Time, Offset + TransmissionS - EarlyS, Offset + TransmissionS + LateS);
        Assert.InRange(second.Task.TransmissionS, TransmissionS - 1e-9, TransmissionS + 1e-9);
    }

    /// <summary>
    /// Periodic frames (2 a slot per device, 4 devices, FIFO everywhere, 0.5 s slots) computed at the local edge: every
    /// measured delay, counted from each frame's own arrival, within 10% (or 15 ms) of the reference model's.
    /// </summary>
    [Fact]
    public async Task Periodic_frames_measured_on_wall_time_match_the_virtual_delays()
    {
        var scenario = Tiny.Scenario(LinkDiscipline.Fifo, LinkDiscipline.Fifo, LinkDiscipline.Fifo, ComputeDiscipline.Fifo, devices: 4, slots: 3) with
        {
            SlotSeconds = 0.5,
        };
        scenario = scenario with
        {
            Workload = scenario.Workload with { TaskProbability = 0, Arrivals = ArrivalKind.Periodic, FrameSeconds = 0.25 },
        };
        var system = new SystemView(scenario);
        PolicySet Policies() => new("local-first-exit", new ScriptedPolicy(task => new OffloadDecision(task.LocalEdge, 1)), new PopularityCaching(system));

        var expected = ReferenceModel.Run(system, Policies(), scenario.Slots, scenario.Seed);
        var actual = await EmulationRunner.RunRealtimeAsync(Sys, system, Policies(), scenario.Slots, scenario.Seed, new RealtimeSettings(1.0));

        Assert.Equal(expected.Records.Select(r => r.TaskId), actual.Records.Select(r => r.TaskId));
        Assert.Equal(24, expected.Records.Count);
        Assert.True(expected.Records.Count(r => r.Release > (r.Slot - 1) * scenario.SlotSeconds) >= 12, "most frames arrive after their slot's start");
        var measured = actual.Records.ToDictionary(r => r.TaskId);
        var failures = new List<string>();
        foreach (var virtualRecord in expected.Records.Where(r => r.Ran))
        {
            var realtime = measured[virtualRecord.TaskId];
            Assert.Equal(virtualRecord.Release, realtime.Release);
            var error = Math.Abs(realtime.DelayS - virtualRecord.DelayS);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"task {virtualRecord.TaskId} released at {virtualRecord.Release:0.000} s: virtual {virtualRecord.DelayS * 1e3:0.0} ms, measured {realtime.DelayS * 1e3:0.0} ms");
            _output.WriteLine(line);
            if (error > Math.Max(0.10 * virtualRecord.DelayS, 0.015))
            {
                failures.Add(line);
            }
        }

        Assert.True(failures.Count == 0, "measured delays outside tolerance:\n" + string.Join("\n", failures));
    }
}
