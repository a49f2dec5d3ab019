using Akka.Actor;
using MecActors.Core.Scenarios;

namespace MecActors.Actors.Protocol;

/// <summary>How a submitter hands a run to the cluster's learning coordinator.</summary>
public static class ClusterRunCommands
{
    /// <summary>
    /// Emulate <paramref name="Policy"/> over <paramref name="Scenario"/> on the cluster's cells. Records stream to
    /// <paramref name="Metrics"/> (on the submitter's node) slot by slot; progress and the outcome go to
    /// <paramref name="ReplyTo"/>. <paramref name="Parameters"/> are a learning policy's trained weights, or null; with
    /// <paramref name="KeepLearning"/> a learning policy goes on learning from the run's feedback, slot by slot, as in training.
    /// Every <paramref name="CheckpointEvery"/> slots (0: never) the coordinator writes the run's checkpoint to
    /// <paramref name="CheckpointFile"/>, from which a coordinator given the run again resumes.
    /// </summary>
    public sealed record SubmitRun(
        string RunId,
        ScenarioSpec Scenario,
        string Policy,
        int Slots,
        int Seed,
        byte[]? Parameters,
        IActorRef Metrics,
        IActorRef ReplyTo,
        bool KeepLearning = false,
        int CheckpointEvery = 0,
        string? CheckpointFile = null) : IMecMessage;
}

/// <summary>What the learning coordinator tells a submitter about its run, besides progress and the outcome.</summary>
public static class ClusterRunEvents
{
    /// <summary>
    /// The run's coordinator (the sender) has started it: the submitter watches it from now on. It resumes the run from
    /// its checkpoint of <paramref name="CheckpointSlot"/>, or, with 0, runs it from the first slot, for the reason
    /// <paramref name="NoCheckpoint"/>.
    /// </summary>
    public sealed record RunAccepted(string RunId, int CheckpointSlot = 0, string? NoCheckpoint = null) : IMecMessage;

    /// <summary>The run's coordinator (the sender) has closed every slot and stops; the outcome comes from the metrics actor.</summary>
    public sealed record RunEnded(string RunId) : IMecMessage;
}
