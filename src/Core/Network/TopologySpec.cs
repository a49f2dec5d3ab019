namespace MecActors.Core.Network;

public enum TopologyKind
{
    Line,
    Ring,
    FullMesh,
    Adjacency,
}

/// <summary>How edges are joined by fiber. <see cref="Adjacency"/> is used only for <see cref="TopologyKind.Adjacency"/>.</summary>
public sealed record TopologySpec(TopologyKind Kind, IReadOnlyList<IReadOnlyList<int>>? Adjacency = null)
{
    public static string NameOf(TopologyKind kind) => kind switch
    {
        TopologyKind.Line => "line",
        TopologyKind.Ring => "ring",
        TopologyKind.FullMesh => "full-mesh",
        _ => "adjacency",
    };
}
