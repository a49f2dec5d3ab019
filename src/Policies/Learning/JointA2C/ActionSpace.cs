using MecActors.Core.Decisions;

namespace MecActors.Policies.Learning.JointA2C;

/// <summary>Which parts of A(t) = {X(t), Y(t)} the agent chooses; the rest is fixed, as in the paper's A2C baselines.</summary>
[Flags]
public enum LearnedParts
{
    /// <summary>The edge is fixed to the device's local edge.</summary>
    Exit = 1,

    /// <summary>The exit is fixed to the last block.</summary>
    Edge = 2,

    Joint = Exit | Edge,
}

/// <summary>
/// Two categorical heads per device: its edge x_u (N actions) and its exit y_u (up to the largest exit
/// count), so what is learned about exits is shared across edges. Exits beyond the task's model are masked
/// (C2), and so is every choice outside the parts the agent learns. A device with no task in the slot has
/// only action 0 open in both heads, which then take no part in the loss.
/// </summary>
public sealed class ActionSpace
{
    private readonly SystemView _system;
    private readonly LearnedParts _parts;

    public ActionSpace(SystemView system, LearnedParts parts)
    {
        _system = system;
        _parts = parts;
        foreach (var model in system.Scenario.Models.Types)
        {
            MaxExits = Math.Max(MaxExits, model.ExitCount);
        }

        Devices = system.Scenario.DeviceCount;
        HeadSizes = new int[2 * Devices];
        for (var u = 0; u < Devices; u++)
        {
            HeadSizes[EdgeHead(u)] = system.Edges;
            HeadSizes[ExitHead(u)] = MaxExits;
        }

        ActionsPerDevice = system.Edges + MaxExits;
    }

    public int MaxExits { get; }

    public int Devices { get; }

    /// <summary>Logits per device: its edge head, then its exit head.</summary>
    public int ActionsPerDevice { get; }

    public int[] HeadSizes { get; }

    public static int EdgeHead(int device) => 2 * device;

    public static int ExitHead(int device) => 2 * device + 1;

    /// <summary>Fills one mask row (all heads' logits, device by device) and marks which devices have a task.</summary>
    public void Mask(SlotObservation observation, Span<bool> mask, Span<bool> active)
    {
        mask.Clear();
        active.Clear();
        var edges = _system.Edges;
        for (var u = 0; u < Devices; u++)
        {
            mask[u * ActionsPerDevice] = true;
            mask[u * ActionsPerDevice + edges] = true;
        }

        foreach (var task in observation.Tasks)
        {
            var row = mask.Slice(task.Device * ActionsPerDevice, ActionsPerDevice);
            active[task.Device] = true;
            var edgeRow = row[..edges];
            var exitRow = row[edges..];
            edgeRow.Clear();
            exitRow.Clear();
            for (var edge = 0; edge < edges; edge++)
            {
                edgeRow[edge] = (_parts & LearnedParts.Edge) != 0 || edge == task.LocalEdge;
            }

            var exits = _system.Scenario.Models[task.ModelId].ExitCount;
            for (var exit = 1; exit <= exits; exit++)
            {
                exitRow[exit - 1] = (_parts & LearnedParts.Exit) != 0 || exit == exits;
            }
        }
    }

    /// <summary>The decision of device <paramref name="device"/> from the chosen action of every head.</summary>
    public static OffloadDecision Decode(int[] actions, int device) => new(actions[EdgeHead(device)], actions[ExitHead(device)] + 1);
}
