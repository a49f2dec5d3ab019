using MecActors.Core.Decisions;
using MecActors.Core.Randomness;

namespace MecActors.Policies.Offloading;

/// <summary>
/// Random decisions: every task goes to an edge drawn uniformly among all edges and exits after a block
/// drawn uniformly in 1..|B_m| (C2). Draws come from the policy stream of the seed, task by task in
/// observation order (edge first, then exit). Its state is the stream's position.
/// </summary>
public sealed class RandomDecisions : IOffloadingPolicy, IResumablePolicy
{
    private const string StateKind = "random-decisions";

    private readonly RandomStream _random;

    public RandomDecisions(int seed, int stream = 0)
    {
        _random = RandomStream.For(seed, StreamKind.Policy, stream);
    }

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var scenario = observation.System.Scenario;
        var decisions = new OffloadDecision[observation.Tasks.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            var model = scenario.Models[observation.Tasks[i].ModelId];
            var edge = _random.Next(scenario.EdgeCount);
            var exit = _random.Next(1, model.ExitCount + 1);
            decisions[i] = new OffloadDecision(edge, exit);
        }

        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
    }

    public byte[] CaptureState() => StateBytes.Write(StateKind, _random.WriteState);

    public void RestoreState(byte[] state) => StateBytes.Read(state, StateKind, _random.ReadState);
}
