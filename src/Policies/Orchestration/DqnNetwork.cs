namespace MecActors.Policies.Orchestration;

/// <summary>The deep agent's Q-network (<c>orchestration.dqn.network</c>).</summary>
public enum DqnNetwork
{
    /// <summary><c>joint-output</c>: the state in, a Q-value per joint action out (<see cref="JointOutputQNetwork"/>).</summary>
    JointOutput,

    /// <summary><c>state-action</c>: the state and one action in, its Q-value out, as Sec. 4.2.2 describes (<see cref="StateActionQNetwork"/>).</summary>
    StateAction,
}
