using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// A task's share of eq. (9), paper 002: r = I(T &lt;= D) x Acc x sigmoid(k (D - T) / D), with T the completion time
/// (eq. (8)), D the deadline and k the steepness. The indicator pays nothing for a late task; the sigmoid of the
/// slack, in (0.5, sigmoid(k)] for a task on time, trades accuracy against completion time. The text lost the
/// function; this form is the assumption of docs/assumptions.md, "Paper 002". It never increases with T.
/// </summary>
public static class DeadlineReward
{
    public static double Of(double accuracy, double completionSeconds, double deadlineSeconds, double steepness) =>
        completionSeconds <= deadlineSeconds
            ? accuracy * Sigmoid.Of(steepness * (deadlineSeconds - completionSeconds) / deadlineSeconds)
            : 0.0;
}
