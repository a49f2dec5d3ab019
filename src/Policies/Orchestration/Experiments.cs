namespace MecActors.Policies.Orchestration;

/// <summary>
/// Paper 003's Table 5: the network condition of end devices S1..S5 and of the edge in each experiment. The cloud is
/// always regular.
/// </summary>
public static class Experiments
{
    public const int DevicesCovered = 5;

    private const NetworkCondition R = NetworkCondition.Regular;
    private const NetworkCondition W = NetworkCondition.Weak;

    private static readonly (string Name, NetworkCondition[] Devices, NetworkCondition Edge)[] Table =
    [
        ("A", [R, R, R, R, R], R),
        ("B", [R, W, R, W, R], W),
        ("C", [W, W, W, R, R], R),
        ("D", [W, W, W, W, W], W),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(row => row.Name)];

    public static bool IsKnown(string name) => Array.Exists(Table, row => row.Name == name);

    /// <summary>Device <paramref name="device"/>'s connection (0 = S1).</summary>
    public static NetworkCondition Device(string experiment, int device) => Row(experiment).Devices[device];

    public static NetworkCondition Edge(string experiment) => Row(experiment).Edge;

    private static (string Name, NetworkCondition[] Devices, NetworkCondition Edge) Row(string experiment) =>
        Array.Find(Table, row => row.Name == experiment) is { Name: not null } row
            ? row
            : throw new ArgumentException($"unknown experiment '{experiment}'; known: {string.Join(", ", Names)}", nameof(experiment));
}
