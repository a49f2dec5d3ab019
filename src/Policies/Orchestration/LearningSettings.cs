namespace MecActors.Policies.Orchestration;

/// <summary>
/// An agent's hyper-parameters (paper 003, Table 7 and Sec. 5.4): learning rate, discount, and per number of users
/// (entry N - 1) the epsilon decay and, for the deep agent, the width of its two hidden layers, its network, and whether
/// the joint-output network's output layer (a Q-value per joint action) moves by lazy Adam instead of Adam.
/// </summary>
public sealed record LearningSettings(double LearningRate, double Discount, IReadOnlyList<double> EpsilonDecay, IReadOnlyList<int> Hidden, int ReplayCapacity, int BatchSize, bool LazyOutput = false, DqnNetwork Network = DqnNetwork.JointOutput)
{
    public double EpsilonDecayFor(int users) => EpsilonDecay[Math.Clamp(users, 1, EpsilonDecay.Count) - 1];

    public int HiddenFor(int users) => Hidden[Math.Clamp(users, 1, Hidden.Count) - 1];
}
