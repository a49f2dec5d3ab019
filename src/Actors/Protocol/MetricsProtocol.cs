using Akka.Actor;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;

namespace MecActors.Actors.Protocol;

public static class MetricsCommands
{
    /// <summary>Coordinator to metrics: a closed slot's records, credited to the slot that decided them.</summary>
    public sealed record RecordSlot(int Slot, IReadOnlyList<TaskRecord> Records) : IMecMessage
    {
        public static RecordSlot Of(SlotFeedback feedback) => new(feedback.Slot, feedback.Records);
    }

    /// <summary>Coordinator to metrics: the run is over; send the whole run to <paramref name="ReplyTo"/>.</summary>
    public sealed record Complete(string Policy, int Slots, IActorRef ReplyTo, WaveTraffic? Waves = null) : IMecMessage;
}
