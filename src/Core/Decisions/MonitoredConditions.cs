namespace MecActors.Core.Decisions;

/// <summary>
/// What the resource monitors report at a slot's start besides the queues and the edges' available capacity
/// (<see cref="EdgeStatus.CapacityHz"/>): each device's and the cloud's available fraction of its processor, each
/// edge's link up to the cloud as a fraction of its scenario rate, and each node's background memory load.
/// <see cref="Nominal"/> when nothing of it varies: everything available, every link at its rate, no memory load.
/// </summary>
public sealed record MonitoredConditions(
    IReadOnlyList<double> DeviceAvailability,
    double CloudAvailability,
    IReadOnlyList<double> UplinkFactor,
    IReadOnlyList<double> DeviceMemoryLoad,
    IReadOnlyList<double> EdgeMemoryLoad,
    double CloudMemoryLoad)
{
    public static MonitoredConditions Nominal { get; } = new([], 1.0, [], [], [], 0.0);

    public double DeviceAvailable(int device) => device < DeviceAvailability.Count ? DeviceAvailability[device] : 1.0;

    /// <summary>Edge <paramref name="edge"/>'s link to the cloud this slot over its scenario rate.</summary>
    public double Uplink(int edge) => edge < UplinkFactor.Count ? UplinkFactor[edge] : 1.0;

    public double DeviceMemory(int device) => device < DeviceMemoryLoad.Count ? DeviceMemoryLoad[device] : 0.0;

    public double EdgeMemory(int edge) => edge < EdgeMemoryLoad.Count ? EdgeMemoryLoad[edge] : 0.0;
}
