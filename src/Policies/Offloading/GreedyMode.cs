namespace MecActors.Policies.Offloading;

/// <summary>
/// Which parts of a decision <see cref="GreedyOffloading"/> optimises. A part left out is fixed:
/// the edge to the task's local edge, the exit to the model's last block.
/// </summary>
[Flags]
public enum GreedyMode
{
    /// <summary>Local edge, last exit: nothing is chosen.</summary>
    None = 0,

    /// <summary>The target edge is chosen among all edges.</summary>
    Edge = 1,

    /// <summary>The exit is chosen in 1..|B_m|.</summary>
    Exit = 2,

    /// <summary>Edge and exit are chosen together.</summary>
    Joint = Edge | Exit,
}
