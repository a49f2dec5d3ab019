using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// The function approximator of <see cref="DqnOrchestration"/>: Q(S, A) for a Table 3 state and a joint action. Joint
/// actions are numbered over the state's active devices (device order, the first device the least significant digit);
/// a record's joint is over all devices, the inactive ones on their first action (<see cref="JointActions.Output"/>).
/// </summary>
internal interface IQNetwork
{
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>For each state, the joint action of its <paramref name="active"/> devices of largest Q (ties: the lowest joint), and that Q.</summary>
    (long Joint, double Q)[] Best(IReadOnlyList<double[]> states, IReadOnlyList<int[]> active);

    /// <summary>One optimiser step on the mean squared error between Q(state, output) and the targets; returns the loss before the step.</summary>
    double Train(IReadOnlyList<double[]> states, IReadOnlyList<long> outputs, double[] targets);

    /// <summary>The weights were set from outside (a checkpoint loaded): forget anything computed from the old ones.</summary>
    void WeightsLoaded();
}
