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
    /// <param name="checkpointEvery">Slots between the run's checkpoints, from which the next singleton resumes it; 0: none, it runs the run again from the first slot.</param>
    /// <param name="checkpointRoot">
    /// A directory every node can read, in which the run's checkpoints go to a directory of its own, removed when the
    /// run ends; null: <see cref="LearnerCheckpoints.DefaultRoot"/>.
    /// </param>
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
        Action<LearnerHandOver>? onHandOver = null,
        int checkpointEvery = 0,
        string? checkpointRoot = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(checkpointEvery);
        var completion = new TaskCompletionSource<PolicyRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = Guid.NewGuid().ToString("N");
        var directory = LearnerCheckpoints.RunDirectory(checkpointRoot ?? LearnerCheckpoints.DefaultRoot, id);
        var submission = new ClusterRunCommands.SubmitRun(
            id, scenario, policy, slots, seed, parameters, ActorRefs.Nobody, ActorRefs.Nobody, keepLearning,
            checkpointEvery, checkpointEvery > 0 ? Path.Combine(directory, LearnerCheckpoints.FileName) : null);
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
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
