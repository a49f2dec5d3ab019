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
/// One categorical head per device over (edge, exit) pairs: action a = edge * maxExits + (exit - 1).
/// Exits beyond the task's model are masked (C2), and so is every pair outside the parts the agent learns.
/// A device with no task in the slot has only action 0 open and takes no part in the loss.
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

        ActionsPerDevice = system.Edges * MaxExits;
        Heads = system.Scenario.DeviceCount;
    }

    public int MaxExits { get; }

    public int ActionsPerDevice { get; }

    public int Heads { get; }

    /// <summary>Fills one mask row of Heads x ActionsPerDevice entries and marks which heads have a task.</summary>
    public void Mask(SlotObservation observation, Span<bool> mask, Span<bool> active)
    {
        mask.Clear();
        active.Clear();
        for (var u = 0; u < Heads; u++)
        {
            mask[u * ActionsPerDevice] = true;
        }

        foreach (var task in observation.Tasks)
        {
            var row = mask.Slice(task.Device * ActionsPerDevice, ActionsPerDevice);
            row[0] = false;
            active[task.Device] = true;
            var exits = _system.Scenario.Models[task.ModelId].ExitCount;
            for (var edge = 0; edge < _system.Edges; edge++)
            {
                if ((_parts & LearnedParts.Edge) == 0 && edge != task.LocalEdge)
                {
                    continue;
                }

                for (var exit = 1; exit <= exits; exit++)
                {
                    if ((_parts & LearnedParts.Exit) == 0 && exit != exits)
                    {
                        continue;
                    }

                    row[edge * MaxExits + exit - 1] = true;
                }
            }
        }
    }

    public OffloadDecision Decode(int action) => new(action / MaxExits, action % MaxExits + 1);
}
