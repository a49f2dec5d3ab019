using MecActors.Core.Decisions;

namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// The exact optimum of every slot of paper 002 (<see cref="ExactSlotSolver"/>) over every (server, exit), on the
/// observation's estimates: the reference of the normalised reward, eq. (17).
/// </summary>
public sealed class ExhaustiveOffloading : IOffloadingPolicy
{
    private readonly EarlyExitServers _servers;
    private readonly SystemView _system;

    public ExhaustiveOffloading(SystemView system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _servers = system.Scenario.PolicyParameters.Get<EarlyExitServers>();
    }

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        var problem = new SlotProblem(observation, _servers);
        var (options, _) = ExactSlotSolver.Solve(problem, problem.Options.Allowed(lastExitOnly: false));
        return [.. options.Select(o => problem.Options.Decision(o, _system, _servers))];
    }

    public void Learn(SlotFeedback feedback)
    {
    }
}
