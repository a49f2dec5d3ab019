using Akka.Actor;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;

namespace MecActors.Actors.Protocol;

/// <summary>
/// A cell (one edge server with its devices, radio link, backhaul and the fiber paths leaving it) as a
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
    /// Spawn the edge server and its backhaul; answer <see cref="CellEvents.Built"/>. The devices will be asked for
    /// slots from <paramref name="FirstSlot"/> on.
    /// </summary>
    public sealed record Build(ScenarioSpec Scenario, int Seed, IActorRef Coordinator, int FirstSlot) : ICellCommand;

    /// <summary>
    /// Every edge server and cell of the run: spawn the fiber paths leaving this cell, its radio link and its devices;
    /// answer <see cref="CellEvents.Connected"/>.
    /// </summary>
    public sealed record Connect(IActorRef[] Edges, IActorRef[] Cells) : ICellCommand;

    /// <summary>
    /// Cell to a cell on another node: the wave's fiber batches from the sender's cell to the edge servers of that node,
    /// in one message instead of one per fiber path; the receiving cell hands each to its edge server.
    /// </summary>
    public sealed record Relay(RelayedBatch[] Batches) : ICellCommand;

    /// <summary>
    /// Place the slot's cache <paramref name="Models"/>, then gather the edge's state at <paramref name="Now"/> and every
    /// device's task drawn from <paramref name="Popularity"/>; answer <see cref="CellEvents.Gathered"/>.
    /// </summary>
    public sealed record BeginSlot(int Slot, double Now, double[] Popularity, bool[] Models) : ICellCommand;

    /// <summary>
    /// Hand out the plans of the cell's devices and open the wave to <paramref name="Horizon"/>: the radio link expects
    /// <paramref name="Uploads"/> uploads and the edge <paramref name="EdgeTasks"/> tasks. Answer <see cref="CellEvents.WaveDone"/>.
    /// </summary>
    public sealed record OpenWave(int Slot, double Horizon, TaskPlan[] Plans, int Uploads, int EdgeTasks) : ICellCommand;

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

/// <summary>A fiber path's batch for the edge server <paramref name="Edge"/>.</summary>
public readonly record struct RelayedBatch(IActorRef Edge, TaskCommands.TransitBatch Batch);

/// <summary>What a cell can be told.</summary>
public interface ICellCommand : IMecMessage
{
}

public static class CellEvents
{
    /// <summary>The cell's edge server and backhaul, for the other cells' fiber paths and the cloud.</summary>
    public sealed record Built(int Edge, IActorRef EdgeServer, IActorRef Backhaul) : IMecMessage;

    public sealed record Connected(int Edge) : IMecMessage;

    /// <summary>The cell's node is leaving the cluster; the cell must move.</summary>
    public sealed record Leaving(int Edge) : IMecMessage;

    /// <summary>The slot's task of every device in the cell (or none), and the edge's state.</summary>
    public sealed record Gathered(int Slot, SlotEvents.TaskGenerated[] Tasks, EdgeStatus Status) : IMecMessage;

    /// <summary>
    /// Every resource of the cell has reached the wave's horizon, <paramref name="PendingTasks"/> tasks wait in them
    /// for a later one, and <paramref name="Records"/> are the tasks of the cell's devices that ended meanwhile.
    /// </summary>
    public sealed record WaveDone(int Slot, int Edge, int PendingTasks, TaskRecord[] Records) : IMecMessage;

    /// <summary>Tasks of the cell's devices that ended after the cell's part of the wave was done (their edge was elsewhere).</summary>
    public sealed record TasksReported(TaskRecord[] Records) : IMecMessage;
}
