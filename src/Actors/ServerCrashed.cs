using MecActors.Actors.Protocol;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>
/// Thrown by an edge server's actor at the first slot boundary after its server crashed (the placement of the next
/// slot's caches), so that its supervisor stops it and creates it again (<see cref="CrashRestartStrategy"/>). What the crash
/// destroyed was lost at its start (<see cref="ResourceNode"/> drops the jobs held then); the new instance has a new,
/// empty cache and takes over only <see cref="Carried"/>: the work that reached the server after the crash.
/// </summary>
public sealed class ServerCrashed : Exception
{
    public ServerCrashed(ResourceRef resource, int crashes, SlotCommands.PlaceModels placement, object carried)
        : base($"{resource} crashed; its actor restarts at the start of slot {placement.Slot}")
    {
        Resource = resource;
        Crashes = crashes;
        Placement = placement;
        Carried = carried;
    }

    public ResourceRef Resource { get; }

    /// <summary>The crashes of the server so far, this one included: each restarts the actor once.</summary>
    public int Crashes { get; }

    /// <summary>The placement that found the server crashed: the new instance applies it.</summary>
    public SlotCommands.PlaceModels Placement { get; }

    /// <summary>What the new instance goes on from: the driver's own state of the work that came after the crash.</summary>
    public object Carried { get; }

}
