using Akka.Actor;
using Akka.Event;

namespace MecActors.Actors;

/// <summary>
/// The supervision of the actors that drive resources: a crashed server (<see cref="ServerCrashed"/>) is stopped and
/// created again, logged as the fault it is rather than as an error; any other failure gets <c>otherwise</c>.
/// </summary>
public sealed class CrashRestartStrategy : OneForOneStrategy
{
    public CrashRestartStrategy(Func<Exception, Directive> otherwise)
        : base(e => e is ServerCrashed ? Directive.Restart : otherwise(e))
    {
    }

    protected override void LogFailure(IActorContext context, IActorRef child, Exception cause, Directive directive)
    {
        if (cause is ServerCrashed crashed)
        {
            context.GetLogger().Info("{0}", crashed.Message);
            return;
        }

        base.LogFailure(context, child, cause, directive);
    }
}
