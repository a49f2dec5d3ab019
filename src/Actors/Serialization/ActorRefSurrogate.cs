using Akka.Actor;
using Hyperion;
using AkkaSerialization = Akka.Serialization.Serialization;

namespace MecActors.Actors.Serialization;

/// <summary>
/// An actor ref on the wire: its path with the sender's address (and the actor's uid), turned back into a
/// ref by the receiving system's provider, which yields a local or a remote ref as the address says.
/// </summary>
internal sealed class ActorRefSurrogate
{
    public ActorRefSurrogate(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>The Hyperion surrogate that swaps every <see cref="IActorRef"/> for its path and back, in <paramref name="system"/>.</summary>
    public static Surrogate For(ExtendedActorSystem system) =>
        Surrogate.Create<IActorRef, ActorRefSurrogate>(
            actorRef => new ActorRefSurrogate(AkkaSerialization.SerializedActorPath(actorRef)),
            surrogate => system.Provider.ResolveActorRef(surrogate.Path));
}
