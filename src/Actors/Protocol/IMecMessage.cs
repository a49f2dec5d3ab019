namespace MecActors.Actors.Protocol;

/// <summary>Marks every message of the emulation protocol; the wire serializer is bound to this interface.</summary>
public interface IMecMessage
{
}
