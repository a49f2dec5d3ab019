namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// The training settings of an agent that quantises a relaxed action into candidates and learns the best one (DROO's
/// scheme, shared by GRL and GRLE): the optimiser's learning rate, the replay memory, the batch drawn from it, how
/// many slots pass between two trainings, K, the number of candidates (0: one per task, DROO's K = N), and the standard
/// deviation of the noise added to the relaxed action while training (0: none, as in DROO).
/// </summary>
public sealed record QuantisedAgentSettings(double LearningRate, int MemorySize, int BatchSize, int TrainingInterval, int Candidates, double ExplorationNoise = 0.0)
{
    /// <summary>revenol/DROO's main script: Adam at 0.01, memory 1024, batch 128, a training every 10 frames, K = N.</summary>
    public static QuantisedAgentSettings Droo { get; } = new(0.01, 1024, 128, 10, 0);

    /// <summary>
    /// Paper 002, Sec. VI-A: Adam at 1e-3 and a replay memory of 128; the batch and interval (lost) are assumptions
    /// (docs/assumptions.md, "Paper 002"): 32 samples every 5 slots, and while training a N(0, 0.1) noise on the relaxed
    /// action before quantising (without it the shared actor settles on one option for every device and stops exploring).
    /// </summary>
    public static QuantisedAgentSettings Graph { get; } = new(1e-3, 128, 32, 5, 0, 0.1);
}
