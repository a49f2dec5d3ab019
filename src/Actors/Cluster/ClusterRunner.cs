using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;

namespace MecActors.Actors.Cluster;

/// <summary>Runs one policy on a cluster from a submitter: hands the run to the learning coordinator and collects its records here.</summary>
public static class ClusterRunner
{
    /// <param name="learner">The learning coordinator (<see cref="MecCluster.LearnerProxy"/>).</param>
    /// <param name="parameters">A learning policy's trained weights, or null.</param>
    /// <param name="timeout">The whole run's budget; a run that outlives it (a lost node that took the singleton with it) fails.</param>
    /// <param name="keepLearning">A learning policy goes on learning from the run's feedback (see <see cref="ClusterRunCommands.SubmitRun"/>).</param>
    public static async Task<PolicyRun> RunAsync(
        ActorSystem submitter,
        IActorRef learner,
        ScenarioSpec scenario,
        string policy,
        byte[]? parameters,
        int slots,
        int seed,
        TimeSpan timeout,
        Action<int, int>? onSlotClosed = null,
        bool keepLearning = false)
    {
        var completion = new TaskCompletionSource<PolicyRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = Guid.NewGuid().ToString("N");
        var client = submitter.ActorOf(RunClientActor.Props(completion, onSlotClosed), $"run-client-{id}");
        var metrics = submitter.ActorOf(MetricsActor.Props(), $"metrics-{id}");
        try
        {
            learner.Tell(new ClusterRunCommands.SubmitRun(id, scenario, policy, slots, seed, parameters, metrics, client, keepLearning));
            try
            {
                return await completion.Task.WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{policy}: the cluster did not finish the run within {timeout}");
            }
        }
        finally
        {
            submitter.Stop(metrics);
            submitter.Stop(client);
        }
    }
}
