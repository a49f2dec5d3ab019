using MecActors.Core.Emulation;

namespace MecActors.Actors.Protocol;

public static class ModelCommands
{
    /// <summary>Cloud to an edge's backhaul: the models to send down in this wave.</summary>
    public sealed record DownloadBatch(int Slot, double Horizon, ModelDownload[] Downloads) : IMecMessage;
}

public static class ModelEvents
{
    /// <summary>Backhaul to its edge: the downloads that arrived in this wave.</summary>
    public sealed record ModelBatch(int Slot, double Horizon, ModelArrival[] Arrivals) : IMecMessage;
}
