using Akka.Configuration;
using AkkaConfig = Akka.Configuration.Config;

namespace MecActors.Actors.Serialization;

/// <summary>
/// The serializer binding of <c>config/akka-serialization.conf</c>, for code that builds its Akka config in
/// memory: <c>ConfigurationFactory.ParseString(mine).WithFallback(MecSerialization.Config)</c>.
/// </summary>
public static class MecSerialization
{
    /// <summary>The text of <c>config/akka-serialization.conf</c>, character for character (a test compares them).</summary>
    public const string Hocon =
        """
        # How the emulation's messages go on the wire (docs/architecture.md, "Messages on the wire"). Used wherever
        # messages are serialized: between cluster nodes, and locally under akka.actor.serialize-messages = on.
        # Code takes the same text from MecActors.Actors.Serialization.MecSerialization.Config, so it can
        # fall back on it without reading this file; a test keeps the two identical.

        akka.actor {
          serializers {
            # The Akka.Serialization.Hyperion package (wire id -5, the package's own): the same on every node.
            hyperion = "Akka.Serialization.HyperionSerializer, Akka.Serialization.Hyperion"
          }

          serialization-bindings {
            # Only the protocol's marker interface, never System.Object: Akka's own messages keep Akka's
            # serializers, and a message type that lacks the marker falls to Akka's default (JSON) rather than
            # riding on Hyperion unnoticed; the serialization tests find every type that implements the marker.
            "MecActors.Actors.Protocol.IMecMessage, MecActors.Actors" = hyperion
          }

          serialization-settings.hyperion {
            # Off (the package's default is on): no field names in the payload. Smaller and faster (README,
            # "Launching a cluster": measured per message), but every node must run the same build of the message types.
            version-tolerance = off

            # Off (the package's default is on): no reference tracking. Messages are trees of immutable records;
            # an object reached twice is written twice, and cycles are not supported.
            preserve-object-references = off

            # Hyperion's deny-list of types that can run code when deserialized.
            disallow-unsafe-type = on
          }
        }
        """;

    /// <summary><see cref="Hocon"/>, parsed.</summary>
    public static AkkaConfig Config { get; } = ConfigurationFactory.ParseString(Hocon);
}
