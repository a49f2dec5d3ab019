namespace MecActors.Policies.Orchestration;

/// <summary>
/// eq. (4), paper 003: the negative average response time when the step's average accuracy reaches the threshold, else
/// "the minimum possible reward" (Sec. 4.2): the negative maximum response time a step allows, its length, since every
/// request of a step ends within it. (The largest response of the step itself would pay a violation with all devices on
/// the smallest variant better than any action within the threshold.) The threshold counts as reached at equality, so
/// that Max (every device on the most accurate variant) is attainable. Seconds.
/// </summary>
public static class OrchestrationReward
{
    private const double Tolerance = 1e-9;

    public static double Of(ReadOnlySpan<double> responses, ReadOnlySpan<double> accuracies, double threshold, double maxResponseSeconds)
    {
        if (responses.Length == 0)
        {
            return 0.0;
        }

        var sum = 0.0;
        var accuracy = 0.0;
        for (var i = 0; i < responses.Length; i++)
        {
            sum += responses[i];
            accuracy += accuracies[i];
        }

        return accuracy / responses.Length >= threshold - Tolerance ? -sum / responses.Length : -maxResponseSeconds;
    }
}
