namespace MecActors.Cli.Experiments;

/// <summary>
/// Which workload episodes serve what, so that training, validation and evaluation never overlap (docs/architecture.md,
/// "Episodes"). Training runs episodes 1, 2, ... (one per scenario length of training steps) and must stop before
/// <see cref="FirstValidation"/>; episodes from there up to <see cref="BlockStart"/> are validation workloads for
/// calibrating assumed values; evaluation uses episode 0 (today's evaluation workload) and then
/// <see cref="BlockStart"/> + 1, + 2, ..., which neither ever reaches.
/// </summary>
internal static class EvaluationEpisodes
{
    public const int FirstValidation = 990;

    public const int BlockStart = 1_000_000;

    /// <summary>
    /// The <paramref name="count"/> episodes to evaluate on: with <paramref name="first"/> null, the evaluation block
    /// (0, 1000001, 1000002, ...); otherwise first, first + 1, ... (e.g. validation workloads 990-999).
    /// </summary>
    public static IReadOnlyList<int> For(int? first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (first is { } start)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(start);
            if ((long)start + count - 1 > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, $"episodes from {start} on would pass {int.MaxValue}");
            }

            return Enumerable.Range(start, count).ToArray();
        }

        return [0, .. Enumerable.Range(BlockStart + 1, count - 1)];
    }

    /// <summary>The most training steps whose episodes (of <paramref name="episodeSlots"/> slots) stay below the validation ones.</summary>
    public static long MaxTrainingSteps(int episodeSlots) => (long)(FirstValidation - 1) * Math.Max(1, episodeSlots);

    /// <exception cref="Commands.BadInputException">Training <paramref name="steps"/> would reach the validation episodes.</exception>
    public static void CheckTraining(int steps, int episodeSlots, string option)
    {
        var most = MaxTrainingSteps(episodeSlots);
        if (steps > most)
        {
            throw new Commands.BadInputException(
                $"{option}: {steps} steps in episodes of {episodeSlots} slots would train on episode {FirstValidation} or later, " +
                $"which are held out for validation and evaluation; at most {most} steps");
        }
    }
}
