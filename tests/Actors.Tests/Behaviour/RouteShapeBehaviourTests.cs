using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>
/// The device processor, the downlink, the edge's link up to the cloud and the cloud's processor, driven by real
/// resource actors along every route shape a split makes: device only, device -> edge, device -> edge -> cloud,
/// cloud only, device -> edge -> device -> edge (through the whole coordinator), and tasks dropped at their deadline.
/// Unless a test says otherwise the numbers are <see cref="Tiny.SplitScenario"/>'s: two devices a cell, so
/// B_u = 10 MHz / 2 = 5 MHz and, at SNR 15 (4 bit/s/Hz), a device's radio and downlink each carry 20 Mbit/s;
/// a device core runs at 0.25 GHz, an edge at 1 GHz, the cloud at 10 GHz; fiber and backhaul 100 Mbit/s,
/// the cloud uplink 50 Mbit/s.
/// </summary>
public sealed class RouteShapeBehaviourTests : TestKit
{
    private const double Tolerance = 1e-9;
    private const int Seed = 7;
    private static readonly ResourceRef DeviceCpu0 = ResourceRef.DeviceCompute(0);
    private static readonly ResourceRef Radio0 = ResourceRef.Wireless(0);
    private static readonly ResourceRef Downlink0 = ResourceRef.Downlink(0);
    private static readonly ResourceRef Edge0 = ResourceRef.EdgeCompute(0);
    private static readonly ResourceRef Edge1 = ResourceRef.EdgeCompute(1);
    private static readonly ResourceRef Cloud = ResourceRef.CloudCompute();

    /// <summary>kappa f^2 of a device core: 1e-27 x (0.25e9)^2 J a cycle.</summary>
    private const double JoulesPerDeviceCycle = 6.25e-11;

    /// <summary>Block 1 on the device, block 2 at edge 1, block 3 back on the device, block 4 at edge 1 again.</summary>
    private static readonly Func<TaskRequest, OffloadDecision> BackAndForth = _ => new OffloadDecision(1, 4)
    {
        Split = [new Segment(NodeKind.Device, 1), new Segment(NodeKind.Edge, 1), new Segment(NodeKind.Device, 1), new Segment(NodeKind.Edge, 1)],
    };

    [Theory]
    [InlineData(0.0)]
    [InlineData(Tiny.Kappa)]
    public void Device_processor_ends_a_local_task_at_release_plus_cycles_over_a_core_and_charges_kappa_f_squared_a_cycle(double kappa)
    {
        var scenario = Tiny.SplitScenario(kappa: kappa);
        var system = new SystemView(scenario);
        // Blocks 1..2 on the device: nothing crosses a link, not even the result (it is made where it is needed).
        var plan = Tiny.SplitPlan(system, Tiny.Request(scenario, 1, 0, Tiny.FourBlockModel, 2e6), 0, [new Segment(NodeKind.Device, 2)]);
        Assert.Equal([DeviceCpu0], plan.Route.Select(s => s.Resource));

        var wiring = RunAlone(system, plan);

        // c = 0.1 G + 0.2 G = 0.3 Gcycles on one core of 0.5 GHz / 2 = 0.25 GHz: 1.2 s from the release at 0
        // (past the slot's end; fifo finalises it anyway). E = kappa f^2 c = 1e-27 x 6.25e16 x 0.3e9 = 0.01875 J.
        var done = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(1.2, done.Time, Tolerance);
        Assert.Equal(0.3e9 / (Tiny.DeviceCapacityHz / Tiny.DeviceCores), done.Time, Tolerance);
        var record = done.ToRecord();
        Assert.Equal(TaskOutcome.Completed, record.Outcome);
        Assert.Equal(1.2, record.End, Tolerance);
        Assert.Equal(1.2, record.ComputeS, Tolerance);
        Assert.Equal(0.0, record.TransmissionS, Tolerance);
        Assert.Equal(0.0, record.QueueingS, Tolerance);
        Assert.Equal(kappa * Math.Pow(0.25e9, 2) * 0.3e9, record.EnergyJ, Tolerance);
        Assert.Equal(kappa == 0.0 ? 0.0 : 0.01875, record.EnergyJ, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, DeviceCpu0).PendingTasks);
    }

    [Fact]
    public void Device_processor_with_two_cores_runs_the_next_slots_task_beside_one_still_running()
    {
        var scenario = Tiny.SplitScenario();
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var cpu = wiring.Spawn(DeviceCpu0);
        var slotOneTask = Tiny.SplitPlan(system, Tiny.Request(scenario, 1, 0, Tiny.FourBlockModel, 2e6), 0, [new Segment(NodeKind.Device, 2)]);
        var slotTwoTask = Tiny.SplitPlan(system, Tiny.Request(scenario, 2, 0, Tiny.FourBlockModel, 2e6), 0, [new Segment(NodeKind.Device, 1)]);

        cpu.Tell(Tiny.Open(1, 1, Tiny.Role(DeviceCpu0, entries: 1)));
        cpu.Tell(new TaskCommands.Enter(TaskProgress.Start(slotOneTask)));
        Assert.Equal(1.2, wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task.Time, Tolerance);
        wiring.ExpectHorizon(1, DeviceCpu0);

        // Slot 2's task (0.1 Gcycles) comes at 1 s while the first holds one core until 1.2 s: it takes the other,
        // 1.0 s + 0.1e9 / 0.25e9 = 1.4 s, without waiting.
        cpu.Tell(Tiny.Open(2, 2, Tiny.Role(DeviceCpu0, entries: 1)));
        cpu.Tell(new TaskCommands.Enter(TaskProgress.Start(slotTwoTask)));
        var second = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(1.4, second.Time, Tolerance);
        Assert.Equal(0.0, second.QueueingS, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(2, DeviceCpu0).PendingTasks);
    }

    [Fact]
    public void Two_way_split_sends_block_1s_output_up_to_the_edge_and_the_result_back_down_the_downlink()
    {
        var scenario = Tiny.SplitScenario();
        var system = new SystemView(scenario);
        // Device 0 (cell 0) runs block 1, edge 1 (one fiber hop away, caching the model) the rest up to exit 2.
        var plan = Tiny.SplitPlan(
            system, Tiny.Request(scenario, 1, 0, Tiny.FourBlockModel, 2e6), 1, [new Segment(NodeKind.Device, 1), new Segment(NodeKind.Edge, 1)], Tiny.FourBlockModel);
        Assert.Equal([DeviceCpu0, Radio0, ResourceRef.Fiber(0, 1), Edge1, ResourceRef.Fiber(1, 0), Downlink0], plan.Route.Select(s => s.Resource));
        Assert.Equal([0.1e9, 2e6, 2e6, 0.2e9, Tiny.ResultBits, Tiny.ResultBits], plan.Route.Select(s => s.Work));

        var wiring = RunAlone(system, plan);

        // device 0.1e9 / 0.25e9 = 0.4 s; radio 2 Mbit / 20 Mbit/s = 0.1 s; fiber 2 Mbit / 100 Mbit/s = 0.02 s;
        // edge 0.2e9 / 1e9 = 0.2 s; fiber back 0.2 Mbit / 100 Mbit/s = 0.002 s; downlink 0.2 Mbit / 20 Mbit/s = 0.01 s.
        // E = 6.25e-11 x 0.1e9 (compute) + 0.2 W x 0.1 s (transmit) = 0.00625 + 0.02 J.
        var done = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        // All of it within slot 1, so every resource finalises it in this one wave.
        Assert.Equal(0.4 + 0.1 + 0.02 + 0.2 + 0.002 + 0.01, done.Time, Tolerance);
        Assert.Equal(0.732, done.Time, Tolerance);
        Assert.Equal(0.4 + 0.2, done.ComputeS, Tolerance);
        Assert.Equal(0.1 + 0.02 + 0.002 + 0.01, done.TransmissionS, Tolerance);
        Assert.Equal(0.0, done.QueueingS, Tolerance);
        Assert.Equal(0.0, done.DownloadS, Tolerance);
        Assert.Equal((JoulesPerDeviceCycle * 0.1e9) + (0.2 * 0.1), done.EnergyJ, Tolerance);
        Assert.Equal(TaskOutcome.Completed, done.ToRecord().Outcome);
        Assert.All(wiring.ExpectHorizons(plan.Route.Length).Values, h => Assert.Equal(0, h.PendingTasks));
    }

    [Fact]
    public void Two_way_split_without_a_result_size_ends_at_the_edge_that_ran_the_last_block()
    {
        var scenario = Tiny.SplitScenario(resultBits: 0.0);
        var system = new SystemView(scenario);
        var plan = Tiny.SplitPlan(
            system, Tiny.Request(scenario, 1, 0, Tiny.FourBlockModel, 2e6), 1, [new Segment(NodeKind.Device, 1), new Segment(NodeKind.Edge, 1)], Tiny.FourBlockModel);
        Assert.Equal([DeviceCpu0, Radio0, ResourceRef.Fiber(0, 1), Edge1], plan.Route.Select(s => s.Resource));

        var wiring = RunAlone(system, plan);

        // 0.4 s + 0.1 s + 0.02 s + 0.2 s, as above, and nothing comes back.
        var done = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(0.72, done.Time, Tolerance);
        Assert.Equal(0.1 + 0.02, done.TransmissionS, Tolerance);
        wiring.ExpectHorizons(plan.Route.Length);
    }

    [Fact]
    public void Three_way_split_goes_device_edge_cloud_and_returns_over_the_backhaul_and_downlink()
    {
        var scenario = Tiny.SplitScenario();
        var system = new SystemView(scenario);
        // Block 1 on device 0, block 2 on its own edge 0, blocks 3..4 in the cloud.
        var plan = Tiny.SplitPlan(
            system,
            Tiny.Request(scenario, 1, 0, Tiny.FourBlockModel, 2e6),
            0,
            [new Segment(NodeKind.Device, 1), new Segment(NodeKind.Edge, 1), new Segment(NodeKind.Cloud, 2)],
            Tiny.FourBlockModel);
        Assert.Equal(
            [DeviceCpu0, Radio0, Edge0, ResourceRef.CloudUplink(0), Cloud, ResourceRef.Backhaul(0), Downlink0],
            plan.Route.Select(s => s.Resource));
        Assert.Equal([0.1e9, 2e6, 0.2e9, 1e6, 0.3e9, Tiny.ResultBits, Tiny.ResultBits], plan.Route.Select(s => s.Work));

        var wiring = RunAlone(system, plan);

        // device 0.4 s; radio 2 Mbit / 20 Mbit/s = 0.1 s; edge 0.2e9 / 1e9 = 0.2 s; block 2's 1 Mbit up at
        // 50 Mbit/s = 0.02 s; cloud 0.3e9 / 10e9 = 0.03 s; result 0.2 Mbit down the backhaul at 100 Mbit/s = 0.002 s
        // and the downlink at 20 Mbit/s = 0.01 s.
        var done = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(0.4 + 0.1 + 0.2 + 0.02 + 0.03 + 0.002 + 0.01, done.Time, Tolerance);
        Assert.Equal(0.762, done.Time, Tolerance);
        Assert.Equal(0.4 + 0.2 + 0.03, done.ComputeS, Tolerance);
        Assert.Equal(0.1 + 0.02 + 0.002 + 0.01, done.TransmissionS, Tolerance);
        Assert.Equal(0.0, done.QueueingS, Tolerance);
        Assert.All(wiring.ExpectHorizons(plan.Route.Length).Values, h => Assert.Equal(0, h.PendingTasks));
    }

    [Fact]
    public void Cloud_round_trip_goes_up_the_radio_and_cloud_uplink_and_back_down_the_backhaul_and_downlink()
    {
        var scenario = Tiny.SplitScenario();
        var system = new SystemView(scenario);
        var plan = PlanBuilder.Build(
            system, Tiny.Request(scenario, 1, 0, Tiny.FourBlockModel, 4e6), OffloadDecision.On(NodeKind.Cloud, 0, 4), Tiny.Status(scenario, 0));
        Assert.Equal([Radio0, ResourceRef.CloudUplink(0), Cloud, ResourceRef.Backhaul(0), Downlink0], plan.Route.Select(s => s.Resource));
        Assert.Null(plan.Fetch);

        var wiring = RunAlone(system, plan);

        // radio 4 Mbit / 20 Mbit/s = 0.2 s; uplink 4 Mbit / 50 Mbit/s = 0.08 s; cloud 0.6e9 / 10e9 = 0.06 s;
        // backhaul 0.2 Mbit / 100 Mbit/s = 0.002 s; downlink 0.2 Mbit / 20 Mbit/s = 0.01 s.
        var done = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(0.2 + 0.08 + 0.06 + 0.002 + 0.01, done.Time, Tolerance);
        Assert.Equal(0.352, done.Time, Tolerance);
        Assert.Equal(0.06, done.ComputeS, Tolerance);
        Assert.Equal(0.2 + 0.08 + 0.002 + 0.01, done.TransmissionS, Tolerance);
        // Only the airtime costs the device: 0.2 W x 0.2 s.
        Assert.Equal(0.04, done.EnergyJ, Tolerance);
        Assert.All(wiring.ExpectHorizons(plan.Route.Length).Values, h => Assert.Equal(0, h.PendingTasks));
    }

    [Theory]
    [InlineData(4, 0.01, 0.02)]
    [InlineData(6, 0.015, 0.03)]
    public void Dedicated_downlink_returns_each_result_in_its_bits_over_its_share_of_the_band_times_its_efficiency(
        int devices, double atSnr15, double atSnr3)
    {
        var scenario = Tiny.SplitScenario(devices: devices);
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        var downlink = wiring.Spawn(Downlink0);
        Segment[] split = [new Segment(NodeKind.Device, 1), new Segment(NodeKind.Edge, 3)];
        var fast = Tiny.SplitPlan(system, Tiny.Request(scenario, 1, 0, Tiny.FourBlockModel, 2e6, snr: 15.0), 0, split, Tiny.FourBlockModel);
        var slow = Tiny.SplitPlan(system, Tiny.Request(scenario, 1, 2, Tiny.FourBlockModel, 2e6, snr: 3.0), 0, split, Tiny.FourBlockModel);
        Assert.Equal(Downlink0, fast.Route[^1].Resource);

        downlink.Tell(Tiny.Open(1, 1, Tiny.Role(Downlink0, upstream: [Edge0])));
        downlink.Tell(Tiny.Batch(1, Edge0, [Tiny.ArrivedAt(fast, Downlink0, 0.6), Tiny.ArrivedAt(slow, Downlink0, 0.6)]));

        // U_0 devices share cell 0's 10 MHz: 5 MHz with 4 devices (U_0 = 2), 3.33 MHz with 6 (U_0 = 3). The 0.2 Mbit
        // result at log2(1 + 15) = 4 bit/s/Hz: 0.2e6 / (5e6 x 4) = 0.01 s, or 0.015 s; at log2(1 + 3) = 2: twice that.
        // Neither waits for the other.
        var share = Tiny.BandwidthHz / scenario.DevicesInCell(0);
        var first = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        var second = wiring.Device(2).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(0.6 + (Tiny.ResultBits / (share * 4.0)), first.Time, Tolerance);
        Assert.Equal(0.6 + atSnr15, first.Time, Tolerance);
        Assert.Equal(0.6 + atSnr3, second.Time, Tolerance);
        Assert.Equal(atSnr3, second.TransmissionS, Tolerance);
        Assert.Equal(0.0, second.QueueingS, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Downlink0).PendingTasks);
    }

    [Fact]
    public async Task Back_and_forth_split_run_by_the_coordinator_ends_a_lone_task_where_hand_computed()
    {
        // One device (so B_u is cell 0's whole 10 MHz), one slot, nothing cached: edge 1 fetches the 80 Mbit model.
        var scenario = Tiny.SplitScenario(devices: 1, slots: 1);
        var system = new SystemView(scenario);
        var requests = new List<TaskRequest>();
        var policy = new ScriptedPolicy(task =>
        {
            requests.Add(task);
            return BackAndForth(task);
        });

        var run = await EmulationRunner.RunAsync(Sys, system, new PolicySet("scripted", policy, new NoCaching()), scenario.Slots, Seed);
        var reference = ReferenceModel.Run(system, new PolicySet("scripted", new ScriptedPolicy(BackAndForth), new NoCaching()), scenario.Slots, Seed);

        // The device's distance is drawn, so its radio rate R = 10 MHz x log2(1 + SNR) comes from its report; the
        // downlink runs at the same R. Release 0; the fetch over backhaul 1 ends at 80 Mbit / 100 Mbit/s = 0.8 s.
        //   device block 1: 0.1e9 / 0.25e9 = 0.4 s;  radio 2 Mbit / R;  fiber 0->1 2 Mbit / 100 Mbit/s = 0.02 s
        //   edge 1 waits for the model until 0.8 s (0.42 s + 2 Mbit / R is earlier), block 2: 0.2e9 / 1e9 = 0.2 s
        //   fiber 1->0 1 Mbit: 0.01 s;  downlink 1 Mbit / R;  device block 3: 0.4 s;  radio 0.4 Mbit / R
        //   fiber 0->1 0.4 Mbit: 0.004 s;  edge 1 block 4: 0.2 s;  fiber 1->0 0.2 Mbit: 0.002 s;  downlink 0.2 Mbit / R
        // end = 0.8 + 0.2 + 0.01 + 0.4 + 0.004 + 0.2 + 0.002 + (1 + 0.4 + 0.2) Mbit / R = 1.616 s + 1.6 Mbit / R.
        var task = Assert.Single(requests);
        var rate = Tiny.BandwidthHz * task.SpectralEfficiency;
        Assert.Equal(task.UplinkRateBps, rate, 1e-3);
        Assert.True(0.42 + (2e6 / rate) < 0.8, "the input reached edge 1 after the model: the timings below assume it waits for it");
        var record = Assert.Single(run.Records);
        Assert.Equal(TaskOutcome.Completed, record.Outcome);
        Assert.Equal(1.616 + (1.6e6 / rate), record.End, Tolerance);
        Assert.Equal(0.4 + 0.2 + 0.4 + 0.2, record.ComputeS, Tolerance);
        Assert.Equal(0.036 + (3.6e6 / rate), record.TransmissionS, Tolerance);
        Assert.Equal(0.8 - (0.42 + (2e6 / rate)), record.DownloadS, Tolerance);
        Assert.Equal(0.0, record.QueueingS, Tolerance);
        // Two device blocks of 0.1 Gcycles, and the device transmits 2 + 0.4 Mbit at 0.2 W.
        Assert.Equal((JoulesPerDeviceCycle * 0.2e9) + (0.2 * 2.4e6 / rate), record.EnergyJ, Tolerance);
        AssertSameRecords(reference.Records, run.Records);
        Assert.True(run.Waves!.NextPasses > 0, "the back-and-forth route made no wave cyclic");
    }

    [Fact]
    public async Task Back_and_forth_splits_of_every_device_run_by_the_coordinator_match_the_reference_model_task_by_task()
    {
        // Four devices, two a cell, all going back and forth with edge 1: they share its processor and the fiber.
        var scenario = Tiny.SplitScenario(devices: 4, slots: 3);
        var system = new SystemView(scenario);
        PolicySet Policies() => new("scripted", new ScriptedPolicy(BackAndForth), new NoCaching());

        var run = await EmulationRunner.RunAsync(Sys, system, Policies(), scenario.Slots, Seed);
        var reference = ReferenceModel.Run(system, Policies(), scenario.Slots, Seed);

        Assert.Equal(4 * 3, run.Records.Count);
        AssertSameRecords(reference.Records, run.Records);
        Assert.All(run.Records, r => Assert.True(r.Ran));
        Assert.Contains(run.Records, r => r.QueueingS > 0.0);
        Assert.Contains(run.Records, r => r.End > r.Slot * scenario.SlotSeconds);
        Assert.True(run.Waves!.NextPasses > 0, "the back-and-forth routes made no wave cyclic");
    }

    [Fact]
    public void Fifo_processor_drops_a_waiting_task_at_its_deadline_and_the_next_starts_when_the_server_frees()
    {
        var (wiring, edge, system) = DropAtDeadlineEdge();
        var scenario = system.Scenario;
        // A: 0.5 Gcycles (small model, exit 2) in at 0.1 s, in service 0.1 s to 0.6 s.
        // B: deadline 0.4 s, in at 0.2 s behind A: it never gets the server and leaves at 0.4 s.
        // C: 0.2 Gcycles in at 0.3 s: it starts when A frees the server, 0.6 s (not 0.8 s, after B's 0.2 s), ends 0.8 s.
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6), 0, 2, Tiny.SmallModel);
        var b = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6) with { DeadlineSeconds = 0.4 }, 0, 1, Tiny.SmallModel);
        var c = Tiny.Plan(system, Tiny.Request(scenario, 1, 4, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0], computeJobs: 3)));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(a, Edge0, 0.1), Tiny.ArrivedAt(b, Edge0, 0.2), Tiny.ArrivedAt(c, Edge0, 0.3)]));

        Assert.Equal(0.6, wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task.Time, Tolerance);
        var dropped = wiring.Device(2).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(DropReasons.Deadline, dropped.DropReason);
        Assert.Equal(0.4, dropped.Time, Tolerance);
        var record = dropped.ToRecord();
        Assert.Equal(TaskOutcome.Dropped, record.Outcome);
        Assert.Equal(DropReasons.Deadline, record.DropReason);
        Assert.Equal(0.4, record.End, Tolerance);
        Assert.Equal(0.0, record.ComputeS, Tolerance);
        var behind = wiring.Device(4).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Null(behind.DropReason);
        Assert.Equal(0.8, behind.Time, Tolerance);
        Assert.Equal(0.6 - 0.3, behind.QueueingS, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Edge0).PendingTasks);
    }

    [Fact]
    public void Fifo_processor_drops_a_task_in_service_at_its_deadline_freeing_the_server_for_the_next_then()
    {
        var (wiring, edge, system) = DropAtDeadlineEdge();
        var scenario = system.Scenario;
        // A: 0.5 Gcycles in at 0.1 s with deadline 0.3 s: in service from 0.1 s, it leaves at 0.3 s, its 0.6 s end never comes.
        // C: 0.2 Gcycles in at 0.2 s: it starts when A frees the server at its deadline, 0.3 s, and ends 0.5 s.
        var a = Tiny.Plan(system, Tiny.Request(scenario, 1, 0, Tiny.SmallModel, 4e6) with { DeadlineSeconds = 0.3 }, 0, 2, Tiny.SmallModel);
        var c = Tiny.Plan(system, Tiny.Request(scenario, 1, 2, Tiny.SmallModel, 4e6), 0, 1, Tiny.SmallModel);

        edge.Tell(Tiny.Open(1, 1, Tiny.Role(Edge0, upstream: [Radio0], computeJobs: 2)));
        edge.Tell(Tiny.Batch(1, Radio0, [Tiny.ArrivedAt(a, Edge0, 0.1), Tiny.ArrivedAt(c, Edge0, 0.2)]));

        var dropped = wiring.Device(0).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(DropReasons.Deadline, dropped.DropReason);
        Assert.Equal(0.3, dropped.Time, Tolerance);
        Assert.Equal(TaskOutcome.Dropped, dropped.ToRecord().Outcome);
        var behind = wiring.Device(2).ExpectMsg<TaskEvents.TaskFinished>().Task;
        Assert.Equal(0.5, behind.Time, Tolerance);
        Assert.Equal(0.3 - 0.2, behind.QueueingS, Tolerance);
        Assert.Equal(0, wiring.ExpectHorizon(1, Edge0).PendingTasks);
    }


    /// <summary>
    /// Every resource of <paramref name="plan"/>'s route (each crossed once) as a real actor, in wave 1 of the task's
    /// slot with the route's links as its only ones; the task enters the first.
    /// </summary>
    private ResourceWiring RunAlone(SystemView system, TaskPlan plan)
    {
        var wiring = new ResourceWiring(this, system);
        var path = plan.Route.Skip(plan.FirstPathStage).Select(s => s.Resource).ToArray();
        Assert.Equal(path.Length, path.Distinct().Count());
        var actors = new IActorRef[path.Length];
        for (var i = 0; i < path.Length; i++)
        {
            actors[i] = wiring.Spawn(path[i]);
        }

        for (var i = 0; i < path.Length; i++)
        {
            var role = Tiny.Role(
                path[i],
                entries: i == 0 ? 1 : 0,
                upstream: i > 0 ? new[] { path[i - 1] } : null,
                downstream: i + 1 < path.Length ? new[] { path[i + 1] } : null,
                computeJobs: path[i].IsCompute ? 1 : 0);
            actors[i].Tell(Tiny.Open(1, plan.Request.Slot, role));
        }

        actors[0].Tell(new TaskCommands.Enter(TaskProgress.Start(plan)));
        return wiring;
    }

    /// <summary>Edge 0's processor for real, fifo on one 1 GHz core, in a scenario whose tasks leave at their deadline; six devices, 0, 2 and 4 in cell 0.</summary>
    private (ResourceWiring Wiring, IActorRef Edge, SystemView System) DropAtDeadlineEdge()
    {
        var scenario = Tiny.Scenario(compute: ComputeDiscipline.Fifo, devices: 6) with { OnDeadline = DeadlineMode.Drop };
        var system = new SystemView(scenario);
        var wiring = new ResourceWiring(this, system);
        return (wiring, wiring.Spawn(Edge0), system);
    }

    private static void AssertSameRecords(IReadOnlyList<TaskRecord> expected, IReadOnlyList<TaskRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.Equal(e.TaskId, a.TaskId);
            Assert.Equal(e.Outcome, a.Outcome);
            Assert.Equal(e.DropReason, a.DropReason);
            Assert.Equal(e.End, a.End, Tolerance);
            Assert.Equal(e.TransmissionS, a.TransmissionS, Tolerance);
            Assert.Equal(e.QueueingS, a.QueueingS, Tolerance);
            Assert.Equal(e.DownloadS, a.DownloadS, Tolerance);
            Assert.Equal(e.ComputeS, a.ComputeS, Tolerance);
            Assert.Equal(e.EnergyJ, a.EnergyJ, Tolerance);
        }
    }
}
