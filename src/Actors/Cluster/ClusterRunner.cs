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
    /// <param name="timeout">The whole run's budget, replays after a lost learning coordinator included; a run that outlives it fails.</param>
    /// <param name="keepLearning">A learning policy goes on learning from the run's feedback (see <see cref="ClusterRunCommands.SubmitRun"/>).</param>
    /// <param name="onHandOver">Told each time the run's coordinator was lost and the next singleton took the run over (see <see cref="ClusterRunClientActor"/>).</param>
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
        bool keepLearning = false,
        Action<LearnerHandOver>? onHandOver = null)
    {
        var completion = new TaskCompletionSource<PolicyRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = Guid.NewGuid().ToString("N");
        var submission = new ClusterRunCommands.SubmitRun(id, scenario, policy, slots, seed, parameters, ActorRefs.Nobody, ActorRefs.Nobody, keepLearning);
        var client = submitter.ActorOf(ClusterRunClientActor.Props(submission, learner, completion, onSlotClosed, onHandOver), $"run-client-{id}");
        try
        {
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
            submitter.Stop(client);
        }
    }
}
