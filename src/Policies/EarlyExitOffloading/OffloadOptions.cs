using MecActors.Core.Decisions;

namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// The choices of a task in paper 002: a (server, exit) pair, numbered server x exits + (exit - 1), merged into one
/// step as in Sec. V-C. A policy without early exits keeps only the last exit of each server.
/// </summary>
public sealed class OffloadOptions
{
    public OffloadOptions(int servers, int exits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(exits, 1);
        Servers = servers;
        Exits = exits;
    }

    public int Servers { get; }

    public int Exits { get; }

    public int Count => Servers * Exits;

    public int Index(int server, int exit) => (server * Exits) + exit - 1;

    public (int Server, int Exit) Of(int option) => (option / Exits, (option % Exits) + 1);

    /// <summary>The options a policy may take: all of them, or with <paramref name="lastExitOnly"/> one per server.</summary>
    public int[] Allowed(bool lastExitOnly) =>
        lastExitOnly ? [.. Enumerable.Range(0, Servers).Select(n => Index(n, Exits))] : [.. Enumerable.Range(0, Count)];

    /// <summary>
    /// The decision of <paramref name="option"/>: run to its exit at its server, stated as one edge piece of the
    /// kind's time x the core's Hz (the time is not cycles over a capacity) whose small result returns for free.
    /// </summary>
    public OffloadDecision Decision(int option, SystemView system, EarlyExitServers servers)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(servers);
        var (server, exit) = Of(option);
        var cycles = servers.Seconds(server, exit) * system.CoreHz(NodeKind.Edge, server);
        return new OffloadDecision(server, exit) { Pieces = [new Piece(NodeKind.Edge, cycles, 0.0)] };
    }
}
