namespace MecActors.Policies.Orchestration;

/// <summary>
/// The numbering of joint actions in a step where only some devices are active: a joint over the active devices (the
/// first the least significant digit) and its place among the joints of all devices, the inactive ones on their first action.
/// </summary>
internal sealed class JointActions(ActionSpace space, int devices)
{
    private readonly long[] _place = [.. Enumerable.Range(0, devices).Select(space.JointCount)];

    public int Devices { get; } = devices;

    public int PerDevice => space.Count;

    /// <summary>Joint <paramref name="joint"/> of the devices <paramref name="active"/> as a joint of all devices.</summary>
    public long Output(long joint, int[] active)
    {
        if (active.Length == Devices)
        {
            return joint;
        }

        var output = 0L;
        var count = space.Count;
        foreach (var device in active)
        {
            output += (joint % count) * _place[device];
            joint /= count;
        }

        return output;
    }

    /// <summary>Device <paramref name="device"/>'s action in a joint of all devices.</summary>
    public int ActionOf(long output, int device) => (int)(output / _place[device] % space.Count);

    /// <summary>The number of joint actions of <paramref name="activeDevices"/> devices.</summary>
    public long Count(int activeDevices) => space.JointCount(activeDevices);
}
