using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Faults;

/// <summary>
/// One fault of a plan: what it does, to what, from <paramref name="Start"/> to <paramref name="End"/> (seconds of
/// simulated time; infinity: to the end of the run).
/// </summary>
/// <param name="Factor">The capacity factor of a degradation or capacity drop, in (0, 1); 0 for the faults that take resources down.</param>
public sealed record FaultSpec(FaultKind Kind, FaultTarget Target, double Start, double End, double Factor = 0.0)
{
    /// <summary>A link-loss's loss probability per attempt, its detection timeout and its retries.</summary>
    public LossSpec? Loss { get; init; }

    public string Name => FaultNames.Of(Kind);

    /// <summary>Whether the fault takes the resources it names down (rather than slowing them).</summary>
    public bool TakesDown => Kind is FaultKind.LinkDown or FaultKind.EdgeCrash or FaultKind.CloudUnreachable or FaultKind.DeviceLeave;

    /// <summary>When the fault is in force: from its start to its end, but a device's absence before it joins.</summary>
    public (double From, double To) Window => Kind == FaultKind.DeviceJoin ? (0.0, Start) : (Start, End);

    /// <summary>Whether the fault is about devices being there (leave, join) rather than about resources.</summary>
    public bool IsPresence => Kind is FaultKind.DeviceLeave or FaultKind.DeviceJoin;

    /// <summary>The resources it acts on: a device that leaves takes its own processor and transmitter with it; one that joins, none.</summary>
    public bool Names(ResourceRef resource, ScenarioSpec scenario) => Kind switch
    {
        FaultKind.CloudUnreachable => resource.Kind is ResourceKind.CloudUplink or ResourceKind.Backhaul or ResourceKind.CloudCompute,
        FaultKind.DeviceLeave => resource.Kind is ResourceKind.DeviceCompute or ResourceKind.Transmitter && (Target.A is null || Target.A == resource.A),
        FaultKind.DeviceJoin => false,
        _ => Target.Names(resource, scenario),
    };

    /// <summary>Whether device <paramref name="device"/> is away at <paramref name="t"/> under this fault.</summary>
    public bool HasAway(int device, double t) => (Target.A is null || Target.A == device) && Kind switch
    {
        FaultKind.DeviceLeave => t >= Start && t < End,
        FaultKind.DeviceJoin => t < Start,
        _ => false,
    };

    public override string ToString() => Kind == FaultKind.CloudUnreachable ? Name : $"{Name} {Target}";
}

/// <summary>
/// The faults a run injects (a scenario's <c>faults</c> section, or <c>--faults FILE</c>), and what becomes of the
/// tasks that meet a resource that is down. Every driver applies it through the resources' own semantics
/// (<see cref="ResourceNode"/>), so the same plan gives the same records under every clock.
/// </summary>
public sealed record FaultPlan(IReadOnlyList<FaultSpec> Faults, FaultResponse OnFault)
{
    public static readonly FaultPlan None = new([], FaultResponse.Drop);

    public bool IsEmpty => Faults.Count == 0;

    /// <summary>Whether a fault loses transfers (plans then carry the run seed their losses are drawn under).</summary>
    public bool LosesTransfers => Faults.Any(f => f.Loss is not null);

    /// <summary>What the plan does to <paramref name="resource"/>; null when no fault names it.</summary>
    public ResourceFaults? For(ResourceRef resource, ScenarioSpec scenario)
    {
        List<Outage>? outages = null;
        List<Degradation>? degradations = null;
        List<LossWindow>? losses = null;
        foreach (var fault in Faults)
        {
            if (!fault.Names(resource, scenario))
            {
                continue;
            }

            if (fault.Loss is { } loss)
            {
                (losses ??= []).Add(new LossWindow(fault.Start, fault.End, loss));
            }
            else if (fault.TakesDown)
            {
                (outages ??= []).Add(new Outage(
                    fault.Start, fault.End, fault.Name, fault.Kind is FaultKind.EdgeCrash or FaultKind.DeviceLeave, Restarts: fault.Kind == FaultKind.EdgeCrash));
            }
            else
            {
                (degradations ??= []).Add(new Degradation(fault.Start, fault.End, fault.Factor));
            }
        }

        return outages is null && degradations is null && losses is null
            ? null
            : new ResourceFaults(outages ?? [], degradations ?? [], OnFault, losses ?? [], scenario.Episode);
    }

    /// <summary>Whether device <paramref name="device"/> is away at <paramref name="t"/>: it has left, or not joined yet.</summary>
    public bool IsAway(int device, double t)
    {
        foreach (var fault in Faults)
        {
            if (fault.IsPresence && fault.HasAway(device, t))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How a task ended, under the plan: one that ends while its device is away is lost with it (dropped as
    /// device-leave: no one is there to take the result).
    /// </summary>
    public TaskRecord Settle(TaskRecord record)
    {
        if (IsEmpty || record.Outcome == TaskOutcome.Dropped || !IsAway(record.Device, record.End))
        {
            return record;
        }

        return record with { Outcome = TaskOutcome.Dropped, DropReason = FaultNames.Of(FaultKind.DeviceLeave), Accuracy = 0.0 };
    }

    /// <summary>The resources among <paramref name="resources"/> that are down at <paramref name="t"/>, in their order.</summary>
    public IReadOnlyList<ResourceRef> DownAt(double t, IReadOnlyList<ResourceRef> resources, ScenarioSpec scenario)
    {
        if (IsEmpty)
        {
            return [];
        }

        var down = new List<ResourceRef>();
        foreach (var resource in resources)
        {
            foreach (var fault in Faults)
            {
                if (fault.TakesDown && t >= fault.Start && t < fault.End && fault.Names(resource, scenario))
                {
                    down.Add(resource);
                    break;
                }
            }
        }

        return down;
    }
}

/// <summary>Each attempt is lost with <paramref name="Probability"/>; a loss is noticed <paramref name="TimeoutSeconds"/> after the attempt ends, and the transfer is sent again up to <paramref name="Retries"/> times.</summary>
public sealed record LossSpec(double Probability, double TimeoutSeconds, int Retries);

/// <summary>A link-loss in force from <paramref name="Start"/> to <paramref name="End"/>: it applies to attempts that start then.</summary>
public sealed record LossWindow(double Start, double End, LossSpec Loss);
