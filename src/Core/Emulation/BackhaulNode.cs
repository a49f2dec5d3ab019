using MecActors.Core.Decisions;
using MecActors.Core.Queueing;

namespace MecActors.Core.Emulation;

/// <summary>The backhaul from the cloud to one edge, carrying model downloads.</summary>
public sealed class BackhaulNode
{
    private readonly IStation _station;
    private readonly Dictionary<long, ModelDownload> _inFlight = new();
    private readonly List<Departure> _departures = new();
    private readonly int _models;

    public BackhaulNode(SystemView system, int edge)
    {
        Edge = edge;
        _models = system.Scenario.Models.Count;
        _station = StationFactory.Create(system, ResourceRef.Backhaul(edge));
    }

    public int Edge { get; }

    public int Pending => _inFlight.Count;

    public void Request(ModelDownload download)
    {
        var id = (long)download.Slot * _models + download.ModelId;
        _inFlight.Add(id, download);
        _station.Arrive(new Job(id, download.RequestTime, download.SizeBits, download.Slot));
    }

    public void Advance(double horizon, List<ModelArrival> output)
    {
        _departures.Clear();
        _station.Advance(horizon, _departures);
        foreach (var d in _departures)
        {
            var download = _inFlight[d.Id];
            _inFlight.Remove(d.Id);
            output.Add(new ModelArrival(download.ModelId, download.Slot, d.End));
        }
    }
}
