using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Models;
using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;
using MecActors.Policies.Caching;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>
/// A two-cell system small enough to follow by hand: edges 0 and 1 joined by one fiber hop, devices
/// assigned round robin (with four devices, 0 and 2 live in cell 0, 1 and 3 in cell 1), fading off. Variants
/// with more cells (a line 0-1-2, a ring) keep every per-cell number and put device u in cell u mod N.
/// Tasks built here have a chosen SNR, so log2(1 + P g / sigma^2) is a round number: at SNR 15 a
/// device's spectral efficiency is exactly 4 bit/s/Hz.
/// </summary>
internal static class Tiny
{
    public const double SlotSeconds = 1.0;

    /// <summary>B_n of each cell.</summary>
    public const double BandwidthHz = 10e6;

    /// <summary>f_n^max of each edge.</summary>
    public const double CapacityHz = 1e9;

    /// <summary>R_i2i.</summary>
    public const double FiberRateBps = 100e6;

    /// <summary>R_i2c.</summary>
    public const double BackhaulRateBps = 100e6;

    /// <summary>S_n: room for both model types.</summary>
    public const double StorageBytes = 20e6;

    public const double DeadlineSeconds = 5.0;

    /// <summary>P g / sigma^2 of the tasks built here unless told otherwise.</summary>
    public const double Snr = 15.0;

    public const int SmallModel = 0;

    public const int LargeModel = 1;

    /// <summary>The model catalog: h_0 = 40 Mbit with exits after 0.2 and 0.5 Gcycles; h_1 = 80 Mbit, one exit at 0.4 Gcycles.</summary>
    public static readonly ModelCatalog Models = new(
    [
        new DnnModel(SmallModel, "small", 40e6, [new ExitBranch(0.2e9, 0.6), new ExitBranch(0.3e9, 0.8)]),
        new DnnModel(LargeModel, "large", 80e6, [new ExitBranch(0.4e9, 0.7)]),
    ]);

    public static readonly RadioSpec Radio = new(0.2, -174.0, 128.1, 37.6, 50.0, 250.0, RayleighFading: false);

    /// <summary>A device's processor in the split variant: 0.5 GHz over 2 cores, so f = 0.25 GHz a core.</summary>
    public const double DeviceCapacityHz = 0.5e9;

    public const int DeviceCores = 2;

    /// <summary>kappa of the split variant: kappa f^2 = 1e-27 x (0.25e9)^2 = 6.25e-11 J a cycle.</summary>
    public const double Kappa = 1e-27;

    /// <summary>The cloud's processor in the split variant (one core).</summary>
    public const double CloudCapacityHz = 10e9;

    /// <summary>Each edge's link up to the cloud in the split variant.</summary>
    public const double CloudUplinkRateBps = 50e6;

    /// <summary>The size of the result the split variant's model returns to the device.</summary>
    public const double ResultBits = 0.2e6;

    /// <summary>Every task's input in the split variant's workload (input min = max, so runs are hand-checkable).</summary>
    public const double SplitInputBits = 2e6;

    /// <summary>The split variant's only model type.</summary>
    public const int FourBlockModel = 0;

    /// <summary>
    /// The split variant's model: 80 Mbit, four blocks of (cycles, output bits) (0.1 G, 2 Mbit), (0.2 G, 1 Mbit),
    /// (0.1 G, 0.4 Mbit), (0.2 G, 0.25 Mbit), returning a 0.2 Mbit result.
    /// </summary>
    public static readonly DnnModel FourBlocks = new(
        FourBlockModel,
        "four-blocks",
        80e6,
        [new ExitBranch(0.1e9, 0.5, 2e6), new ExitBranch(0.2e9, 0.6, 1e6), new ExitBranch(0.1e9, 0.7, 0.4e6), new ExitBranch(0.2e9, 0.8, 0.25e6)],
        ResultBits);

    public static ScenarioSpec Scenario(
        LinkDiscipline wireless = LinkDiscipline.Dedicated,
        LinkDiscipline fiber = LinkDiscipline.Fifo,
        LinkDiscipline backhaul = LinkDiscipline.Fifo,
        ComputeDiscipline compute = ComputeDiscipline.EqualSharePerSlot,
        int devices = 4,
        double capacityHz = CapacityHz,
        int slots = 3,
        int cells = 2,
        TopologyKind topology = TopologyKind.FullMesh)
    {
        var edges = new EdgeSpec[cells];
        for (var n = 0; n < cells; n++)
        {
            edges[n] = new EdgeSpec(n, capacityHz, StorageBytes, 1, BandwidthHz);
        }

        return new ScenarioSpec(
            "tiny",
            "test",
            SlotSeconds,
            slots,
            7,
            new TopologySpec(topology),
            edges,
            new NetworkSpec(FiberRateBps, BackhaulRateBps),
            Radio,
            new DeviceSpec(devices, DeviceAssignment.RoundRobin),
            Models,
            new WorkloadSpec(1.0, 1e6, 4e6, 0.8, 0.3, 0.1, DeadlineSeconds),
            new ObjectiveSpec(1.0, 2.0),
            new PolicyParameters(new PopularityCachingSettings(2)),
            new DisciplineSpec(wireless, fiber, backhaul, compute),
            ["greedy"]);
    }

    /// <summary>
    /// The tiny system with every resource a split needs: each device computes (<see cref="DeviceCapacityHz"/> over
    /// <see cref="DeviceCores"/>, fifo), a cloud (<see cref="CloudCapacityHz"/>, one core, fifo) behind a dedicated
    /// <see cref="CloudUplinkRateBps"/> link from each edge, a dedicated downlink, fifo edges, and the one model
    /// <see cref="FourBlocks"/> (with <paramref name="resultBits"/>); every task's input is <see cref="SplitInputBits"/>.
    /// </summary>
    public static ScenarioSpec SplitScenario(
        int devices = 4,
        int slots = 3,
        double resultBits = ResultBits,
        double kappa = Kappa,
        DeadlineMode onDeadline = DeadlineMode.Complete)
    {
        var scenario = Scenario(compute: ComputeDiscipline.Fifo, devices: devices, slots: slots);
        return scenario with
        {
            Models = new ModelCatalog([FourBlocks with { ResultBits = resultBits }]),
            Workload = scenario.Workload with { InputMinBits = SplitInputBits, InputMaxBits = SplitInputBits },
            DeviceCompute = new DeviceComputeSpec(DeviceCapacityHz, DeviceCores, kappa),
            Cloud = new CloudSpec(CloudCapacityHz, 1, CloudUplinkRateBps),
            OnDeadline = onDeadline,
        };
    }

    /// <summary>B_u = B_n / U_n: a device's share of its cell's band.</summary>
    public static double DeviceBandwidthHz(ScenarioSpec scenario, int edge) =>
        scenario.Edges[edge].BandwidthHz / scenario.DevicesInCell(edge);

    /// <summary>
    /// The SNR over a device's share of the band that gives <see cref="Snr"/> over the whole band B_n, the band a fifo or
    /// shared radio transfer occupies (the noise over B_n is U_n times that over the share): 4 bit/s/Hz at full band.
    /// </summary>
    public static double FullBandSnr(ScenarioSpec scenario, int edge = 0) => Snr * scenario.DevicesInCell(edge);

    /// <summary>The channel gain that gives <paramref name="snr"/> over the device's share of the band.</summary>
    public static double GainFor(ScenarioSpec scenario, int edge, double snr) =>
        snr * Core.Network.Radio.NoisePowerW(scenario.Radio, DeviceBandwidthHz(scenario, edge)) / scenario.Radio.TxPowerW;

    /// <summary>A task of device <paramref name="device"/> released at the start of <paramref name="slot"/>, as the device would report it.</summary>
    public static TaskRequest Request(ScenarioSpec scenario, int slot, int device, int model, double inputBits, double snr = Snr)
    {
        var edge = scenario.LocalEdgeOf(device);
        var bandwidth = DeviceBandwidthHz(scenario, edge);
        var gain = GainFor(scenario, edge, snr);
        return new TaskRequest(
            TaskRequest.IdOf(slot, device, scenario.DeviceCount),
            slot,
            device,
            edge,
            model,
            inputBits,
            gain,
            Core.Network.Radio.SpectralEfficiency(scenario.Radio, gain, bandwidth),
            Core.Network.Radio.UplinkRateBps(scenario.Radio, gain, bandwidth),
            (slot - 1) * scenario.SlotSeconds,
            DeadlineSeconds);
    }

    /// <summary>An edge at a slot's start with no backlog, caching exactly <paramref name="cachedModels"/>.</summary>
    public static EdgeStatus Status(ScenarioSpec scenario, int edge, params int[] cachedModels) =>
        new(edge, scenario.Edges[edge].CapacityHz, scenario.Edges[edge].Cores, scenario.Edges[edge].StorageBytes, 0.0, Cache(scenario, cachedModels));

    public static bool[] Cache(ScenarioSpec scenario, params int[] cachedModels)
    {
        var cached = new bool[scenario.Models.Count];
        foreach (var m in cachedModels)
        {
            cached[m] = true;
        }

        return cached;
    }

    /// <summary>The plan for sending <paramref name="task"/> to <paramref name="targetEdge"/>, which caches <paramref name="cachedModels"/>.</summary>
    public static TaskPlan Plan(SystemView system, TaskRequest task, int targetEdge, int exit = 1, params int[] cachedModels) =>
        PlanBuilder.Build(system, task, new OffloadDecision(targetEdge, exit), Status(system.Scenario, targetEdge, cachedModels));

    /// <summary>The plan for running <paramref name="task"/>'s blocks segment by segment, the edge segments at <paramref name="targetEdge"/> (which caches <paramref name="cachedModels"/>).</summary>
    public static TaskPlan SplitPlan(SystemView system, TaskRequest task, int targetEdge, Segment[] split, params int[] cachedModels) =>
        PlanBuilder.Build(system, task, new OffloadDecision(targetEdge, split.Sum(s => s.Blocks)) { Split = split }, Status(system.Scenario, targetEdge, cachedModels));

    /// <summary>The task as it reaches <paramref name="resource"/> of its route at <paramref name="time"/>.</summary>
    public static TaskProgress ArrivedAt(TaskPlan plan, ResourceRef resource, double time)
    {
        var start = TaskProgress.Start(plan);
        for (var i = start.StageIndex; i < plan.Route.Length; i++)
        {
            if (plan.Route[i].Resource == resource)
            {
                return start with { StageIndex = i, Time = time };
            }
        }

        throw new ArgumentException($"task {plan.Request.TaskId} does not cross {resource}", nameof(resource));
    }

    /// <summary>
    /// A resource's part in a wave. <paramref name="upstream"/> and <paramref name="downstream"/> are the forward
    /// links; the back links (a cyclic wave's, fed from the previous pass) are named apart and added to both lists.
    /// </summary>
    public static WaveRole Role(
        ResourceRef resource,
        int entries = 0,
        ResourceRef[]? upstream = null,
        ResourceRef[]? downstream = null,
        ModelDownload[]? fetches = null,
        int computeJobs = 0,
        ResourceRef[]? backUpstream = null,
        ResourceRef[]? backDownstream = null) =>
        new(
            resource,
            entries,
            [.. upstream ?? [], .. backUpstream ?? []],
            backUpstream ?? [],
            [.. downstream ?? [], .. backDownstream ?? []],
            backDownstream ?? [],
            fetches ?? [],
            computeJobs);

    /// <summary>Opens wave <paramref name="wave"/> of <paramref name="slot"/>, to the slot's end.</summary>
    public static SlotCommands.OpenWave Open(long wave, int slot, WaveRole role, bool cyclic = false) =>
        new(wave, slot, slot * SlotSeconds, role, cyclic);

    /// <summary>The batch <paramref name="from"/> sends in pass <paramref name="pass"/> of <paramref name="wave"/>.</summary>
    public static TaskCommands.TransitBatch Batch(long wave, ResourceRef from, TaskProgress[] tasks, ModelArrival[]? models = null, int pass = 1) =>
        new(wave, pass, from, tasks, models ?? []);
}

/// <summary>Decides every task with a fixed rule and throws, from a chosen slot on, instead of deciding.</summary>
internal sealed class ScriptedPolicy(Func<TaskRequest, OffloadDecision> decide, int failFromSlot = int.MaxValue) : IOffloadingPolicy
{
    public const string Failure = "the policy cannot decide";

    public static ScriptedPolicy LocalFirstExit(int failFromSlot = int.MaxValue) =>
        new(task => new OffloadDecision(task.LocalEdge, 1), failFromSlot);

    public static ScriptedPolicy AllTo(int edge, int exit = 1) => new(_ => new OffloadDecision(edge, exit));

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        if (observation.Slot >= failFromSlot)
        {
            throw new InvalidOperationException(Failure);
        }

        var decisions = new OffloadDecision[observation.Tasks.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = decide(observation.Tasks[i]);
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
    }
}

/// <summary>Caches nothing anywhere, so every task misses.</summary>
internal sealed class NoCaching : ICachingPolicy
{
    public bool[][] Place(CacheObservation observation)
    {
        var scenario = observation.System.Scenario;
        var placement = new bool[scenario.EdgeCount][];
        for (var n = 0; n < placement.Length; n++)
        {
            placement[n] = new bool[scenario.Models.Count];
        }

        return placement;
    }
}
