using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>
/// An edge server actor's model cache and the crashes it has restarted from, the same under every clock. The next
/// slot's placement is the slot boundary at which a crash restarts the actor (<see cref="ServerCrashed"/>): between
/// slots no wave is under way and every message of the next slot follows the placement. A new instance starts with a
/// new, empty cache.
/// </summary>
public sealed class ServerCache
{
    private readonly ModelCache _cache;
    private readonly double _slotSeconds;
    private int _crashes;

    public ServerCache(SystemView system, int edge)
    {
        _cache = new ModelCache(system, edge);
        _slotSeconds = system.Scenario.SlotSeconds;
    }

    public EdgeStatus Status(double now, double processorFreeAt) => _cache.Status(now, processorFreeAt);

    /// <summary>Places the next slot's models, or throws <see cref="ServerCrashed"/> carrying <paramref name="carried"/> when the server has crashed since.</summary>
    public void Place(SlotCommands.PlaceModels place, ResourceNode server, object carried)
    {
        var crashes = server.CrashesBefore((place.Slot - 1) * _slotSeconds);
        if (crashes > _crashes)
        {
            throw new ServerCrashed(server.Resource, crashes, place, carried);
        }

        _cache.Place(place.Models, server.DownIn(place.Slot - 1, _slotSeconds));
    }

    /// <summary>In the new instance: the crash is restarted from, its placement applied, and the restart announced on the event stream.</summary>
    public void Restarted(ServerCrashed crashed, ResourceNode server, IActorContext context)
    {
        _crashes = crashed.Crashes;
        Place(crashed.Placement, server, crashed.Carried);
        context.System.EventStream.Publish(new ServerRestarted(server.Resource, _crashes, crashed.Placement.Slot));
    }
}
