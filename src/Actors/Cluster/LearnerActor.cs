using Akka.Actor;
using Akka.Cluster.Sharding;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Policies;

namespace MecActors.Actors.Cluster;

/// <summary>
/// The learning coordinator, a cluster singleton: it holds the policies and runs each submitted run's slot
/// barrier (<see cref="ClusterCoordinatorActor"/>) over the cells, which the shard region spreads over the nodes.
/// One policy set per run, created here from the catalog, the seed and the submitted parameters, so that the
/// same submission decides identically whichever node hosts the singleton.
/// </summary>
public sealed class LearnerActor : ReceiveActor
{
    public LearnerActor()
    {
        Receive<ClusterRunCommands.SubmitRun>(OnSubmit);
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new LearnerActor());

    private void OnSubmit(ClusterRunCommands.SubmitRun submit)
    {
        var name = $"run-{submit.RunId}";

        // A submission sent again while its first copy was on its way (see ClusterRunClientActor).
        if (!Context.Child(name).IsNobody())
        {
            return;
        }

        PolicySet policies;
        var system = new SystemView(submit.Scenario);
        try
        {
            policies = EvaluationPolicies.Create(submit.Policy, system, submit.Seed, submit.Parameters, submit.KeepLearning);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException)
        {
            submit.ReplyTo.Tell(new RunEvents.RunFailed($"{submit.Policy}: {e.Message}"));
            return;
        }

        var cells = ClusterSharding.Get(Context.System).ShardRegion(CellSharding.TypeName);
        var coordinator = Context.ActorOf(
            ClusterCoordinatorActor.Props(system, policies, submit.Seed, submit.RunId, cells, submit.Metrics, submit.CheckpointEvery, submit.CheckpointFile),
            name);
        coordinator.Tell(new RunCommands.StartRun(submit.Slots, submit.ReplyTo));
    }
}
