using Akka.Actor;
using MecActors.Actors.Protocol;

namespace MecActors.Actors;

/// <summary>
/// What every coordinator of a run (one process, realtime, cluster) does the same way: a step that throws, or a
/// child that fails, ends the run with its reason (<see cref="Fail"/>) instead of losing the tasks it holds to a
/// restart; and the next slot's caches go to the edges.
/// </summary>
public abstract class SlotCoordinatorActor : ReceiveActor
{
    /// <summary>Tells the run's client why it failed and stops.</summary>
    protected abstract void Fail(Exception e);

    protected void Guarded(Action step)
    {
        try
        {
            step();
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    /// <summary>
    /// A failing resource would lose its queue if restarted, so any failure ends the run with its reason; but a crashed
    /// server restarts, with the work that came after its crash (<see cref="ServerCrashed"/>).
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => new CrashRestartStrategy(e =>
    {
        Fail(e);
        return Directive.Stop;
    });

    /// <summary>Z for slot <paramref name="slot"/>, one row per edge server.</summary>
    protected static void Place(IReadOnlyList<IActorRef> edges, int slot, bool[][] placement)
    {
        for (var n = 0; n < edges.Count; n++)
        {
            edges[n].Tell(new SlotCommands.PlaceModels(slot, placement[n]));
        }
    }
}
