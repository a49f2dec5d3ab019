using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>Published on the event stream once a crashed server's actor has been created again, before slot <paramref name="Slot"/>.</summary>
public sealed record ServerRestarted(ResourceRef Resource, int Crashes, int Slot);
