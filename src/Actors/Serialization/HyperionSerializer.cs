using System.Runtime.Serialization;
using Akka.Actor;
using Hyperion;
using AkkaConfig = Akka.Configuration.Config;
using AkkaSerializer = Akka.Serialization.Serializer;
using HyperionCore = Hyperion.Serializer;

namespace MecActors.Actors.Serialization;

/// <summary>
/// Writes the emulation's messages (everything marked <see cref="Protocol.IMecMessage"/>) with Hyperion.
/// Version tolerance and object-reference tracking are off by default: the fast setting measured in
/// DESIGN.md (~57 B and ~3 us per small record), at the price that every node must run the same build of
/// the message types. Actor refs travel as their serialized path and are resolved by the receiving system.
/// Bound by <c>config/akka-serialization.conf</c> (also <see cref="MecSerialization.Config"/>).
/// </summary>
/// <remarks>
/// One Hyperion serializer is shared by every thread: each call opens its own session, and Hyperion keeps
/// its per-type serializers in concurrent dictionaries (a type still being compiled by one thread is
/// waited for by the others), so concurrent ToBinary/FromBinary calls need no lock here.
/// </remarks>
public sealed class HyperionSerializer : AkkaSerializer
{
    /// <summary>
    /// This serializer's id on the wire. Akka.NET reserves 1-100 for its own serializers (and -5 for its
    /// Hyperion package); 441 is ours and must stay the same on every node.
    /// </summary>
    public const int SerializerId = 441;

    private readonly HyperionCore _hyperion;

    /// <summary>Used by Akka when the binding has no <c>akka.actor.serialization-settings.hyperion</c> section.</summary>
    public HyperionSerializer(ExtendedActorSystem system)
        : this(system, versionTolerance: false, preserveObjectReferences: false)
    {
    }

    /// <summary>
    /// Used by Akka with the <c>akka.actor.serialization-settings.hyperion</c> section: its
    /// <c>version-tolerance</c> and <c>preserve-object-references</c> keys, both off when absent.
    /// </summary>
    public HyperionSerializer(ExtendedActorSystem system, AkkaConfig config)
        : this(
            system,
            config?.GetBoolean("version-tolerance", false) ?? false,
            config?.GetBoolean("preserve-object-references", false) ?? false)
    {
    }

    private HyperionSerializer(ExtendedActorSystem system, bool versionTolerance, bool preserveObjectReferences)
        : base(system)
    {
        ArgumentNullException.ThrowIfNull(system);
        VersionTolerance = versionTolerance;
        PreserveObjectReferences = preserveObjectReferences;
        _hyperion = new HyperionCore(new SerializerOptions(
            versionTolerance: versionTolerance,
            preserveObjectReferences: preserveObjectReferences,
            surrogates: [ActorRefSurrogate.For(system)],
            serializerFactories: null,
            knownTypes: null,
            // Records are written field by field; nothing on the wire goes through ISerializable.
            ignoreISerializable: true,
            packageNameOverrides: null,
            // Hyperion's deny-list of types that can run code when deserialized.
            disallowUnsafeTypes: true,
            typeFilter: null));
    }

    public override int Identifier => SerializerId;

    /// <summary>Hyperion writes the type into the payload, so Akka need not send a manifest.</summary>
    public override bool IncludeManifest => false;

    /// <summary>Whether field names are written with each type (off: nodes must share the message types' build).</summary>
    public bool VersionTolerance { get; }

    /// <summary>Whether shared or cyclic references are tracked (off: a shared object is written once per use).</summary>
    public bool PreserveObjectReferences { get; }

    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        using var stream = new MemoryStream();
        _hyperion.Serialize(obj, stream);
        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, Type type)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return _hyperion.Deserialize(stream);
        }
        catch (Exception e) when (e is not SerializationException)
        {
            throw new SerializationException($"Hyperion could not read a {type?.FullName ?? "message"} ({bytes.Length} bytes): {e.Message}", e);
        }
    }
}
