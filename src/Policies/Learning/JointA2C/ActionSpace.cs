using MecActors.Core.Decisions;
using MecActors.Core.Workload;

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
/// One categorical choice per task over its (edge x_u, exit y_u) pairs, N x (largest exit count) actions, so the
/// exit is chosen knowing the edge (the best exit depends on how loaded that edge is). Exits beyond the task's
/// model are masked (C2), and so is every pair outside the parts the agent learns.
/// </summary>
public sealed class ActionSpace
{
    private readonly SystemView _system;
    private readonly LearnedParts _parts;

    public ActionSpace(SystemView system, LearnedParts parts, int maxExits)
    {
        _system = system;
        _parts = parts;
        MaxExits = maxExits;
        Count = system.Edges * maxExits;
    }

    public int MaxExits { get; }

    /// <summary>Actions per task.</summary>
    public int Count { get; }

    /// <summary>Marks the pairs open to <paramref name="task"/> in its mask row.</summary>
    public void Mask(TaskRequest task, Span<bool> row)
    {
        row.Clear();
        var exits = _system.Scenario.Models[task.ModelId].ExitCount;
        for (var edge = 0; edge < _system.Edges; edge++)
        {
            if ((_parts & LearnedParts.Edge) == 0 && edge != task.LocalEdge)
            {
                continue;
            }

            for (var exit = 1; exit <= exits; exit++)
            {
                row[edge * MaxExits + exit - 1] = (_parts & LearnedParts.Exit) != 0 || exit == exits;
            }
        }
    }

    public OffloadDecision Decode(int action) => new(action / MaxExits, action % MaxExits + 1);
}
