using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// S_tau of eq. (3), paper 003, discretised as Table 3, from what the resource monitors see at a step's start: per
/// device whether it is active (has a request), its CPU available or busy (work still queued on it, or a background
/// load of at least <see cref="OrchestrationSettings.BusyLoad"/>), its memory available or busy (a background memory
/// load of at least that) and its bandwidth regular or weak (its request's rate); the edge's and the cloud's CPU
/// utilisation in nine levels (the share of their capacity unavailable or already committed to queued work over one
/// step), memory likewise, and bandwidth (the edge's link up to the cloud this step; the cloud's is regular). A device
/// without a request this step is not part of its decision: its components other than "active" are 0.
/// </summary>
public sealed class ResourceState
{
    public const int CpuLevels = 9;

    private const int PerDevice = 4;
    private const int PerServer = 3;

    private ResourceState(int[] values, long key)
    {
        Values = values;
        Key = key;
    }

    /// <summary>The discrete components, devices first (active, cpu, memory, bandwidth), then edge and cloud (cpu level, memory, bandwidth).</summary>
    public IReadOnlyList<int> Values { get; }

    /// <summary>A number naming the state (mixed radix over <see cref="Values"/>).</summary>
    public long Key { get; }

    /// <summary>The length of <see cref="Features"/> for a scenario of <paramref name="devices"/> devices.</summary>
    public static int FeatureCount(int devices) => (devices * PerDevice) + (2 * PerServer);

    /// <summary>The index of device <paramref name="device"/>'s "active" component in <see cref="Values"/> and <see cref="Features"/>.</summary>
    public static int ActiveIndex(int device) => device * PerDevice;

    /// <summary>The components scaled to [0, 1], as a network's input.</summary>
    public void Features(Span<double> into)
    {
        var devices = (Values.Count - (2 * PerServer)) / PerDevice;
        for (var i = 0; i < Values.Count; i++)
        {
            var isCpuLevel = i >= devices * PerDevice && (i - (devices * PerDevice)) % PerServer == 0;
            into[i] = isCpuLevel ? Values[i] / (double)(CpuLevels - 1) : Values[i];
        }
    }

    public static ResourceState Of(SlotObservation observation, OrchestrationSettings settings)
    {
        var scenario = observation.System.Scenario;
        var devices = scenario.DeviceCount;
        var monitored = observation.Monitored;
        var busy = settings.BusyLoad;
        var values = new int[FeatureCount(devices)];
        foreach (var task in observation.Tasks)
        {
            var at = task.Device * PerDevice;
            var queued = !observation.Queues.Of(ResourceRef.DeviceCompute(task.Device)).Idle;
            values[at] = 1;
            values[at + 1] = queued || 1.0 - monitored.DeviceAvailable(task.Device) >= busy ? 1 : 0;
            values[at + 2] = monitored.DeviceMemory(task.Device) >= busy ? 1 : 0;
            values[at + 3] = task.UplinkRateBps >= settings.RegularBps * (1 - 1e-9) ? 0 : 1;
        }

        var edge = observation.Edges[0];
        var nominal = scenario.Edges[0].CapacityHz;
        var edgeBusy = Math.Max(1.0 - (edge.CapacityHz / nominal), observation.Queues.Of(ResourceRef.EdgeCompute(0)).BacklogSeconds / scenario.SlotSeconds);
        var cloudBusy = Math.Max(1.0 - monitored.CloudAvailability, observation.Queues.Of(ResourceRef.CloudCompute()).BacklogSeconds / scenario.SlotSeconds);
        var server = devices * PerDevice;
        values[server] = Level(edgeBusy);
        values[server + 1] = monitored.EdgeMemory(0) >= busy ? 1 : 0;
        values[server + 2] = scenario.Cloud!.UplinkRateBps * monitored.Uplink(0) >= settings.EdgeRegularBps * (1 - 1e-9) ? 0 : 1;
        values[server + PerServer] = Level(cloudBusy);
        values[server + PerServer + 1] = monitored.CloudMemoryLoad >= busy ? 1 : 0;

        var key = 0L;
        for (var i = 0; i < values.Length; i++)
        {
            var radix = i >= server && (i - server) % PerServer == 0 ? CpuLevels : 2;
            key = (key * radix) + values[i];
        }

        return new ResourceState(values, key);
    }

    private static int Level(double utilisation) => Math.Clamp((int)Math.Floor(utilisation * CpuLevels), 0, CpuLevels - 1);
}
