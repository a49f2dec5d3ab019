namespace MecActors.Core.Decisions;

/// <summary>
/// A policy whose whole state can be captured and put back, so that a run can resume it where it was: everything that
/// shapes its later decisions and learning (weights, optimiser moments, step counters, random stream positions,
/// experience not yet learned from). A policy holding none captures nothing.
/// </summary>
public interface IResumablePolicy
{
    byte[] CaptureState();

    /// <summary>Puts back a capture of a policy built the same way (same scenario, kind and settings).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a capture of such a policy.</exception>
    void RestoreState(byte[] state);
}
