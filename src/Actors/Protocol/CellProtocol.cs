using Akka.Actor;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;

namespace MecActors.Actors.Protocol;

/// <summary>
/// A cell (the resources of one edge, see <see cref="SystemResources.OfCell"/>, and the devices in its cell) as a
/// sharded entity. The run's coordinator builds a cell through the shard region and then talks to it directly, never
/// to the actors inside it; the cell fans each command out to its actors and sends one answer back, so cross-node
/// traffic is a few messages per slot.
/// </summary>
public static class CellCommands
{
    /// <summary>
    /// Coordinator to cell through the shard region: what it carries is delivered to the cell of <paramref name="Edge"/>
    /// in run <paramref name="RunId"/>, built for the <paramref name="Generation"/>-th time (cells are rebuilt when a node leaves).
    /// </summary>
    public sealed record Envelope(string RunId, int Generation, int Edge, ICellCommand Message) : IMecMessage
    {
        public string EntityId => $"{RunId}.{Generation}.{Edge}";
    }

    /// <summary>
    /// Spawn the cell's resources; answer <see cref="CellEvents.Built"/>. The devices will be asked for slots from
    /// <paramref name="FirstSlot"/> on.
    /// </summary>
    public sealed record Build(ScenarioSpec Scenario, int Seed, IActorRef Coordinator, int FirstSlot) : ICellCommand;

    /// <summary>Every cell of the run, by edge: spawn the devices; answer <see cref="CellEvents.Connected"/>.</summary>
    public sealed record Connect(IActorRef[] Cells) : ICellCommand;

    /// <summary>
    /// Cell to a cell on another node: the batches of one pass from the sender's resources to resources of that node,
    /// in one message instead of one per link; the receiving cell hands each to the cell holding its resource.
    /// </summary>
    public sealed record Relay(RelayedBatch[] Batches) : ICellCommand;

    /// <summary>Cell to cell on the same node: a batch for one of the receiver's resources.</summary>
    public sealed record Deliver(RelayedBatch Batch) : ICellCommand;

    /// <summary>Cell to the cell of a device: a task of that device has finished at the sender's resource.</summary>
    public sealed record ToDevice(int Device, TaskEvents.TaskFinished Finished) : ICellCommand;

    /// <summary>
    /// Place the slot's cache <paramref name="Models"/>, then gather the edge's state at <paramref name="Now"/> and every
    /// device's task drawn from <paramref name="Popularity"/>; answer <see cref="CellEvents.Gathered"/>.
    /// </summary>
    public sealed record BeginSlot(int Slot, double Now, double[] Popularity, bool[] Models) : ICellCommand;

    /// <summary>
    /// Hand out the plans of the cell's devices and open wave <paramref name="Wave"/> to <paramref name="Horizon"/> for
    /// the cell's resources that take part, with their <paramref name="Roles"/>. Answer <see cref="CellEvents.WaveDone"/>
    /// once each pass is done.
    /// </summary>
    public sealed record OpenWave(long Wave, int Slot, double Horizon, TaskPlan[] Plans, WaveRole[] Roles, bool Cyclic) : ICellCommand;

    /// <summary>Pass <paramref name="Pass"/> of a cyclic wave, for the cell's resources taking part.</summary>
    public sealed record NextPass(long Wave, int Pass) : ICellCommand;

    /// <summary>A cyclic wave's last pass stands.</summary>
    public sealed record CommitWave(long Wave) : ICellCommand;

    /// <summary>
    /// The shard region to the cell: its node is leaving. The cell tells the coordinator and keeps working until the
    /// coordinator has drained the system and retires it.
    /// </summary>
    public sealed record HandOff : ICellCommand
    {
        public static readonly HandOff Instance = new();
    }

    /// <summary>The run is over, failed, or moves its cells: stop the cell and everything in it.</summary>
    public sealed record Retire : ICellCommand
    {
        public static readonly Retire Instance = new();
    }
}

/// <summary>What <paramref name="Resource"/> holds past a wave's horizon.</summary>
public readonly record struct ResourceQueueReport(ResourceRef Resource, QueueReport Report);

/// <summary>A batch for resource <paramref name="To"/>.</summary>
public readonly record struct RelayedBatch(ResourceRef To, TaskCommands.TransitBatch Batch);

/// <summary>What a cell can be told.</summary>
public interface ICellCommand : IMecMessage
{
}

public static class CellEvents
{
    /// <summary>The cell's resources are there.</summary>
    public sealed record Built(int Edge) : IMecMessage;

    public sealed record Connected(int Edge) : IMecMessage;

    /// <summary>The cell's node is leaving the cluster; the cell must move.</summary>
    public sealed record Leaving(int Edge) : IMecMessage;

    /// <summary>The slot's task of every device in the cell (or none), and the edge's state.</summary>
    public sealed record Gathered(int Slot, SlotEvents.TaskGenerated[] Tasks, EdgeStatus Status) : IMecMessage;

    /// <summary>
    /// Every resource of the cell taking part has reached the wave's horizon in pass <paramref name="Pass"/>,
    /// <paramref name="PendingTasks"/> tasks wait in them for a later wave, <paramref name="BackLinksChanged"/> says
    /// whether a back link carried something new, <paramref name="Records"/> are the tasks of the cell's devices that
    /// ended meanwhile, and <paramref name="Queues"/> the reports of those resources that hold work past the horizon
    /// (the others are idle).
    /// </summary>
    public sealed record WaveDone(long Wave, int Edge, int Pass, int PendingTasks, bool BackLinksChanged, TaskRecord[] Records, ResourceQueueReport[] Queues) : IMecMessage;

    /// <summary>Tasks of the cell's devices that ended after the cell's part of the wave was done (their edge was elsewhere).</summary>
    public sealed record TasksReported(TaskRecord[] Records) : IMecMessage;
}
