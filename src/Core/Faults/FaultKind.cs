namespace MecActors.Core.Faults;

/// <summary>What a fault of a fault plan does to the resources it names (docs/architecture.md, Faults).</summary>
public enum FaultKind : byte
{
    /// <summary>Links carry nothing from the start to the end.</summary>
    LinkDown,

    /// <summary>Links run at their rate times a factor.</summary>
    LinkDegrade,

    /// <summary>Processors run at their capacity times a factor.</summary>
    CapacityDrop,

    /// <summary>An edge server's processor stops: what it holds is lost; it restarts at the end.</summary>
    EdgeCrash,

    /// <summary>Every link to and from the cloud and the cloud's processor are down.</summary>
    CloudUnreachable,

    /// <summary>Each attempt of a transfer is lost with a probability; the sender notices after a timeout and sends again, up to a number of retries.</summary>
    LinkLoss,

    /// <summary>Devices leave from the start (to the end, if any): they bring no tasks, and what they had under way is lost.</summary>
    DeviceLeave,

    /// <summary>Devices join at the start: before it they are not there and bring no tasks.</summary>
    DeviceJoin,
}

/// <summary>What becomes of a task that meets a resource that is down (<c>faults.on-fault</c>).</summary>
public enum FaultResponse : byte
{
    /// <summary>It leaves at once, dropped with the fault as its reason.</summary>
    Drop,

    /// <summary>It waits for the resource to come back and is served then; a crash still loses what the server held.</summary>
    Retry,

    /// <summary>
    /// Decided at a slot's start, a task whose route crosses a resource down then runs at the nearest edge whose route
    /// is up instead (its real delay); a task a fault meets under way is dropped.
    /// </summary>
    Reroute,
}

public static class FaultNames
{
    public static string Of(FaultKind kind) => kind switch
    {
        FaultKind.LinkDown => "link-down",
        FaultKind.LinkDegrade => "link-degrade",
        FaultKind.CapacityDrop => "capacity-drop",
        FaultKind.EdgeCrash => "edge-crash",
        FaultKind.CloudUnreachable => "cloud-unreachable",
        FaultKind.LinkLoss => "link-loss",
        FaultKind.DeviceLeave => "device-leave",
        FaultKind.DeviceJoin => "device-join",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Of(FaultResponse response) => response switch
    {
        FaultResponse.Drop => "drop",
        FaultResponse.Retry => "retry",
        _ => "reroute",
    };
}
