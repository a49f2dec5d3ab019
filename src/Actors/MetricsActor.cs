using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;

namespace MecActors.Actors;

/// <summary>Collects every task record of a run as slots close, and hands the ordered run over at the end.</summary>
public sealed class MetricsActor : ReceiveActor
{
    private readonly List<TaskRecord> _records = new();

    public MetricsActor()
    {
        Receive<MetricsCommands.RecordSlot>(record => _records.AddRange(record.Records));
        Receive<MetricsCommands.Complete>(OnComplete);
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new MetricsActor());

    private void OnComplete(MetricsCommands.Complete complete)
    {
        _records.Sort((a, b) => a.TaskId.CompareTo(b.TaskId));
        complete.ReplyTo.Tell(new RunEvents.RunCompleted(new PolicyRun(complete.Policy, complete.Slots, _records.ToArray()) { Waves = complete.Waves }));
        _records.Clear();
    }
}
