using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using MecActors.Actors.Serialization;
using Xunit;

namespace MecActors.Actors.Tests.Serialization;

internal static class SerializationSupport
{
    /// <summary>An actor system with the protocol bound to Hyperion, as config/akka-serialization.conf binds it.</summary>
    public static Config Bound => MecSerialization.Config;

    /// <summary><see cref="Bound"/>, and every local message serialized and deserialized on its way, as cluster tests run.</summary>
    public static Config SerializeMessages =>
        ConfigurationFactory.ParseString(
            """
            akka.actor.serialize-messages = on
            akka.actor.serialize-creators = off
            """).WithFallback(MecSerialization.Config);

    /// <summary>The repository root, found by walking up from the test binaries to MecActors.sln.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>
    /// Writes <paramref name="message"/> with the serializer the actor system picks for it (asserting that
    /// it is ours) and reads it back.
    /// </summary>
    public static object RoundTrip(ActorSystem system, object message, out byte[] bytes)
    {
        var serializer = Assert.IsType<HyperionSerializer>(system.Serialization.FindSerializerFor(message));
        bytes = serializer.ToBinary(message);
        return serializer.FromBinary(bytes, message.GetType());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MecActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MecActors.sln not found above {AppContext.BaseDirectory}");
    }
}
