using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;

namespace MecActors.Actors;

/// <summary>
/// Collects every task record of a run as slots close, and hands the ordered run over at the end. A traced record's
/// stages are not kept: they are streamed to whoever started the run (<see cref="SlotEvents.TasksEnded"/>).
/// </summary>
public sealed class MetricsActor : ReceiveActor
{
    private readonly List<TaskRecord> _records = new();

    public MetricsActor()
    {
        Receive<MetricsCommands.RecordSlot>(record =>
        {
            foreach (var r in record.Records)
            {
                _records.Add(r.Stages is null ? r : r with { Stages = null });
            }
        });
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
