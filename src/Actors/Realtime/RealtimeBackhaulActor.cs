using Akka.Actor;
using MecActors.Core.Decisions;

namespace MecActors.Actors.Realtime;

/// <summary>The link from the cloud down to one edge in wall time: each model download of a slot is held for its transfer, then announced to the edge.</summary>
public sealed class RealtimeBackhaulActor : ReceiveActor, IWithTimers
{
    private readonly RealtimeClock _clock;
    private readonly WallStation _station;
    private readonly IActorRef _edge;
    private readonly int _models;
    private readonly Dictionary<long, (int ModelId, int Slot)> _inFlight = new();

    public RealtimeBackhaulActor(SystemView system, RealtimeClock clock, IActorRef edge)
    {
        _clock = clock;
        _edge = edge;
        _models = system.Scenario.Models.Count;
        _station = WallStation.ForLink(system.Scenario.Disciplines.Backhaul, system.Scenario.Network.BackhaulRateBps);
        Receive<RealtimeCommands.Download>(OnDownload);
        Receive<RealtimeCommands.ServiceEnded>(OnServiceEnded);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SystemView system, RealtimeClock clock, IActorRef edge) =>
        Akka.Actor.Props.Create(() => new RealtimeBackhaulActor(system, clock, edge));

    private void OnDownload(RealtimeCommands.Download download)
    {
        // The decider lists a slot's downloads in (edge, model) order, the order the virtual backhaul serves them.
        foreach (var d in download.Downloads)
        {
            var key = (long)d.Slot * _models + d.ModelId;
            _inFlight.Add(key, (d.ModelId, d.Slot));
            var (_, end) = _station.Admit(download.ReleasedAt, d.SizeBits);
            Timers.StartSingleTimer(key, new RealtimeCommands.ServiceEnded(key), _clock.TimerUntil(end));
        }
    }

    private void OnServiceEnded(RealtimeCommands.ServiceEnded ended)
    {
        _inFlight.Remove(ended.Key, out var download);
        _edge.Tell(new RealtimeCommands.ModelArrived(download.ModelId, download.Slot));
    }
}
