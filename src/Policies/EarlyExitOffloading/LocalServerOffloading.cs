using MecActors.Core.Decisions;

namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>A fixed baseline of paper 002's system: every task to its own cell's server, at one fixed exit (first or last).</summary>
public sealed class LocalServerOffloading(SystemView system, bool lastExit) : IOffloadingPolicy
{
    private readonly EarlyExitServers _servers = system.Scenario.PolicyParameters.Get<EarlyExitServers>();

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var options = new OffloadOptions(system.Edges, _servers.Exits);
        var exit = lastExit ? _servers.Exits : 1;
        return [.. observation.Tasks.Select(t => options.Decision(options.Index(t.LocalEdge, exit), system, _servers))];
    }

    public void Learn(SlotFeedback feedback)
    {
    }
}
