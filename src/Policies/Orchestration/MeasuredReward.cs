using MecActors.Core.Emulation;

namespace MecActors.Policies.Orchestration;

/// <summary>eq. (4) over a step's measured response times (Algorithm 1, lines 9-10); a task that did not run counts with no accuracy.</summary>
public static class MeasuredReward
{
    public static double Of(IReadOnlyList<TaskRecord> records, double threshold, double maxResponseSeconds)
    {
        var responses = new double[records.Count];
        var accuracies = new double[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            responses[i] = records[i].DelayS;
            accuracies[i] = records[i].Ran ? records[i].Accuracy : 0.0;
        }

        return OrchestrationReward.Of(responses, accuracies, threshold, maxResponseSeconds);
    }
}
