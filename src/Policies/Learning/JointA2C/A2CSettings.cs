namespace MecActors.Policies.Learning.JointA2C;

/// <summary>
/// Hyper-parameters of the A2C agent. The learning rate (7e-4, Adam) is paper 000's; the rest are the
/// usual A2C defaults, listed as assumptions in docs/assumptions.md.
/// </summary>
public sealed record A2CSettings(
    int[] Hidden,
    double LearningRate,
    double Gamma,
    int NSteps,
    double EntropyCoefficient,
    double ValueCoefficient,
    double MaxGradientNorm,
    RewardCredit Credit)
{
    public static A2CSettings Paper { get; } = new([128, 128], 7e-4, 0.5, 5, 0.01, 0.5, 0.5, RewardCredit.PerDevice);
}

/// <summary>How the slot's reward R(t) = -(1/U) sum_u [alpha D_u - beta Acc_u] reaches the device heads.</summary>
public enum RewardCredit
{
    /// <summary>Every head is credited with R(t) itself, against one state value.</summary>
    Global,

    /// <summary>
    /// Each head is credited with its own device's term of R(t) plus the delay its presence imposes on the
    /// other tasks at its edge (a difference reward), against a per-device value: the same objective
    /// decomposed, with far less variance than crediting 30 heads with one shared number.
    /// </summary>
    PerDevice,
}
