using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;
using MecActors.Actors.Protocol;

namespace MecActors.Cli.Bench;

/// <summary>
/// An unbounded mailbox that also counts, by type, every protocol message (<see cref="IMecMessage"/>) enqueued
/// to an actor of its actor system. Used only by the message-count check, never while timing: the shared
/// counters would slow the run down.
/// </summary>
public sealed class CountingMailbox : MailboxType, IProducesMessageQueue<CountingMessageQueue>
{
    public CountingMailbox(Settings settings, Config config)
        : base(settings, config)
    {
    }

    /// <summary>The HOCON that makes this the default mailbox of an actor system.</summary>
    public static string DefaultMailboxHocon
    {
        get
        {
            var type = typeof(CountingMailbox);
            return $"akka.actor.default-mailbox.mailbox-type = \"{type.FullName}, {type.Assembly.GetName().Name}\"";
        }
    }

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) =>
        new CountingMessageQueue(system is null ? null : MessageTally.Of(system));
}

/// <summary>The queue of <see cref="CountingMailbox"/>: an <see cref="UnboundedMessageQueue"/> that counts what it is given.</summary>
public sealed class CountingMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    private readonly UnboundedMessageQueue _inner = new();
    private readonly MessageTally? _tally;

    internal CountingMessageQueue(MessageTally? tally)
    {
        _tally = tally;
    }

    public bool HasMessages => _inner.HasMessages;

    public int Count => _inner.Count;

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        _tally?.Add(envelope.Message);
        _inner.Enqueue(receiver, envelope);
    }

    public bool TryDequeue(out Envelope envelope) => _inner.TryDequeue(out envelope);

    public void CleanUp(IActorRef owner, IMessageQueue deadletters) => _inner.CleanUp(owner, deadletters);
}

/// <summary>Protocol messages enqueued in one actor system, by message type name.</summary>
internal sealed class MessageTally
{
    private static readonly ConditionalWeakTable<ActorSystem, MessageTally> Tallies = new();
    private readonly ConcurrentDictionary<Type, StrongBox<long>> _counts = new();

    public static MessageTally Of(ActorSystem system) => Tallies.GetValue(system, _ => new MessageTally());

    public void Add(object message)
    {
        if (message is IMecMessage)
        {
            Interlocked.Increment(ref _counts.GetOrAdd(message.GetType(), _ => new StrongBox<long>()).Value);
        }
    }

    public void Reset() => _counts.Clear();

    public SortedDictionary<string, long> Snapshot()
    {
        var snapshot = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (type, count) in _counts)
        {
            snapshot[type.Name] = Interlocked.Read(ref count.Value);
        }

        return snapshot;
    }
}
