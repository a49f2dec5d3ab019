namespace MecActors.Policies.Learning.JointA2C;

/// <summary>
/// Hyper-parameters of the A2C agent. The learning rate (7e-4, Adam) is paper 000's; the rest are assumptions,
/// listed with their reasons in docs/assumptions.md.
/// </summary>
public sealed record A2CSettings(
    int[] Hidden,
    double LearningRate,
    double Gamma,
    int NSteps,
    double EntropyCoefficient,
    double ValueCoefficient,
    double MaxGradientNorm,
    int AnnealSlots,
    double AnnealFloor)
{
    public static A2CSettings Paper { get; } = new([64, 64], 7e-4, 0.0, 2, 0.05, 0.5, 0.5, 50_000, 0.1);

    /// <summary>
    /// The factor on the learning rate and the entropy bonus after <paramref name="trainedSlots"/> training slots:
    /// linear from 1 down to <see cref="AnnealFloor"/> at <see cref="AnnealSlots"/>, then constant.
    /// </summary>
    public double Anneal(long trainedSlots) =>
        AnnealSlots <= 0 ? 1.0 : Math.Max(AnnealFloor, 1.0 - (1.0 - AnnealFloor) * trainedSlots / AnnealSlots);
}
