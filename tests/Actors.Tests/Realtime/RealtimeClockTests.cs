using System.Globalization;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Realtime;
using MecActors.Actors.Tests.Behaviour;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Policies;
using MecActors.Policies.Caching;
using Xunit;
using Xunit.Abstractions;

namespace MecActors.Actors.Tests.Realtime;

/// <summary>Wall-clock measurements run alone, not beside the CPU-heavy test classes that xunit runs in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealtimeCollection
{
    public const string Name = "realtime clock";
}

/// <summary>
/// The realtime clock against the sequential reference model: the same decisions, and each task's delay
/// measured on wall time within 10% (or 15 ms, whichever is larger) of its virtual-time delay.
/// </summary>
[Collection(RealtimeCollection.Name)]
public sealed class RealtimeClockTests : TestKit
{
    private const double RelativeTolerance = 0.10;
    private const double AbsoluteToleranceS = 0.015;

    private readonly ITestOutputHelper _output;

    public RealtimeClockTests(ITestOutputHelper output)
        : base(output: output)
    {
        _output = output;

        // On a two-core machine the thread pool starts with two threads and adds more slowly (about one per 0.5 s)
        // while they are busy; a timer's message then waits that long for a thread to run the actor that receives
        // it (observed: single stages ending 0.4-0.9 s late). Measuring wall time needs spare threads ready.
        ThreadPool.SetMinThreads(Math.Max(16, Environment.ProcessorCount), Math.Max(16, Environment.ProcessorCount));
    }

    /// <summary>
    /// 2 edges, 4 devices, tau = 0.5 s, 3 slots, FIFO links and compute: uploads of tens of ms, computes of 200-500 ms,
    /// downloads of 400-800 ms, so queues carry over between slots.
    /// </summary>
    private static ScenarioSpec Small(bool paperDisciplines = false) =>
        (paperDisciplines
            ? Tiny.Scenario(LinkDiscipline.Dedicated, LinkDiscipline.Fifo, LinkDiscipline.Fifo, ComputeDiscipline.EqualSharePerSlot, devices: 4, slots: 3)
            : Tiny.Scenario(LinkDiscipline.Fifo, LinkDiscipline.Fifo, LinkDiscipline.Fifo, ComputeDiscipline.Fifo, devices: 4, slots: 3))
        with { SlotSeconds = 0.5 };

    /// <summary>
    /// Devices 0 and 1 compute at their own edge, 2 and 3 at the other one (over the fiber), at the last exit (long
    /// computes keep every task well above the scheduler's 10 ms resolution per timed stage); caches
    /// follow popularity, so some tasks wait for a download. The decisions do not depend on the edges' backlog, which
    /// the realtime clock measures (a backlog-driven policy such as greedy may break a near-tie differently there).
    /// </summary>
    private static PolicySet FixedRoutes(SystemView system) => new(
        "fixed-routes",
        new ScriptedPolicy(task => new OffloadDecision(task.Device < 2 ? task.LocalEdge : 1 - task.LocalEdge, system.Scenario.Models[task.ModelId].ExitCount)),
        new PopularityCaching(system));

    /// <param name="paperDisciplines">
    /// False: FIFO everywhere, with fixed routes; true: dedicated radio shares and the equal share per slot (no backlog,
    /// so greedy decides alike under both clocks).
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_measured_delay_matches_the_virtual_delay_of_the_reference_model(bool paperDisciplines)
    {
        var scenario = Small(paperDisciplines);
        var system = new SystemView(scenario);
        PolicySet Policies() => paperDisciplines ? PolicyCatalog.All.Create("greedy", system, scenario.Seed) : FixedRoutes(system);

        var expected = ReferenceModel.Run(system, Policies(), scenario.Slots, scenario.Seed);
        var actual = await EmulationRunner.RunRealtimeAsync(Sys, system, Policies(), scenario.Slots, scenario.Seed, new RealtimeSettings(1.0));

        AssertDelaysMatch(expected, actual);
    }

    /// <summary>
    /// A policy that leaves 150 ms of work of each decision (as an agent leaves its training on the step before) until
    /// the driver settles it: the coordinator settles once the plans have gone out, so the work runs while the tasks
    /// do, and no request waits for it. Left to the next decision, it would hold every later slot's requests back by
    /// 150 ms, past the tolerance (paper 003's five-user DQN, whose training on the step before waited so, measured
    /// 354 ms a request on wall time against 267.5 ms in virtual time; 276 ms settled after the plans).
    /// </summary>
    [Fact]
    public async Task Work_a_policy_leaves_until_the_plans_are_out_does_not_delay_the_requests()
    {
        // Slots long enough for every task to end within its own: a slot's requests start at empty queues, where a late
        // start would show in full.
        var scenario = Small() with { SlotSeconds = 2.5 };
        var system = new SystemView(scenario);
        var expected = ReferenceModel.Run(system, FixedRoutes(system), scenario.Slots, scenario.Seed);
        var deferring = new DeferringPolicy(FixedRoutes(system).Offloading, TimeSpan.FromMilliseconds(150));

        var actual = await EmulationRunner.RunRealtimeAsync(
            Sys, system, FixedRoutes(system) with { Offloading = deferring }, scenario.Slots, scenario.Seed, new RealtimeSettings(1.0));

        AssertDelaysMatch(expected, actual);
        Assert.Equal(scenario.Slots, deferring.Settled);
    }

    /// <summary>Every task of the reference run, with the same decisions, measured within tolerance of its virtual delay.</summary>
    private void AssertDelaysMatch(Core.Metrics.PolicyRun expected, Core.Metrics.PolicyRun actual)
    {
        Assert.Equal(expected.Records.Select(r => r.TaskId), actual.Records.Select(r => r.TaskId));
        var maxAbs = 0.0;
        var maxRel = 0.0;
        var failures = new List<string>();
        var measured = actual.Records.ToDictionary(r => r.TaskId);
        foreach (var virtualRecord in expected.Records)
        {
            var realtime = measured[virtualRecord.TaskId];
            Assert.Equal(virtualRecord.TargetEdge, realtime.TargetEdge);
            Assert.Equal(virtualRecord.Exit, realtime.Exit);
            Assert.Equal(virtualRecord.CacheHit, realtime.CacheHit);
            Assert.Equal(virtualRecord.Ran, realtime.Ran);
            if (!virtualRecord.Ran)
            {
                continue;
            }

            var error = Math.Abs(realtime.DelayS - virtualRecord.DelayS);
            var relative = error / virtualRecord.DelayS;
            maxAbs = Math.Max(maxAbs, error);
            maxRel = Math.Max(maxRel, relative);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"task {virtualRecord.TaskId}: virtual {virtualRecord.DelayS * 1e3:0.0} ms, measured {realtime.DelayS * 1e3:0.0} ms, error {error * 1e3:0.0} ms ({relative:P1}); {Split(virtualRecord)} vs {Split(realtime)}");
            _output.WriteLine(line);
            if (error > Math.Max(RelativeTolerance * virtualRecord.DelayS, AbsoluteToleranceS))
            {
                failures.Add(line);
            }
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max error {maxAbs * 1e3:0.0} ms, max relative error {maxRel:P1}"));
        Assert.True(expected.Records.Count(r => r.Ran) >= 8, "the scenario should run most of its 12 tasks");
        Assert.True(failures.Count == 0, "measured delays outside tolerance:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// Paper 003's cloud-only route crosses three links whose transfers last far less than Akka's scheduler tick (the
    /// request up to the cloud in 0.12 ms, the backhaul and the result back in under a millisecond). The clock hands a
    /// task on after one of them on average within 5 ms of that stage's end, where a scheduler timer would hold it to a
    /// tick, 10 ms or more late, on every such stage.
    /// </summary>
    [Fact]
    public async Task A_stage_shorter_than_a_scheduler_tick_hands_its_task_on_without_waiting_for_a_tick()
    {
        var path = Path.Combine(Serialization.SerializationSupport.RepoRoot, "config", "scenarios", "orchestration.conf");
        var loaded = ScenarioLoader.Load(path, PolicyCatalog.All);
        var scenario = loaded with { Devices = loaded.Devices.WithCount(2), SlotSeconds = 1.0, Slots = 3 };
        var system = new SystemView(scenario) { TracesTasks = true };
        PolicySet CloudOnly() => PolicyCatalog.All.Create(PlacementPolicies.CloudOnlyName, system, 1);

        var expected = ReferenceModel.Run(system, CloudOnly(), scenario.Slots, scenario.Seed);
        var traced = new List<TaskRecord>();
        var actual = await EmulationRunner.RunRealtimeAsync(
            Sys, system, CloudOnly(), scenario.Slots, scenario.Seed, new RealtimeSettings(1.0), onTasksEnded: records => { lock (traced) { traced.AddRange(records); } });

        Assert.Equal(expected.Records.Select(r => r.TaskId), actual.Records.Select(r => r.TaskId));
        Assert.Equal(actual.Records.Count, traced.Count);
        var handOvers = new List<double>();
        foreach (var record in traced)
        {
            var stages = record.Stages!;
            for (var k = 0; k + 1 < stages.Length; k++)
            {
                if (stages[k].End - stages[k].Start < 0.001)
                {
                    handOvers.Add(stages[k + 1].Start - stages[k].End);
                }
            }
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{handOvers.Count} hand-overs after sub-tick stages: mean {handOvers.Average() * 1e3:0.00} ms, max {handOvers.Max() * 1e3:0.00} ms"));
        Assert.True(handOvers.Count >= 2 * actual.Records.Count, "every cloud-only task crosses at least two sub-tick links");
        Assert.True(handOvers.Average() < 0.005, $"tasks waited {handOvers.Average() * 1e3:0.0} ms on average after a sub-tick stage");
        var meanVirtual = expected.Records.Average(r => r.DelayS);
        var meanMeasured = actual.Records.Average(r => r.DelayS);
        Assert.True(Math.Abs(meanMeasured - meanVirtual) <= RelativeTolerance * meanVirtual, $"mean measured {meanMeasured * 1e3:0.0} ms against virtual {meanVirtual * 1e3:0.0} ms");
    }

    /// <summary>
    /// A fault plan on wall time: edge 0 at half capacity for the first half of the run, the fiber down from 0.5 s to
    /// 0.8 s (tasks crossing it wait), then degraded to 60%. The realtime actors serve through the same faulted stations,
    /// on the clock's time: a task that reaches a fault's edge a few ms later than in virtual time meets the fault
    /// otherwise (a 300 ms outage amplifies that), so the tasks are held to the tolerance on average, and half of them one
    /// by one.
    /// </summary>
    [Fact]
    public async Task A_fault_plan_runs_on_wall_time_and_its_delays_track_the_reference_model_under_it()
    {
        var scenario = Small() with
        {
            Faults = new Core.Faults.FaultPlan(
                [
                    new Core.Faults.FaultSpec(Core.Faults.FaultKind.CapacityDrop, new Core.Faults.FaultTarget("edge", 0), 0.0, 0.75, 0.5),
                    new Core.Faults.FaultSpec(Core.Faults.FaultKind.LinkDown, new Core.Faults.FaultTarget("fiber"), 0.5, 0.8),
                    new Core.Faults.FaultSpec(Core.Faults.FaultKind.LinkDegrade, new Core.Faults.FaultTarget("fiber"), 0.8, double.PositiveInfinity, 0.6),
                ],
                Core.Faults.FaultResponse.Retry),
        };
        var system = new SystemView(scenario);
        var nominal = new SystemView(scenario with { Faults = Core.Faults.FaultPlan.None });

        var expected = ReferenceModel.Run(system, FixedRoutes(system), scenario.Slots, scenario.Seed);
        var unfaulted = ReferenceModel.Run(nominal, FixedRoutes(nominal), scenario.Slots, scenario.Seed);
        var actual = await EmulationRunner.RunRealtimeAsync(Sys, system, FixedRoutes(system), scenario.Slots, scenario.Seed, new RealtimeSettings(1.0));

        Assert.Equal(expected.Records.Select(r => r.TaskId), actual.Records.Select(r => r.TaskId));
        Assert.All(actual.Records, r => Assert.True(r.Ran, $"task {r.TaskId} dropped ({r.DropReason}): retry keeps every task"));
        var measured = actual.Records.ToDictionary(r => r.TaskId);
        var within = 0;
        foreach (var virtualRecord in expected.Records)
        {
            var realtime = measured[virtualRecord.TaskId];
            var error = Math.Abs(realtime.DelayS - virtualRecord.DelayS);
            _output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"task {virtualRecord.TaskId}: virtual {virtualRecord.DelayS * 1e3:0.0} ms, measured {realtime.DelayS * 1e3:0.0} ms, without the plan {unfaulted.Records.Single(r => r.TaskId == virtualRecord.TaskId).DelayS * 1e3:0.0} ms"));
            within += error <= Math.Max(RelativeTolerance * virtualRecord.DelayS, AbsoluteToleranceS) ? 1 : 0;
        }

        var meanVirtual = expected.Records.Average(r => r.DelayS);
        var meanMeasured = actual.Records.Average(r => r.DelayS);
        var meanUnfaulted = unfaulted.Records.Average(r => r.DelayS);
        _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"mean: virtual {meanVirtual * 1e3:0.0} ms, measured {meanMeasured * 1e3:0.0} ms, without the plan {meanUnfaulted * 1e3:0.0} ms; {within} of {expected.Records.Count} within tolerance"));

        // The plan slows the run by more than the tolerance, so tracking it says something.
        Assert.True(meanVirtual > (1 + RelativeTolerance) * meanUnfaulted, "the plan should slow the tasks down");
        Assert.True(Math.Abs(meanMeasured - meanVirtual) <= RelativeTolerance * meanVirtual, "the mean measured delay is off the virtual one by more than 10%");
        Assert.True(within * 2 >= expected.Records.Count, "fewer than half of the tasks within tolerance");
    }

    /// <summary>
    /// Every route shape under the realtime clock: device 0 runs its whole model on the device, 1 at its edge, 2 in the
    /// cloud, 3 splits device/edge, and the others go back and forth (device, edge, device, cloud), with tensors and
    /// results crossing the radio, the downlink, the fiber and the cloud links. Stages last 25-400 ms simulated; a
    /// back-and-forth route has a dozen timed stages, each some 10 ms late on wall time, so the run is slowed down
    /// three times (--time-scale 3) to keep that within the tolerance.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_route_shape_measures_within_tolerance_of_the_reference_model(bool allocatedWithDynamics)
    {
        Core.Models.ExitBranch Block(double accuracy) => new(0.15e9, accuracy, OutputBits: 1e6);
        var models = new Core.Models.ModelCatalog(
        [
            new Core.Models.DnnModel(0, "four-blocks", 40e6, [Block(0.5), Block(0.6), Block(0.7), Block(0.8)], ResultBits: 0.5e6),
            new Core.Models.DnnModel(1, "also-four", 80e6, [Block(0.55), Block(0.65), Block(0.75), Block(0.85)], ResultBits: 0.5e6),
        ]);
        var scenario = Tiny.Scenario(LinkDiscipline.Dedicated, LinkDiscipline.Fifo, LinkDiscipline.Fifo, ComputeDiscipline.Fifo, devices: 6, slots: 3) with
        {
            SlotSeconds = 1.0,
            Models = models,
            DeviceCompute = new DeviceComputeSpec(1e9, 1, 1e-27),
            Cloud = new CloudSpec(4e9, 4, 20e6),
        };
        if (allocatedWithDynamics)
        {
            // Uploads through the devices' transmitters on equal shares of the band, tasks on equal shares of the edge,
            // edges at 50-100% of their capacity and compute times within 10%.
            scenario = scenario with
            {
                Disciplines = scenario.Disciplines with { Wireless = LinkDiscipline.Allocated, Edge = ComputeDiscipline.Allocated },
                Dynamics = new DynamicsSpec(0.5, 1.0, 0.1, 0.2),
            };
        }

        var system = new SystemView(scenario);
        Segment[] SplitFor(int device) => (device % 6) switch
        {
            0 => [new Segment(NodeKind.Device, 4)],
            1 => [new Segment(NodeKind.Edge, 4)],
            2 => [new Segment(NodeKind.Cloud, 4)],
            3 => [new Segment(NodeKind.Device, 2), new Segment(NodeKind.Edge, 2)],
            _ => [new Segment(NodeKind.Device, 1), new Segment(NodeKind.Edge, 1), new Segment(NodeKind.Device, 1), new Segment(NodeKind.Cloud, 1)],
        };
        PolicySet Policies() => new(
            "route-shapes",
            new ScriptedPolicy(task => new OffloadDecision(task.Device == 5 ? 1 - task.LocalEdge : task.LocalEdge, 4) { Split = SplitFor(task.Device) }),
            new PopularityCaching(system));

        var expected = ReferenceModel.Run(system, Policies(), scenario.Slots, scenario.Seed);
        var actual = await EmulationRunner.RunRealtimeAsync(Sys, system, Policies(), scenario.Slots, scenario.Seed, new RealtimeSettings(3.0));

        Assert.Equal(expected.Records.Select(r => r.TaskId), actual.Records.Select(r => r.TaskId));
        var measured = actual.Records.ToDictionary(r => r.TaskId);
        var failures = new List<string>();
        foreach (var virtualRecord in expected.Records.Where(r => r.Ran))
        {
            var realtime = measured[virtualRecord.TaskId];
            var error = Math.Abs(realtime.DelayS - virtualRecord.DelayS);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"task {virtualRecord.TaskId} (device {virtualRecord.Device}): virtual {virtualRecord.DelayS * 1e3:0.0} ms, measured {realtime.DelayS * 1e3:0.0} ms");
            _output.WriteLine(line);
            if (error > Math.Max(RelativeTolerance * virtualRecord.DelayS, AbsoluteToleranceS))
            {
                failures.Add(line);
            }
        }

        Assert.True(expected.Records.Count(r => r.Ran) >= 10, "the scenario should run most of its 18 tasks");
        Assert.True(failures.Count == 0, "measured delays outside tolerance:\n" + string.Join("\n", failures));
    }

    /// <summary>Edge, transmission / queueing / download / compute in ms.</summary>
    private static string Split(TaskRecord r) => string.Create(
        CultureInfo.InvariantCulture,
        $"[edge {r.TargetEdge}: {r.TransmissionS * 1e3:0} / {r.QueueingS * 1e3:0} / {r.DownloadS * 1e3:0} / {r.ComputeS * 1e3:0}]");

    [Fact]
    public async Task A_time_scale_too_fine_to_measure_a_stage_is_refused_with_the_numbers()
    {
        var scenario = Small();
        var system = new SystemView(scenario);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulationRunner.RunRealtimeAsync(
            Sys, system, PolicyCatalog.All.Create("greedy", system, scenario.Seed), scenario.Slots, scenario.Seed, new RealtimeSettings(0.001)));

        Assert.Contains("under the 10 ms a stage needs", error.Message);
        Assert.Contains("time scale 0.001", error.Message);
        Assert.Contains("use a time scale of at least", error.Message);
    }

    [Fact]
    public async Task Processor_sharing_is_refused_naming_the_discipline()
    {
        var scenario = Small() with
        {
            Disciplines = new DisciplineSpec(LinkDiscipline.Fifo, LinkDiscipline.Fifo, LinkDiscipline.Fifo, ComputeDiscipline.ProcessorSharing),
        };
        var system = new SystemView(scenario);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulationRunner.RunRealtimeAsync(
            Sys, system, PolicyCatalog.All.Create("greedy", system, scenario.Seed), scenario.Slots, scenario.Seed, new RealtimeSettings(1.0)));

        Assert.Contains("processor-sharing", error.Message);
    }

    /// <summary>Decides as the inner policy and owes <paramref name="work"/> of processor time, paid at <see cref="Settle"/> or else at the next decision.</summary>
    private sealed class DeferringPolicy(IOffloadingPolicy inner, TimeSpan work) : IOffloadingPolicy
    {
        private bool _owed;

        public int Settled { get; private set; }

        public OffloadDecision[] Decide(SlotObservation observation)
        {
            Pay();
            _owed = true;
            return inner.Decide(observation);
        }

        public void Learn(SlotFeedback feedback) => inner.Learn(feedback);

        public void Settle()
        {
            Settled++;
            Pay();
        }

        private void Pay()
        {
            if (!_owed)
            {
                return;
            }

            _owed = false;
            var busy = System.Diagnostics.Stopwatch.StartNew();
            while (busy.Elapsed < work)
            {
                Thread.SpinWait(100);
            }
        }
    }
}
