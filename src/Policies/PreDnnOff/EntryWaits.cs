namespace MecActors.Policies.PreDnnOff;

/// <summary>
/// What a task waits for on entering a node or the radio, seconds: each node's backlog (its queued work ahead of the
/// task) and the radio's. Zero for the paper's model, which sees an idle system. A move between the edge and the cloud
/// does not cross the radio.
/// </summary>
public readonly record struct EntryWaits(double DeviceSeconds, double EdgeSeconds, double RadioSeconds, double CloudSeconds = 0.0)
{
    public static EntryWaits None => default;

    /// <summary>The wait on a move from node <paramref name="from"/> (-1: the input, not yet started) to <paramref name="to"/>.</summary>
    public double Entering(int from, int to)
    {
        if (from == to)
        {
            return 0.0;
        }

        var node = to switch
        {
            LayerLatencyModel.Device => DeviceSeconds,
            LayerLatencyModel.Edge => EdgeSeconds,
            _ => CloudSeconds,
        };
        var crossesRadio = (from < 0 || from == LayerLatencyModel.Device) != (to == LayerLatencyModel.Device);
        return crossesRadio ? RadioSeconds + node : node;
    }
}
