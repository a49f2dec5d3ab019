using Akka.Actor;
using Akka.Cluster.Tools.Singleton;

namespace MecActors.Actors.Cluster;

/// <summary>
/// What runs where: every worker hosts cells (the shard region) and a candidate for the learning coordinator
/// singleton; a submitter only joins, asks the singleton to run, and collects the records.
/// </summary>
public static class MecCluster
{
    public const string WorkerRole = "worker";

    public const string SubmitterRole = "submitter";

    public const string LearnerName = "learner";

    /// <summary>Starts a worker's share of the cluster: its shard region for cells and its singleton manager.</summary>
    public static void StartWorker(ActorSystem system)
    {
        CellSharding.Start(system, WorkerRole);
        system.ActorOf(
            ClusterSingletonManager.Props(
                LearnerActor.Props(),
                PoisonPill.Instance,
                ClusterSingletonManagerSettings.Create(system).WithRole(WorkerRole).WithSingletonName(LearnerName)),
            LearnerName);
    }

    /// <summary>A local stand-in for the learning coordinator, wherever the singleton lives.</summary>
    public static IActorRef LearnerProxy(ActorSystem system) =>
        system.ActorOf(
            ClusterSingletonProxy.Props(
                $"/user/{LearnerName}",
                ClusterSingletonProxySettings.Create(system).WithRole(WorkerRole).WithSingletonName(LearnerName)),
            $"learner-proxy-{Guid.NewGuid():N}");

    /// <summary>Completes when this member is Up; fails after <paramref name="timeout"/>.</summary>
    public static Task WhenUp(ActorSystem system, TimeSpan timeout)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        return up.Task.WaitAsync(timeout);
    }
}
