using MecActors.Core.Faults;
using MecActors.Core.Models;
using MecActors.Core.Network;

namespace MecActors.Core.Scenarios;

/// <summary>
/// A validated scenario: the whole system of one paper's experiment, in SI units
/// (seconds, bits, Hz, cycles/s, watts), and the parameters of its policies. Built by <see cref="ScenarioLoader"/> or
/// in code by tests.
/// The run seed places the network (device distances, each cell's popularity ranking); <see cref="Episode"/>
/// selects the workload drawn on it: episode 0 is the evaluation workload, learners train on episodes 1, 2, ...
/// </summary>
public sealed record ScenarioSpec(
    string Name,
    string Paper,
    double SlotSeconds,
    int Slots,
    int Seed,
    TopologySpec Topology,
    IReadOnlyList<EdgeSpec> Edges,
    NetworkSpec Network,
    RadioSpec Radio,
    DeviceSpec Devices,
    ModelCatalog Models,
    WorkloadSpec Workload,
    ObjectiveSpec Objective,
    PolicyParameters PolicyParameters,
    DisciplineSpec Disciplines,
    IReadOnlyList<string> Policies,
    int Episode = 0,
    DeviceComputeSpec? DeviceCompute = null,
    CloudSpec? Cloud = null,
    DeadlineMode OnDeadline = DeadlineMode.Complete,
    DynamicsSpec? Dynamics = null)
{
    /// <summary>What varies from slot to slot and what policies know of it; <see cref="DynamicsSpec.None"/> unless the scenario has <c>dynamics</c>.</summary>
    public DynamicsSpec Conditions => Dynamics ?? DynamicsSpec.None;

    /// <summary>Uploads leave each device through its own transmitter, one after another (wireless <c>device-fifo</c> or <c>allocated</c>).</summary>
    public bool HasTransmitters => Disciplines.Wireless is LinkDiscipline.DeviceFifo or LinkDiscipline.Allocated;

    /// <summary>Whether the results carry paper 002's average accuracy (<c>metrics.success-accuracy</c>), see <see cref="Metrics.PolicySummary.SuccessAccuracy"/>.</summary>
    public bool ReportsSuccessAccuracy { get; init; }

    /// <summary>The faults the run injects (<c>faults</c>, or <c>--faults FILE</c>); <see cref="FaultPlan.None"/> without.</summary>
    public FaultPlan Faults { get; init; } = FaultPlan.None;

    /// <summary>Energy is modelled (and reported) when devices compute: compute energy kappa f^2 per cycle, transmit energy P_u x airtime.</summary>
    public bool ReportsEnergy => DeviceCompute is not null;

    /// <summary>Whether results or intermediate tensors ever travel from an edge down to a device.</summary>
    public bool HasDownlink => DeviceCompute is not null || Models.Types.Any(m => m.ResultBits > 0);

    public int EdgeCount => Edges.Count;

    public int DeviceCount => Devices.Count;

    /// <summary>The edge whose cell device <paramref name="device"/> lives in.</summary>
    public int LocalEdgeOf(int device) => Devices.LocalEdgeOf(device, Edges.Count);

    /// <summary>How many devices live in the cell of <paramref name="edge"/>.</summary>
    public int DevicesInCell(int edge) => Devices.CountInCell(edge, Edges.Count);
}

/// <summary>One edge server: compute capacity f_n^max, storage S_n, cores, and its cell's wireless bandwidth B_n.</summary>
public sealed record EdgeSpec(int Id, double CapacityHz, double StorageBytes, int Cores, double BandwidthHz);

/// <summary>
/// Every device's own processor: capacity (Hz, shared by its cores) and kappa, the effective switched capacitance of
/// the energy model (joules per cycle = kappa f^2, f the per-core frequency; 0: compute costs no energy), and
/// optionally each device's budget of average energy per slot (<c>energy-budget-j</c>, joules), which the results then
/// check (<see cref="Metrics.EnergyBudgetReport"/>).
/// </summary>
public sealed record DeviceComputeSpec(double CapacityHz, int Cores, double Kappa, double? EnergyBudgetJ = null);

/// <summary>What happens to a task still under way at its deadline.</summary>
public enum DeadlineMode
{
    /// <summary>It finishes late and counts as missed-deadline.</summary>
    Complete,

    /// <summary>It leaves every queue at the deadline, freeing what it held, and counts as dropped (reason "deadline").</summary>
    Drop,
}

/// <summary>The cloud's processor (capacity, cores) and the rate of each edge's wired link up to it.</summary>
public sealed record CloudSpec(double CapacityHz, int Cores, double UplinkRateBps);

/// <summary>Wired rates: R_i2i between edges (per hop) and R_i2c on each edge's backhaul to the cloud.</summary>
public sealed record NetworkSpec(double FiberRateBps, double BackhaulRateBps);

/// <summary>
/// Uplink radio: transmit power P_u, noise spectral density, path loss PL(d) = a + b log10(d_km) dB, Rayleigh fading;
/// or, with <paramref name="RateMaxBps"/> &gt; 0, each device's rate over its share B_n / U_n drawn per slot uniform in
/// [<paramref name="RateMinBps"/>, <paramref name="RateMaxBps"/>] (paper 002), the channel gain being the one that gives it;
/// or, with <paramref name="DeviceRatesBps"/>, each device's own fixed rate (entry u for device u: links of set quality,
/// paper 003's regular and weak networks).
/// </summary>
public sealed record RadioSpec(
    double TxPowerW,
    double NoiseDbmPerHz,
    double PathLossInterceptDb,
    double PathLossSlopeDb,
    double MinDistanceM,
    double MaxDistanceM,
    bool RayleighFading,
    double RateMinBps = 0.0,
    double RateMaxBps = 0.0,
    IReadOnlyList<double>? DeviceRatesBps = null)
{
    /// <summary>Rates are given (drawn or fixed per device) rather than derived from the channel model.</summary>
    public bool DrawsRates => RateMaxBps > 0 || DeviceRatesBps is not null;
}

/// <summary>
/// What varies from slot to slot beyond the workload (paper 002, Sec. VI-D), each from its entity's own stream:
/// the fraction of each edge's capacity available in a slot, uniform in [<paramref name="AvailabilityMin"/>,
/// <paramref name="AvailabilityMax"/>]; every compute stage's cycles times a factor uniform in
/// [1 - <paramref name="ComputeFluctuation"/>, 1 + <paramref name="ComputeFluctuation"/>], unknown to the policy; and the
/// policy's estimate of a device's rate, R exp(<paramref name="ChannelEstimateError"/> z) with z standard normal
/// (imperfect CSI; the emulation uses the true rate). Paper 003's dynamics add the devices' and the cloud's available
/// fractions (what a background load leaves), a background memory load the monitors report, users who come and go,
/// and links that switch between a regular and a weak condition.
/// </summary>
public sealed record DynamicsSpec(double AvailabilityMin, double AvailabilityMax, double ComputeFluctuation, double ChannelEstimateError)
{
    public static readonly DynamicsSpec None = new(1.0, 1.0, 0.0, 0.0);

    /// <summary>Each device's available fraction of its processor in a slot, uniform in the range (a background CPU load of 1 minus it).</summary>
    public (double Min, double Max) DeviceAvailability { get; init; } = (1.0, 1.0);

    /// <summary>The cloud's available fraction of its processor in a slot, uniform in the range.</summary>
    public (double Min, double Max) CloudAvailability { get; init; } = (1.0, 1.0);

    /// <summary>Each node's background memory load in a slot, uniform in the range: the monitors report it; no time depends on it.</summary>
    public (double Min, double Max) MemoryLoad { get; init; } = (0.0, 0.0);

    /// <summary>Users who come and go; null: every device is present every slot.</summary>
    public UserActivitySpec? Users { get; init; }

    /// <summary>Links that switch between two conditions; null: every link keeps its rate.</summary>
    public LinkSwitchingSpec? Links { get; init; }

    public bool VariesAvailability => AvailabilityMin < 1.0;

    public bool VariesDeviceAvailability => DeviceAvailability.Min < 1.0;

    public bool VariesCloudAvailability => CloudAvailability.Min < 1.0;

    public bool VariesMemory => MemoryLoad.Max > 0.0;

    /// <summary>Whether what the monitors report beyond the edges' capacity varies (<see cref="Decisions.MonitoredConditions"/>).</summary>
    public bool VariesMonitored => VariesDeviceAvailability || VariesCloudAvailability || VariesMemory || Links is not null;
}

/// <summary>
/// Each device on or off, a two-state Markov chain per device in slot steps: every device is on in slot 1; from then on
/// an off device comes on with probability <paramref name="JoinProbability"/> and an on one goes off with
/// <paramref name="LeaveProbability"/>. In the long run a device is on a fraction join / (join + leave) of the slots, for
/// 1 / leave slots at a time; join + leave = 1 makes each slot independent. A device that is off generates no task.
/// </summary>
public sealed record UserActivitySpec(double JoinProbability, double LeaveProbability);

/// <summary>
/// Each device's radio link and each edge's link up to the cloud, regular or weak, a two-state Markov chain per link in
/// slot steps: in slot 1 a link is in the condition its scenario rate is; from then on a regular link turns weak with
/// probability <paramref name="ToWeakProbability"/> and a weak one recovers with <paramref name="ToRegularProbability"/>,
/// the link's rate the condition's.
/// </summary>
public sealed record LinkSwitchingSpec(
    double ToWeakProbability,
    double ToRegularProbability,
    double DeviceRegularBps,
    double DeviceWeakBps,
    double UplinkRegularBps,
    double UplinkWeakBps);

public enum DeviceAssignment
{
    /// <summary>Device u lives under edge u mod N.</summary>
    RoundRobin,

    /// <summary>Devices are split into N consecutive blocks.</summary>
    Block,

    /// <summary>Devices are split into consecutive blocks of the sizes <see cref="DeviceSpec.PerEdge"/> gives, edge by edge.</summary>
    PerEdge,
}

/// <param name="PerEdge">Under <see cref="DeviceAssignment.PerEdge"/>, the devices of each edge (summing to <paramref name="Count"/>); otherwise null.</param>
public sealed record DeviceSpec(int Count, DeviceAssignment Assignment, IReadOnlyList<int>? PerEdge = null)
{
    public int LocalEdgeOf(int device, int edges) => Assignment switch
    {
        DeviceAssignment.RoundRobin => device % edges,
        DeviceAssignment.PerEdge => EdgeOfBlock(device),
        _ => (int)((long)device * edges / Count),
    };

    /// <summary>
    /// The same assignment for <paramref name="count"/> devices: a per-edge split keeps each edge's share (largest
    /// remainders, ties to the lower edge), so 15/10/5 becomes 150/100/50 for 300 devices.
    /// </summary>
    public DeviceSpec WithCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (PerEdge is null)
        {
            return this with { Count = count };
        }

        var total = PerEdge.Sum();
        var shares = new int[PerEdge.Count];
        var remainders = new (double Remainder, int Edge)[PerEdge.Count];
        for (var e = 0; e < shares.Length; e++)
        {
            var exact = (double)PerEdge[e] * count / total;
            shares[e] = (int)Math.Floor(exact);
            remainders[e] = (exact - shares[e], e);
        }

        var left = count - shares.Sum();
        foreach (var (_, edge) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Edge).Take(left))
        {
            shares[edge]++;
        }

        return this with { Count = count, PerEdge = shares };
    }

    private int EdgeOfBlock(int device)
    {
        var end = 0;
        for (var e = 0; e < PerEdge!.Count; e++)
        {
            end += PerEdge[e];
            if (device < end)
            {
                return e;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(device), device, $"beyond the {end} devices of devices.per-edge");
    }

    /// <summary>How many devices live under <paramref name="edge"/>: counted from the assignment's arithmetic, not device by device.</summary>
    public int CountInCell(int edge, int edges) => Assignment switch
    {
        // Devices edge, edge + N, edge + 2N, ...
        DeviceAssignment.RoundRobin => edge < Count ? ((Count - 1 - edge) / edges) + 1 : 0,
        DeviceAssignment.PerEdge => PerEdge![edge],

        // Device u is under floor(u N / U): the devices from ceil(e U / N) up to ceil((e + 1) U / N).
        _ => (int)(CeilingDivide((long)(edge + 1) * Count, edges) - CeilingDivide((long)edge * Count, edges)),
    };

    private static long CeilingDivide(long a, long b) => (a + b - 1) / b;
}

/// <summary>
/// Task generation. Each slot a device generates 0..n tasks with arrival offsets inside the slot, by
/// <see cref="Arrivals"/>: <see cref="ArrivalKind.Bernoulli"/> (paper 000: one task with probability
/// <see cref="TaskProbability"/>, at the slot's start), <see cref="ArrivalKind.Poisson"/> (rate
/// <see cref="RatePerSecond"/> per device, exponential gaps) or <see cref="ArrivalKind.Periodic"/> (a frame every
/// <see cref="FrameSeconds"/> from a per-device phase). Each task's input size is uniform in [min, max], its type
/// drawn from its edge's Zipf popularity that evolves with the observed request frequency (learning rate) plus
/// noise; its deadline is uniform in [<see cref="DeadlineSeconds"/>, <see cref="DeadlineMaxSeconds"/>] (fixed when
/// they are equal) and its accuracy requirement uniform in [<see cref="AccuracyRequirementMin"/>,
/// <see cref="AccuracyRequirementMax"/>] (default none: 0), or normal with <see cref="AccuracyRequirementMean"/> and
/// <see cref="AccuracyRequirementSd"/> when that is positive (paper 001). See <see cref="Workload.TaskArrivals"/>.
/// </summary>
public sealed record WorkloadSpec(
    double TaskProbability,
    double InputMinBits,
    double InputMaxBits,
    double ZipfExponent,
    double PopularityLearningRate,
    double PopularityNoise,
    double DeadlineSeconds)
{
    public ArrivalKind Arrivals { get; init; } = ArrivalKind.Bernoulli;

    /// <summary>Poisson arrivals: tasks per device per second.</summary>
    public double RatePerSecond { get; init; }

    /// <summary>Periodic arrivals: the frame period.</summary>
    public double FrameSeconds { get; init; }

    /// <summary>The upper end of the per-task deadline range; equal to <see cref="DeadlineSeconds"/> for a fixed deadline.</summary>
    public double DeadlineMaxSeconds { get; init; } = DeadlineSeconds;

    public double AccuracyRequirementMin { get; init; }

    public double AccuracyRequirementMax { get; init; }

    /// <summary>The mean of a normal accuracy requirement (<c>accuracy-requirement = { mean, sd }</c>).</summary>
    public double AccuracyRequirementMean { get; init; }

    /// <summary>The standard deviation of a normal accuracy requirement; 0 when the requirement is fixed or uniform.</summary>
    public double AccuracyRequirementSd { get; init; }
}

/// <summary>How a device's tasks arrive within a slot (<c>workload.arrivals</c>).</summary>
public enum ArrivalKind
{
    /// <summary>At most one task, at the slot's start, with probability <c>task-probability</c> (paper 000).</summary>
    Bernoulli,

    /// <summary>A Poisson process of <c>rate-per-s</c> per device: exponential gaps from the slot's start.</summary>
    Poisson,

    /// <summary>Frames every <c>frame-ms</c> from a phase drawn once per device (video streams).</summary>
    Periodic,
}

/// <summary>The queue discipline of each kind of resource; the last four only matter when the scenario has those resources.</summary>
public sealed record DisciplineSpec(
    LinkDiscipline Wireless,
    LinkDiscipline Fiber,
    LinkDiscipline Backhaul,
    ComputeDiscipline Edge,
    ComputeDiscipline Device = ComputeDiscipline.Fifo,
    ComputeDiscipline Cloud = ComputeDiscipline.Fifo,
    LinkDiscipline Downlink = LinkDiscipline.Dedicated,
    LinkDiscipline CloudUplink = LinkDiscipline.Dedicated);
