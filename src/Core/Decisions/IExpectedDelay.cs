namespace MecActors.Core.Decisions;

/// <summary>
/// A policy whose analytic model predicts the mean delay of its tasks (paper 001's expected latency): hosts print it
/// beside the emulated mean, so the model can be checked against the emulation.
/// </summary>
public interface IExpectedDelay
{
    double ExpectedDelaySeconds { get; }
}
